import { describe, expect, it } from 'vitest'
import { createOrderedStore, type PageCursor } from '../src/fake/pages.js'

/** A store of `n` items whose reads are counted: what a page costs, measured in work, not time. */
function countedStore(n: number) {
  const positions = new Map<string, number>()
  const cost = { positions: 0, matches: 0 }
  const store = createOrderedStore<{ id: string }>((id) => {
    cost.positions++
    return positions.get(id)
  })
  for (let i = 1; i <= n; i++) {
    const id = `id${i}`
    positions.set(id, i)
    store.add({ id })
  }
  const match = () => {
    cost.matches++
    return true
  }
  const url = (cursor: PageCursor) => JSON.stringify(cursor)
  return { store, cost, match, url, positions }
}

describe('the Conekta fake’s ordered store', () => {
  it('reads a page’s own items and a neighbour each way, plus a binary search: not the store', () => {
    for (const n of [1_000, 100_000]) {
      const { store, cost, match, url } = countedStore(n)
      const pages = [{ limit: 20 }, { limit: 20, next: `id${n / 2}` }, { limit: 20, previous: `id${n / 2}` }]
      for (const params of pages) {
        cost.positions = 0
        cost.matches = 0
        const page = store.page(params, match, url)
        expect(page?.data).toHaveLength(20)
        expect(cost.matches).toBeLessThanOrEqual(20 + 2)
        expect(cost.positions).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n + 1)) + 2)
      }
    }
  })

  it('pages newest first, forward and back, and from a deleted cursor', () => {
    const { store, match, url } = countedStore(7)
    const ids = (page: ReturnType<typeof store.page>) => page?.data.map((item) => item.id)
    const first = store.page({ limit: 3 }, match, url)
    expect(ids(first)).toEqual(['id7', 'id6', 'id5'])
    expect(first).toMatchObject({ has_more: true, previous_page_url: null, next_page_url: url({ next: 'id5' }) })
    const second = store.page({ limit: 3, next: 'id5' }, match, url)
    expect(ids(second)).toEqual(['id4', 'id3', 'id2'])
    expect(second).toMatchObject({ has_more: true, previous_page_url: url({ previous: 'id4' }) })
    const last = store.page({ limit: 3, next: 'id2' }, match, url)
    expect(ids(last)).toEqual(['id1'])
    expect(last).toMatchObject({ has_more: false, next_page_url: null })
    const back = store.page({ limit: 3, previous: 'id4' }, match, url)
    expect(ids(back)).toEqual(['id7', 'id6', 'id5'])
    expect(back).toMatchObject({ has_more: false, previous_page_url: null, next_page_url: url({ next: 'id5' }) })
    expect(store.remove('id5')).toBe(true)
    expect(ids(store.page({ limit: 2, next: 'id5' }, match, url))).toEqual(['id4', 'id3'])
    expect(ids(store.page({ limit: 2, previous: 'id5' }, match, url))).toEqual(['id7', 'id6'])
    expect(store.page({ limit: 2, next: 'nope' }, match, url)).toBeUndefined()
    expect(ids(store.page({ limit: 2 }, (item) => item.id !== 'id7', url))).toEqual(['id6', 'id4'])
    expect(store.values().map((item) => item.id)).toEqual(['id1', 'id2', 'id3', 'id4', 'id6', 'id7'])
  })
})
