/**
 * The transport under the faults that used to slip through: a body that breaks or is aborted while it
 * arrives, rate-limit headers other than `Retry-After`, waits above the cap on 503, call options that
 * no request can carry, a DELETE whose answer was lost, and URL credentials in escaped forms. Each
 * runs against a fake mounted under msw and served over real HTTP on loopback.
 */

import {
  anything,
  array,
  createTransport,
  deleteOutcome,
  failureByStatus,
  secret,
  struct,
  type TransportConfig,
  webhookError,
  type WebhookError,
} from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import { createFakeRuntime, type FakeRuntime, json, matchPath, type RecordedRequest } from '@unihook/core/testing'
import * as D from 'io-ts/Decoder'
import { mountFake } from '@unihook/core/testing/contract'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { elapsedSince, left, renderings, right } from './helpers.js'

const API_KEY = 'sk_test_4f8a1b2c3d9e7f60'
const Thing = struct({ id: D.string })
const ThingList = struct({ data: array(Thing) })

function createStore() {
  const things = new Map<string, { id: string }>([
    ['t1', { id: 't1' }],
    ['t2', { id: 't2' }],
  ])
  const route = (request: RecordedRequest): Response => {
    if (request.method === 'GET' && request.path === '/things') return json(200, { data: [...things.values()], padding: 'x'.repeat(2_000) })
    const params = matchPath('/things/:id', request.path)
    if (params && request.method === 'DELETE') {
      if (!things.delete(params.id!)) return json(404, { error: 'no such thing' })
      return json(200, { id: params.id, deleted: true })
    }
    if (request.method === 'POST' && request.path === '/things') return json(201, { id: 't3' })
    if (request.method === 'GET' && request.path === '/escaped') {
      return new Response('refused: https:\\/\\/admin:hunter2pass@hooks.example.com\\/in and https%3A%2F%2Fadmin%3Ahunter2pass%40h.test', { status: 400 })
    }
    return json(404, { error: 'no route' })
  }
  return { things, route }
}

const config = (baseUrl: string, overrides: Partial<TransportConfig> = {}): TransportConfig => ({
  provider: 'fakepay',
  baseUrl,
  secrets: [API_KEY],
  timeoutMs: 5_000,
  retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 },
  authenticate: (request) => request.headers.set('authorization', `Bearer ${API_KEY}`),
  mapFailure: (failure, ctx) =>
    failureByStatus(failure, ctx, `HTTP ${failure.status}: ${typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body)}`),
  ...overrides,
})

