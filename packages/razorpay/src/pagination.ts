/**
 * Razorpay's offset pagination behind core's opaque cursor: list queries become `count`/`skip`/`from`/`to`,
 * and the cursor holds the next `skip` with the filters the walk was started with.
 */

import { type CursorScope, issueCursor, type ListQuery, readIssuedCursor } from '@unihook/core'
import type { WireCollection } from './codecs.js'
import { DEFAULT_PAGE_SIZE } from './ids.js'

/** Where a list walk stands: the offset, and the filters it was started with. */
export interface ListPosition {
  readonly skip: number
  readonly from?: number
  readonly to?: number
}

export type PositionResult = { readonly ok: true; readonly position: ListPosition } | { readonly ok: false; readonly message: string }

const seconds = {
  /** `from` is inclusive: a webhook created at 12:00:00 is not after 12:00:00.5, so round up. */
  after: (d: Date) => Math.ceil(d.getTime() / 1000),
  before: (d: Date) => Math.floor(d.getTime() / 1000),
}

/**
 * The largest offset a cursor may carry: Razorpay allows 30 webhooks per account, so a real walk stays
 * far below it, and a forged `skip` (say 1e20) is refused before it is sent.
 */
export const MAX_SKIP = 10_000

/** A cursor belongs to Razorpay and the sub-merchant account whose list issued it. */
export const cursorScope = (account: string): CursorScope => ({ provider: 'razorpay', account })

/** The position a list call starts from: the query's filters, continued from its cursor when given. */
export function listPosition(query: ListQuery, scope: CursorScope): PositionResult {
  const from = query.createdAfter ? seconds.after(query.createdAfter) : undefined
  const to = query.createdBefore ? seconds.before(query.createdBefore) : undefined
  if (query.cursor === undefined) return { ok: true, position: { skip: 0, from, to } }
  const read = readIssuedCursor(query.cursor, scope)
  if (!read.ok) return read
  const decoded = read.position
  const skip = decoded.skip
  if (typeof skip !== 'number' || !Number.isSafeInteger(skip) || skip < 0 || skip > MAX_SKIP) {
    return { ok: false, message: 'holds no valid Razorpay position' }
  }
  const same = (a: unknown, b: number | undefined) => (a === undefined ? b === undefined : a === b)
  if (!same(decoded.from, from) || !same(decoded.to, to)) {
    return { ok: false, message: 'was issued for other createdAfter/createdBefore filters; pass the same filters with it' }
  }
  return { ok: true, position: { skip, from, to } }
}

export function listParams(position: ListPosition, pageSize: number | undefined): Record<string, number | undefined> {
  return { count: pageSize ?? DEFAULT_PAGE_SIZE, skip: position.skip, from: position.from, to: position.to }
}

/**
 * Razorpay has no `has_more`: a full page means there may be more, so it carries a cursor; a short
 * page is the last. When the last page is exactly full, the next call returns an empty page.
 */
export function nextCursor(
  collection: Pick<WireCollection, 'items'>,
  position: ListPosition,
  pageSize: number | undefined,
  scope: CursorScope,
): string | undefined {
  const requested = pageSize ?? DEFAULT_PAGE_SIZE
  if (collection.items.length < requested) return undefined
  const next: Record<string, number> = { skip: position.skip + collection.items.length }
  if (position.from !== undefined) next.from = position.from
  if (position.to !== undefined) next.to = position.to
  return issueCursor(scope, next)
}
