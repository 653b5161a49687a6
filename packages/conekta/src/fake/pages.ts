/**
 * The fake's cursor pagination, in Conekta's list envelope. Items are listed newest first; `next=<id>`
 * pages forward from that id and `previous=<id>` backward, and the envelope carries full page URLs.
 */

export interface PageParams {
  readonly limit: number
  readonly next?: string
  readonly previous?: string
}

export interface ListEnvelope<T> {
  readonly has_more: boolean
  readonly object: 'list'
  readonly next_page_url: string | null
  readonly previous_page_url: string | null
  readonly data: readonly T[]
}

/**
 * `ordered` is newest first; `positionOf` gives any id ever issued its creation position, so a cursor
 * naming an item deleted since still pages from where it stood.
 */
export function paginate<T extends { readonly id: string }>(
  ordered: readonly T[],
  params: PageParams,
  positionOf: (id: string) => number | undefined,
  pageUrl: (cursor: { next: string } | { previous: string }) => string,
): ListEnvelope<T> | undefined {
  const seq = (item: T) => positionOf(item.id) ?? 0
  let start = 0
  let end = ordered.length
  if (params.next !== undefined) {
    const at = positionOf(params.next)
    if (at === undefined) return undefined
    start = ordered.findIndex((item) => seq(item) < at)
    if (start === -1) start = ordered.length
    end = Math.min(ordered.length, start + params.limit)
  } else if (params.previous !== undefined) {
    const at = positionOf(params.previous)
    if (at === undefined) return undefined
    end = ordered.findIndex((item) => seq(item) <= at)
    if (end === -1) end = ordered.length
    start = Math.max(0, end - params.limit)
  } else {
    end = Math.min(ordered.length, params.limit)
  }
  const data = ordered.slice(start, end)
  const moreAfter = end < ordered.length && data.length > 0
  const moreBefore = start > 0 && data.length > 0
  const last = data[data.length - 1]
  const first = data[0]
  return {
    has_more: params.previous !== undefined ? moreBefore : moreAfter,
    object: 'list',
    next_page_url: moreAfter && last ? pageUrl({ next: last.id }) : null,
    previous_page_url: moreBefore && first ? pageUrl({ previous: first.id }) : null,
    data,
  }
}