describe.each(['msw', 'http'] as const)('transport faults (%s)', (mode) => {
  let store: ReturnType<typeof createStore>
  let fake: FakeRuntime
  let baseUrl: string
  let close: () => Promise<void>

  beforeAll(async () => {
    store = createStore()
    fake = createFakeRuntime((request) => store.route(request))
    ;({ baseUrl, close } = await mountFake(mode, fake, 'https://api.fakepay.test'))
  })
  afterAll(async () => close())
  beforeEach(() => {
    fake.faults.clear()
    fake.clearRequests()
    store.things.set('t1', { id: 't1' })
  })

  const transport = (overrides: Partial<TransportConfig> = {}) => createTransport(config(baseUrl, overrides))
  const list = (overrides: Partial<TransportConfig> = {}) =>
    transport(overrides).request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList })

  describe('a connection that breaks while the body arrives', () => {
    it('is retried for a GET, which then succeeds', async () => {
      fake.faults.cutNext(1, { path: '/things' })
      expect((await right(list())).data.length).toBeGreaterThan(0)
      expect(fake.requests).toHaveLength(2)
    })

    it('is a retryable NetworkError carrying the status once the retries are spent, not a DecodeError', async () => {
      fake.faults.cutNext(3, { path: '/things' })
      const error = await left(list())
      expect(error).toMatchObject({ _tag: 'NetworkError', status: 200, retryable: true })
      expect(error.message).toContain('broke while its answer (HTTP 200) was arriving')
      expect(error).not.toHaveProperty('aborted')
      expect(fake.requests).toHaveLength(3)
    })

    it('is never retried for a POST', async () => {
      fake.faults.cutNext(1, { method: 'POST' })
      const error = await left(transport().request({ operation: 'create', method: 'POST', path: '/things', body: {}, decode: Thing }))
      expect(error._tag).toBe('NetworkError')
      expect(fake.requests).toHaveLength(1)
    })
  })

  describe('one rule for every header that names a wait', () => {
    it.each([
      ['RateLimit-Reset', () => ({ 'ratelimit-reset': '3600' }), 3_600_000],
      // Built when the test runs: a Unix time an hour from now.
      ['X-RateLimit-Reset as a Unix time', () => ({ 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }), 3_600_000],
      ['a garbled Retry-After before RateLimit-Reset', () => ({ 'retry-after': 'soon', 'ratelimit-reset': '3600' }), 3_600_000],
    ])('does not sleep through %s above the cap: RateLimited at once, with retryAfterMs', async (_name, headersNow, expected) => {
      fake.faults.failNext(3, { status: 429, headers: headersNow() }, { path: '/things' })
      const start = performance.now()
      const error = await left(list())
      const elapsed = elapsedSince(start)
      expect(error).toMatchObject({ _tag: 'RateLimited', status: 429 })
      const wait = (error as Extract<WebhookError, { _tag: 'RateLimited' }>).retryAfterMs!
      // A Unix time is read when the answer arrives, up to a second's rounding plus the call's own time later.
      expect(wait).toBeLessThanOrEqual(expected + 1_000)
      expect(wait).toBeGreaterThanOrEqual(expected - 1_000 - elapsed)
      // One request and no sleep: the cap (5 s) was not slept through.
      expect(fake.requests).toHaveLength(1)
      expect(elapsed).toBeLessThan(5_000)
    })

    it('waits for a RateLimit-Reset within the cap, like a Retry-After', async () => {
      fake.faults.failNext(1, { status: 429, headers: { 'ratelimit-reset': '0.2' } }, { path: '/things' })
      await right(list())
      expect(fake.requests).toHaveLength(2)
      expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(195)
    })

    it('gives the final RateLimited its retryAfterMs when the budget runs out within the cap', async () => {
      fake.faults.failNext(3, { status: 429, headers: { 'ratelimit-reset': '0.01' } }, { path: '/things' })
      const error = await left(list())
      expect(error).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 10 })
      expect(fake.requests).toHaveLength(3)
    })
  })

  it('gives a 503 whose Retry-After is above the cap as ProviderError with retryAfterMs, without waiting', async () => {
    fake.faults.failNext(3, { status: 503, retryAfter: 120 }, { path: '/things' })
    const start = performance.now()
    const error = await left(list())
    expect(error).toMatchObject({ _tag: 'ProviderError', status: 503, retryAfterMs: 120_000, retryable: true })
    expect(fake.requests).toHaveLength(1)
    expect(elapsedSince(start)).toBeLessThan(1_500)
  })

  describe('a retried DELETE', () => {
    const remove = (id: string) => transport().request({ operation: 'delete', method: 'DELETE', path: `/things/${id}`, decode: anything })

    it('that meets 404 after its first answer was lost says so on the NotFound', async () => {
      fake.faults.loseNext(1, { method: 'DELETE' })
      const error = await left(remove('t1'))
      expect(error).toMatchObject({ _tag: 'NotFound', afterUnansweredAttempt: true })
      expect(store.things.has('t1')).toBe(false)
      expect(fake.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE'])
    })

    it('that meets 404 after a 502 says so too', async () => {
      fake.faults.failNext(1, { status: 502 }, { method: 'DELETE' })
      expect(await left(remove('nope'))).toMatchObject({ _tag: 'NotFound', afterUnansweredAttempt: true })
    })

    it('that meets 404 at once, or after a 429, is a plain NotFound', async () => {
      expect(await left(remove('nope'))).not.toHaveProperty('afterUnansweredAttempt')
      fake.faults.failNext(1, { status: 429, retryAfter: 0 }, { method: 'DELETE' })
      expect(await left(remove('nope'))).not.toHaveProperty('afterUnansweredAttempt')
    })
  })

  it('redacts JSON-escaped and URL-encoded URL credentials in a provider error', async () => {
    const error = await left(transport().request({ operation: 'get', method: 'GET', path: '/escaped', decode: Thing }))
    expect(error._tag).toBe('ValidationError')
    for (const text of renderings(error)) expect(text).not.toContain('hunter2pass')
    expect(String(error.details)).toContain('https:\\/\\/***@hooks.example.com')
  })
})

