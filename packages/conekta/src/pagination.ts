/**
 * Conekta's cursor pagination behind core's opaque cursor. A page answers `has_more` and
 * `next_page_url` (`…?limit=20&next=<id>`); the cursor holds the `next` value, read from that URL and,
 * when the URL is missing, taken as the last item's id (the value the API documents `next` to be).
 */

import { type CursorScope, type ErrorContext, issueCursor, localValidation, readIssuedCursor, type ValidationError } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { CONEKTA_ID } from './validation.js'

/** A cursor belongs to the Conekta list (webhooks, or webhook keys) and the child company (or none) that issued it. */
export const cursorScope = (account: unknown, list: 'conekta' | 'conekta.webhookKeys' = 'conekta'): CursorScope => ({
  provider: list,
  ...(typeof account === 'string' ? { account } : {}),
})

/** The `next` id inside a cursor this adapter issued for this account; it must look like a Conekta id before it is sent. */
export function readCursor(cursor: string | undefined, scope: CursorScope, ctx: ErrorContext): E.Either<ValidationError, string | undefined> {
  if (cursor === undefined) return E.right(undefined)
  const read = readIssuedCursor(cursor, scope)
  if (!read.ok) return E.left(localValidation(ctx, [{ path: 'cursor', message: read.message }]))
  const next = read.position.next
  return typeof next === 'string' && CONEKTA_ID.test(next)
    ? E.right(next)
    : E.left(localValidation(ctx, [{ path: 'cursor', message: 'holds no valid Conekta position' }]))
}

function nextFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url, 'https://api.conekta.io').searchParams.get('next') ?? undefined
  } catch {
    return undefined
  }
}

export function nextCursor(
  page: { readonly has_more: boolean; readonly next_page_url?: string; readonly data: readonly { readonly id: string }[] },
  scope: CursorScope,
): string | undefined {
  // An empty page that claims more would send a caller round in circles.
  if (!page.has_more || page.data.length === 0) return undefined
  const next = nextFromUrl(page.next_page_url) ?? page.data[page.data.length - 1]?.id
  return next === undefined ? undefined : issueCursor(scope, { next })
}
