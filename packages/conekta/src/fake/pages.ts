/**
 * The fake's cursor pagination, in Conekta's list envelope. Items are listed newest first; `next=<id>`
 * pages forward (to older items) from that id and `previous=<id>` backward, and the envelope carries
 * full page URLs. Every id ever issued keeps its creation position, so a cursor naming an item deleted
 * since still pages from where it stood.
 *
 * The items are kept in creation order, so a page finds its cursor by binary search and reads only its
 * own items plus one neighbour each way: an unfiltered page costs O(limit + log n), whatever the store
 * holds. A filtered page also skips the items that do not match.
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

export type PageCursor = { readonly next: string } | { readonly previous: string }

export interface OrderedStore<T extends { readonly id: string }> {
  readonly size: number
  get(id: string): T | undefined
  /** Adds an item whose id `positionOf` knows; ids are issued in increasing position. */
  add(item: T): void
  remove(id: string): boolean
  clear(): void
  /** Oldest first (copies of the references). */
  values(): T[]
  /** The newest item that `match` accepts. */
  newest(match: (item: T) => boolean): T | undefined
  /** One page, newest first; `undefined` when the cursor names no id ever issued. */
  page(params: PageParams, match: (item: T) => boolean, pageUrl: (cursor: PageCursor) => string): ListEnvelope<T> | undefined
}

export function createOrderedStore<T extends { readonly id: string }>(positionOf: (id: string) => number | undefined): OrderedStore<T> {
  const byId = new Map<string, T>()
  // Ascending creation position; appends stay sorted because positions only grow.
  const ordered: T[] = []
  const pos = (item: T) => positionOf(item.id) ?? 0

  /** The first index whose position is greater than `at` (binary search). */
  function firstAbove(at: number): number {
    let low = 0
    let high = ordered.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (pos(ordered[mid] as T) > at) high = mid
      else low = mid + 1
    }
    return low
  }

  /** Collects up to `limit` matching items walking from `from` by `step`; returns them and where the walk stopped. */
  function walk(from: number, step: 1 | -1, limit: number, match: (item: T) => boolean): { items: T[]; stop: number } {
    const items: T[] = []
    let i = from
    for (; i >= 0 && i < ordered.length && items.length < limit; i += step) {
      const item = ordered[i] as T
      if (match(item)) items.push(item)
    }
    return { items, stop: i }
  }

  const anyFrom = (from: number, step: 1 | -1, match: (item: T) => boolean) => walk(from, step, 1, match).items.length > 0

  return {
    get size() {
      return byId.size
    },
    get: (id) => byId.get(id),
    add(item) {
      byId.set(item.id, item)
      ordered.push(item)
    },
    remove(id) {
      const item = byId.get(id)
      if (!item) return false
      byId.delete(id)
      ordered.splice(firstAbove(pos(item)) - 1, 1)
      return true
    },
    clear() {
      byId.clear()
      ordered.length = 0
    },
    values: () => [...ordered],
    newest: (match) => walk(ordered.length - 1, -1, 1, match).items[0],
    page(params, match, pageUrl) {
      let data: T[]
      let moreAfter: boolean
      let moreBefore: boolean
      if (params.previous !== undefined) {
        const at = positionOf(params.previous)
        if (at === undefined) return undefined
        const start = firstAbove(at)
        const { items, stop } = walk(start, 1, params.limit, match)
        data = items.reverse()
        moreBefore = anyFrom(stop, 1, match)
        moreAfter = anyFrom(start - 1, -1, match)
      } else {
        const at = params.next === undefined ? Number.POSITIVE_INFINITY : positionOf(params.next)
        if (at === undefined) return undefined
        // The newest item older than the cursor: everything below the first position >= at.
        const start = firstAbove(at - 1) - 1
        const { items, stop } = walk(start, -1, params.limit, match)
        data = items
        moreAfter = anyFrom(stop, -1, match)
        moreBefore = anyFrom(start + 1, 1, match)
      }
      const hasData = data.length > 0
      const first = data[0]
      const last = data[data.length - 1]
      return {
        has_more: params.previous !== undefined ? moreBefore && hasData : moreAfter && hasData,
        object: 'list',
        next_page_url: moreAfter && hasData && last ? pageUrl({ next: last.id }) : null,
        previous_page_url: moreBefore && hasData && first ? pageUrl({ previous: first.id }) : null,
        data,
      }
    },
  }
}
