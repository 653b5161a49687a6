/**
 * Wire <-> model for Razorpay webhooks: the entity to a `Webhook`, a create or a patch to a request
 * body, and list queries to `count`/`skip`/`from`/`to` behind an opaque cursor.
 */

import { decodeCursor, encodeCursor, makeWebhook, type ListQuery, type Secret, type SecretInfo, type Webhook } from '@unihook/core'
import type { WireCollection, WireWebhook } from './codecs.js'
import type { RazorpayEvent } from './events.js'
import { DEFAULT_PAGE_SIZE } from './ids.js'

export const PROVIDER = 'razorpay'

export interface MappingContext {
  /** The `acc_…` account the webhook was read from (the entity's `owner_id` lacks the prefix). */
  readonly account: string
  /** The secret unihook sent with this very call, returned once. */
  readonly secret?: Secret
  readonly warnings?: readonly string[]
}

export function toWebhook(wire: WireWebhook, ctx: MappingContext): Webhook<RazorpayEvent> {
  // `active` is the switch; `disabled_at` only speaks when `active` is missing.
  const enabled = wire.active ?? wire.disabled_at === undefined
  const secret: SecretInfo = ctx.secret
    ? { kind: 'value', value: ctx.secret }
    : wire.secret_exists
      ? { kind: 'present' }
      : { kind: 'none' }
  return makeWebhook<RazorpayEvent>({
    provider: PROVIDER,
    id: wire.id,
    url: wire.url,
    events: [...wire.events],
    status: enabled ? 'active' : 'disabled',
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    account: ctx.account,
    secret,
    warnings: ctx.warnings && ctx.warnings.length > 0 ? [...ctx.warnings] : undefined,
    raw: wire,
  })
}

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

/** The position a list call starts from: the query's filters, continued from its cursor when given. */
export function listPosition(query: ListQuery): PositionResult {
  const from = query.createdAfter ? seconds.after(query.createdAfter) : undefined
  const to = query.createdBefore ? seconds.before(query.createdBefore) : undefined
  if (query.cursor === undefined) return { ok: true, position: { skip: 0, from, to } }
  const decoded = decodeCursor(query.cursor)
  const skip = decoded?.skip
  if (!decoded || typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
    return { ok: false, message: 'is not a cursor this adapter issued' }
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
export function nextCursor(collection: WireCollection, position: ListPosition, pageSize: number | undefined): string | undefined {
  const requested = pageSize ?? DEFAULT_PAGE_SIZE
  if (collection.items.length < requested) return undefined
  const next: Record<string, number> = { skip: position.skip + collection.items.length }
  if (position.from !== undefined) next.from = position.from
  if (position.to !== undefined) next.to = position.to
  return encodeCursor(next)
}
