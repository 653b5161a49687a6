/**
 * Pagination. Every provider's `list` returns one `Page` with an opaque cursor; this module walks the
 * pages for callers who want every item, bounded by an explicit `maxItems`.
 */

import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { localValidation, type WebhookError, webhookError } from './errors.js'
import type { CallOptions, ListQuery, Page } from './model.js'

/** Options of `iterate`: a page size, filters, and a required upper bound on items. */
export interface IterateOptions extends Omit<ListQuery, 'cursor'> {
  /**
   * Stop after this many items. Required so that no loop over a provider is unbounded by accident;
   * pass `Infinity` to take everything.
   */
  readonly maxItems: number
}

/** Thrown by `iterateAll` when a page cannot be fetched. Carries the tagged error. */
export class PaginationError extends Error {
  override readonly name = 'PaginationError'
  constructor(
    readonly error: WebhookError,
    readonly itemsYielded: number,
  ) {
    super(`${error._tag} while listing ${error.provider} after ${itemsYielded} items: ${error.message}`)
  }
}

type Lister<T> = { list(query?: ListQuery, opts?: CallOptions): TaskEither<WebhookError, Page<T>> }

/**
 * Yields every item across pages, at most `maxItems` of them. A page that repeats a cursor already
 * seen ends the walk with an error instead of looping forever.
 */
export async function* iterateAll<T>(provider: Lister<T>, options: IterateOptions, call?: CallOptions): AsyncGenerator<T, void, undefined> {
  const { maxItems, ...query } = options
  if (!(maxItems >= 0)) throw new RangeError('iterateAll: maxItems must be a number ≥ 0 (Infinity for all)')
  let yielded = 0
  let cursor: string | undefined
  const seenCursors = new Set<string>()
  while (yielded < maxItems) {
    const page = await provider.list({ ...query, ...(cursor === undefined ? {} : { cursor }) }, call)()
    if (E.isLeft(page)) throw new PaginationError(page.left, yielded)
    for (const item of page.right.items) {
      if (yielded >= maxItems) return
      yielded++
      yield item
    }
    cursor = page.right.nextCursor
    if (cursor === undefined || page.right.items.length === 0) return
    if (seenCursors.has(cursor)) {
      // A PaginationError like any other failed page, so that `listAll` (and `plan`) return a Left
      // instead of rejecting.
      const name = (provider as { provider?: unknown }).provider
      const ctx = { provider: typeof name === 'string' ? name : 'unknown', operation: 'list' }
      throw new PaginationError(webhookError('ProviderError', ctx, `the provider returned the cursor ${cursor} twice`, { retryable: false }), yielded)
    }
    seenCursors.add(cursor)
  }
}

/** Collects `iterateAll` into an array, as a TaskEither. */
export function listAll<T>(provider: Lister<T>, options: IterateOptions, call?: CallOptions): TaskEither<WebhookError, T[]> {
  return async () => {
    const maxItems: unknown = options?.maxItems
    if (typeof maxItems !== 'number' || !(maxItems >= 0)) {
      const name = (provider as { provider?: unknown } | null)?.provider
      const ctx = { provider: typeof name === 'string' ? name : 'unknown', operation: 'list' }
      return E.left(localValidation(ctx, [{ path: 'maxItems', message: 'must be a number ≥ 0 (Infinity for all)' }]))
    }
    const items: T[] = []
    try {
      for await (const item of iterateAll(provider, options, call)) items.push(item)
      return E.right(items)
    } catch (error) {
      if (error instanceof PaginationError) return E.left(error.error)
      throw error
    }
  }
}

/** Opaque cursors: adapters encode their provider's position (an id, an offset) so callers cannot depend on it. */
export function encodeCursor(position: Record<string, string | number>): string {
  const json = JSON.stringify(position)
  // `btoa` takes bytes as characters: an ASCII text is its own UTF-8. Spreading the encoded bytes instead
  // cost ten times the rest of the list's cursor work, for every page.
  const binary = ASCII.test(json) ? json : String.fromCharCode(...new TextEncoder().encode(json))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const ASCII = /^[\x00-\x7f]*$/

/**
 * Reads a cursor made by `encodeCursor`; `undefined` for anything else, so adapters can refuse foreign
 * cursors locally.
 */
export function decodeCursor(cursor: string): Record<string, unknown> | undefined {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
    const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Who issued a cursor: a cursor is only valid for the provider and account whose list made it. */
export interface CursorScope {
  readonly provider: string
  readonly account?: string
}

/** Longest cursor accepted; the adapters' cursors are a few dozen characters. */
const MAX_CURSOR_LENGTH = 512

/** An opaque cursor that records who issued it, so `readIssuedCursor` can refuse it anywhere else. */
export function issueCursor(scope: CursorScope, position: Record<string, string | number>): string {
  return encodeCursor({ ...position, by: scope.provider, ...(scope.account === undefined ? {} : { for: scope.account }) })
}

/** What `readIssuedCursor` found: the position inside the cursor, or why the cursor is refused. */
export type CursorReading = { readonly ok: true; readonly position: Record<string, unknown> } | { readonly ok: false; readonly message: string }

/**
 * The position inside a cursor, when this provider issued it for this account; otherwise why not.
 * Adapters then check each field of the position before any of it reaches a request.
 */
export function readIssuedCursor(cursor: unknown, scope: CursorScope): CursorReading {
  const position = typeof cursor === 'string' && cursor.length <= MAX_CURSOR_LENGTH ? decodeCursor(cursor) : undefined
  if (!position || position.by !== scope.provider) return { ok: false, message: `is not a cursor this ${scope.provider} adapter issued` }
  if (position.for !== scope.account) return { ok: false, message: 'was issued for another account' }
  const { by: _by, for: _for, ...rest } = position
  return { ok: true, position: rest }
}
