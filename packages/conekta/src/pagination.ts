/**
 * Conekta's cursor pagination behind core's opaque cursor. A page answers `has_more` and
 * `next_page_url` (`…?limit=20&next=<id>`); the cursor holds the `next` value, read from that URL and,
 * when the URL is missing, taken as the last item's id (the value the API documents `next` to be).
 */

import { decodeCursor, encodeCursor, type ErrorContext, localValidation, type ValidationError } from '@unihook/core'
import * as E from 'fp-ts/Either'

export function readCursor(cursor: string | undefined, ctx: ErrorContext): E.Either<ValidationError, string | undefined> {
  if (cursor === undefined) return E.right(undefined)
  const position = typeof cursor === 'string' ? decodeCursor(cursor) : undefined
  return typeof position?.next === 'string' && position.next !== ''
    ? E.right(position.next)
    : E.left(localValidation(ctx, [{ path: 'cursor', message: 'is not a cursor this adapter issued' }]))
}

function nextFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url, 'https://api.conekta.io').searchParams.get('next') ?? undefined
  } catch {
    return undefined
  }
}

export function nextCursor(page: { readonly has_more: boolean; readonly next_page_url?: string; readonly data: readonly { readonly id: string }[] }): string | undefined {
  // An empty page that claims more would send a caller round in circles.
  if (!page.has_more || page.data.length === 0) return undefined
  const next = nextFromUrl(page.next_page_url) ?? page.data[page.data.length - 1]?.id
  return next === undefined ? undefined : encodeCursor({ next })
}
