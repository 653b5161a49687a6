import {
  type CallOptions,
  decodeCursor,
  encodeCursor,
  iterateAll,
  type ListQuery,
  listAll,
  type Page,
  PaginationError,
  webhookError,
  type WebhookError,
} from '@unihook/core'
import { memoryProvider } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { left, right } from './helpers.js'

async function seeded(count: number) {
  const provider = memoryProvider({ capabilities: { maxWebhooks: 100 } })
  for (let i = 0; i < count; i++) await right(provider.create({ url: `https://hooks.example.com/${i}`, events: ['thing.created'] }))
  return provider
}

const listCalls = (provider: Awaited<ReturnType<typeof seeded>>) => provider.calls.filter((c) => c.operation === 'list').map((c) => c.args[0] as ListQuery)

/** A lister over fixed pages, keyed by cursor, recording each query. */
function scripted(pages: Record<string, Page<number> | WebhookError>) {
  const queries: (ListQuery | undefined)[] = []
  const calls: (CallOptions | undefined)[] = []
  return {
    queries,
    calls,
    list(query?: ListQuery, opts?: CallOptions) {
      queries.push(query)
      calls.push(opts)
      const page = pages[query?.cursor ?? 'start']
      if (page === undefined) throw new Error(`no page for ${query?.cursor}`)
      return 'items' in page ? TE.right(page) : TE.left(page)
    },
  }
}

const boom = webhookError('ProviderError', { provider: 'scripted', operation: 'list' }, 'page 2 failed', { status: 500 })

describe('iterateAll', () => {
  it('yields every item exactly once across pages, in order', async () => {
    const provider = await seeded(23)
    const urls: string[] = []
    for await (const webhook of iterateAll(provider, { maxItems: Infinity, pageSize: 5 })) urls.push(webhook.url)
    expect(urls).toEqual(Array.from({ length: 23 }, (_, i) => `https://hooks.example.com/${i}`))
    expect(new Set(urls).size).toBe(23)
    const queries = listCalls(provider)
    expect(queries).toHaveLength(5)
    expect(queries.every((q) => q.pageSize === 5)).toBe(true)
    expect(queries[0]!.cursor).toBeUndefined()
    expect(queries.slice(1).every((q) => typeof q.cursor === 'string')).toBe(true)
  })

  it('stops at maxItems, which is separate from the page size', async () => {
    const provider = await seeded(23)
    const seen: string[] = []
    for await (const webhook of iterateAll(provider, { maxItems: 7, pageSize: 5 })) seen.push(webhook.id)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    expect(listCalls(provider).map((q) => q.pageSize)).toEqual([5, 5])
  })

  it('does not fetch another page once maxItems is reached at a page boundary', async () => {
    const provider = await seeded(23)
    const items = await right(listAll(provider, { maxItems: 10, pageSize: 5 }))
    expect(items).toHaveLength(10)
    expect(listCalls(provider)).toHaveLength(2)
  })

  it('does not call the provider at all for maxItems 0', async () => {
    const provider = await seeded(3)
    expect(await right(listAll(provider, { maxItems: 0 }))).toEqual([])
    expect(listCalls(provider)).toHaveLength(0)
  })

  it('requires maxItems to be a number ≥ 0', async () => {
    const provider = await seeded(1)
    await expect(iterateAll(provider, { maxItems: -1 }).next()).rejects.toThrow(RangeError)
    await expect(iterateAll(provider, { maxItems: Number.NaN }).next()).rejects.toThrow(RangeError)
  })

  it('passes filters and call options to every page', async () => {
    const lister = scripted({ start: { items: [1, 2], nextCursor: 'c2' }, c2: { items: [3] } })
    const items = await right(listAll(lister, { maxItems: Infinity, pageSize: 2, url: 'https://x.test' }, { account: 'acct_9' }))
    expect(items).toEqual([1, 2, 3])
    expect(lister.queries).toEqual([
      { pageSize: 2, url: 'https://x.test' },
      { pageSize: 2, url: 'https://x.test', cursor: 'c2' },
    ])
    expect(lister.calls).toEqual([{ account: 'acct_9' }, { account: 'acct_9' }])
  })

  it('surfaces an error in the middle of the walk, after the items already yielded', async () => {
    const lister = scripted({ start: { items: [1, 2, 3], nextCursor: 'c2' }, c2: boom })
    const seen: number[] = []
    let caught: unknown
    try {
      for await (const n of iterateAll(lister, { maxItems: Infinity })) seen.push(n)
    } catch (error) {
      caught = error
    }
    expect(seen).toEqual([1, 2, 3])
    expect(caught).toBeInstanceOf(PaginationError)
    const pagination = caught as PaginationError
    expect(pagination.error).toBe(boom)
    expect(pagination.itemsYielded).toBe(3)
    expect(pagination.message).toBe('ProviderError while listing scripted after 3 items: page 2 failed')
  })

  it('surfaces an injected provider failure on a later page through listAll as a Left', async () => {
    const provider = await seeded(12)
    const walk = iterateAll(provider, { maxItems: Infinity, pageSize: 5 })
    const first = await walk.next()
    expect(first.done).toBe(false)
    provider.faults.failNext(1, { status: 503 }, { method: 'list' })
    for (let i = 0; i < 4; i++) await walk.next()
    await expect(walk.next()).rejects.toMatchObject({ name: 'PaginationError', itemsYielded: 5, error: { _tag: 'ProviderError', status: 503 } })

    provider.faults.failNext(1, { status: 429, retryAfter: 2 }, { method: 'list' })
    const error = await left(listAll(provider, { maxItems: Infinity, pageSize: 5 }))
    expect(error).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 2000 })
  })

  it('ends with an error instead of looping when the provider repeats a cursor', async () => {
    const lister = scripted({ start: { items: [1], nextCursor: 'again' }, again: { items: [2], nextCursor: 'again' } })
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const n of iterateAll(lister, { maxItems: 100 })) seen.push(n)
      })(),
    ).rejects.toMatchObject({
      name: 'PaginationError',
      itemsYielded: 2,
      error: { _tag: 'ProviderError', message: 'the provider returned the cursor again twice' },
    })
    expect(seen).toEqual([1, 2])
  })

  it('gives listAll a Left, not a rejection, when the provider repeats a cursor', async () => {
    const lister = {
      provider: 'looping',
      list: (query?: ListQuery) => TE.right<WebhookError, Page<number>>({ items: [query?.cursor ? 2 : 1], nextCursor: 'same' }),
    }
    const result = await listAll(lister, { maxItems: 100 })()
    expect(E.isLeft(result)).toBe(true)
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'ProviderError',
      provider: 'looping',
      operation: 'list',
      retryable: false,
      message: 'the provider returned the cursor same twice',
    })
  })

  it('stops at an empty page even when it carries a cursor', async () => {
    const lister = scripted({ start: { items: [1], nextCursor: 'c2' }, c2: { items: [], nextCursor: 'c3' } })
    expect(await right(listAll(lister, { maxItems: Infinity }))).toEqual([1])
    expect(lister.queries).toHaveLength(2)
  })
})