describe('transport: a caller aborting while the body arrives', () => {
  it('is NetworkError with aborted, not a DecodeError or a Timeout', async () => {
    const stalled = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"data":[')) })
    let calls = 0
    const transport = createTransport(
      config('https://api.fakepay.test', {
        fetch: async () => {
          calls++
          return new Response(stalled(), { status: 200, headers: { 'content-type': 'application/json' } })
        },
      }),
    )
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const start = performance.now()
    const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { signal: controller.signal } }))
    expect(error).toMatchObject({ _tag: 'NetworkError', aborted: true, retryable: false })
    expect(elapsedSince(start)).toBeLessThan(1_500)
    expect(calls).toBe(1)
  })
})

describe('transport: what is checked before anything is sent', () => {
  const counting = () => {
    const state = { calls: 0 }
    const fetch = async () => {
      state.calls++
      return json(200, { data: [] })
    }
    return { state, fetch }
  }

  it.each([
    ['a string', 'not a signal'],
    ['a plain object', { aborted: false }],
  ])('refuses a signal that is %s as a local ValidationError, not a NetworkError', async (_name, signal) => {
    const { state, fetch } = counting()
    const transport = createTransport(config('https://api.fakepay.test', { fetch }))
    const error = await left(
      transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { signal: signal as unknown as AbortSignal } }),
    )
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'signal', message: 'must be an AbortSignal' }] })
    expect(state.calls).toBe(0)
  })

  it('refuses a header value no request can carry (non-Latin-1, line breaks) as a local ValidationError', async () => {
    const { state, fetch } = counting()
    const transport = createTransport(config('https://api.fakepay.test', { fetch }))
    for (const value of ['Compañía 東京', 'a\r\nx-injected: 1']) {
      const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', headers: { 'x-account': value }, decode: ThingList }))
      expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'headers.x-account' }] })
    }
    expect(state.calls).toBe(0)
  })

  it('turns a signing step that throws into a Left, never a rejection or a retried NetworkError', async () => {
    const { state, fetch } = counting()
    const transport = createTransport(
      config('https://api.fakepay.test', {
        fetch,
        prepare: () => {
          throw new Error(`cannot sign with ${API_KEY}`)
        },
      }),
    )
    const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList }))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local' })
    expect(error.message).not.toContain(API_KEY)
    expect(state.calls).toBe(0)
  })

  it.each(['http://user:hunter2pass@exa mple.com', 'not a url', 'ftp://files.example.com', ''])(
    'refuses the base URL %j when it is built, with a message that shows no credentials',
    (baseUrl) => {
      expect(() => createTransport(config(baseUrl))).toThrow(new TypeError('fakepay(): baseUrl must be an absolute http(s) URL'))
    },
  )

  it('keeps a secret out of errors in every form it may be echoed in', async () => {
    const planted = secret('sk/"live"+key=42xyz')
    const value = planted.reveal()
    const echoed = [value, JSON.stringify(value), encodeURIComponent(value), Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex')]
    const transport = createTransport(
      config('https://api.fakepay.test', { secrets: [planted], fetch: async () => new Response(`refused: ${echoed.join(' | ')}`, { status: 401 }) }),
    )
    const error = await left(transport.request({ operation: 'get', method: 'GET', path: '/things/1', decode: Thing }))
    expect(error._tag).toBe('AuthError')
    for (const text of renderings(error)) for (const form of [value, ...echoed.slice(2)]) expect(text).not.toContain(form.replace(/=+$/, ''))
  })
})

describe('deleteOutcome', () => {
  const ctx = { provider: 'fakepay', operation: 'delete' }
  const notFound = (afterUnansweredAttempt?: boolean) =>
    webhookError('NotFound', ctx, 'gone', { status: 404, ...(afterUnansweredAttempt === undefined ? {} : { afterUnansweredAttempt }) })

  it('is undefined when the provider confirmed the delete', async () => {
    expect(await right(deleteOutcome('t1', TE.right({ deleted: true })))).toBeUndefined()
  })

  it('is AlreadyDeleted, saying why, when a retry met NotFound after an unanswered attempt', async () => {
    const outcome = await right(deleteOutcome('t1', TE.left(notFound(true))))
    expect(outcome).toEqual({ alreadyDeleted: true, id: 't1', note: expect.stringContaining('the unanswered first attempt deleted it') })
  })

  it('keeps any other failure, a plain NotFound included', async () => {
    expect(await left(deleteOutcome('t1', TE.left(notFound())))).toMatchObject({ _tag: 'NotFound' })
    const timeout = webhookError('Timeout', ctx, 'slow', {})
    expect(await left(deleteOutcome('t1', TE.left(timeout)))).toBe(timeout)
  })
})
