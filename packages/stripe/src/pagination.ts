/**
 * Stripe's cursor paging behind core's opaque cursor. Stripe lists newest first and pages with
 * `starting_after` (the last id of the page before) while `has_more` is true; the cursor holds that id,
 * scoped to the account whose list issued it.
 */

import { type CursorScope, issueCursor, readIssuedCursor } from '@unihook/core'
import type { WireList } from './codecs.js'
import { WEBHOOK_ENDPOINT_ID } from './endpoints.js'

/** A cursor belongs to Stripe and the account (or the platform) whose list issued it. */
export const cursorScope = (account: string | undefined): CursorScope => ({ provider: 'stripe', ...(account === undefined ? {} : { account }) })

export type AfterResult = { readonly ok: true; readonly startingAfter?: string } | { readonly ok: false; readonly message: string }

/** The `starting_after` a cursor stands for (none for the first page), or why the cursor is refused. */
export function startingAfter(cursor: unknown, scope: CursorScope): AfterResult {
  if (cursor === undefined) return { ok: true }
  const read = readIssuedCursor(cursor, scope)
  if (!read.ok) return read
  const after = read.position.after
  return typeof after === 'string' && WEBHOOK_ENDPOINT_ID.test(after)
    ? { ok: true, startingAfter: after }
    : { ok: false, message: 'holds no valid Stripe position' }
}

/** The cursor of the next page: after this page's last endpoint, while Stripe says there are more. */
export function nextCursor(page: WireList, scope: CursorScope): string | undefined {
  const last = page.data.at(-1)
  return page.has_more && last ? issueCursor(scope, { after: last.id }) : undefined
}