describe('listAll', () => {
  it('collects every item as a TaskEither', async () => {
    const provider = await seeded(8)
    const items = await right(listAll(provider, { maxItems: Infinity, pageSize: 3 }))
    expect(items.map((w) => w.url)).toEqual(Array.from({ length: 8 }, (_, i) => `https://hooks.example.com/${i}`))
  })

  it('returns the first failure as a Left', async () => {
    const lister = scripted({ start: { items: [1], nextCursor: 'c2' }, c2: boom })
    const result = await listAll(lister, { maxItems: Infinity })()
    expect(E.isLeft(result) && result.left).toBe(boom)
  })
})

describe('cursors', () => {
  it('round-trip positions through an opaque, URL-safe string', () => {
    // Runs of '>' and '?' encode to '+' and '/' in plain base64, whatever their alignment.
    const positions: Record<string, string | number>[] = [{ offset: 10 }, { id: 'wh_ü/+?=&', n: 3 }, { skip: 0, account: 'acc_1' }, { s: '>>>>>>>>????????' }]
    expect(btoa(JSON.stringify(positions[3]))).toMatch(/\+.*\/|\/.*\+/)
    for (const position of positions) {
      const cursor = encodeCursor(position)
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(decodeCursor(cursor)).toEqual(position)
      // The base64url of the UTF-8 JSON, as every earlier release wrote it: cursors already issued stay valid.
      expect(cursor).toBe(Buffer.from(JSON.stringify(position)).toString('base64url'))
    }
  })

  it('does not expose the position in clear text', () => {
    expect(encodeCursor({ next: 'wh_secret_id' })).not.toContain('wh_secret_id')
  })

  it('gives undefined for garbage', () => {
    for (const garbage of ['', '!!!', 'not a cursor', 'abc', encodeCursor({ a: 1 }).slice(0, -3), btoa('[1,2]'), btoa('42'), btoa('null')]) {
      expect([garbage, decodeCursor(garbage)]).toEqual([garbage, undefined])
    }
  })
})
