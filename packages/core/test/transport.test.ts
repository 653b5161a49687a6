/**
 * The HTTP transport against a small fake, in both harness modes: mounted under msw in-process, and
 * served over real HTTP on loopback with `serveFake`.
 */

import { createHmac } from 'node:crypto'
import { inspect } from 'node:util'
import {
  array,
  buildUrl,
  createRateBudget,
  createTransport,
  failureByStatus,
  type OutgoingRequest,
  secret,
  struct,
  type TransportConfig,
  type WebhookError,
} from '@unihook/core'
import { createFakeRuntime, type FakeRuntime, json, type RecordedRequest } from '@unihook/core/testing'
import * as D from 'io-ts/Decoder'
import { mountFake } from '@unihook/core/testing/contract'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { elapsedSince, forceGc, left, renderings, right } from './helpers.js'

const API_KEY = 'sk_test_4f8a1b2c3d9e7f60'
const SIGNING_SECRET = 'whsec_9Z8Y7X6W5V4U3T2S'
const CREDENTIAL_URL = 'https://admin:hunter2pass@hooks.example.com/in'

const Thing = struct({ id: D.string, url: D.string })
const ThingList = struct({ data: array(Thing) })

const THINGS = [
  { id: 't1', url: 'https://a.example.com/1' },
  { id: 't2', url: 'https://a.example.com/2' },
]

function route(request: RecordedRequest): Response {
  const { method, path } = request
  if (method === 'GET' && path === '/things') return json(200, { data: THINGS })
  if (method === 'POST' && path === '/things') {
    const body = request.body === '' ? {} : (JSON.parse(request.body) as { url?: string })
    return json(201, { id: 't3', url: body.url ?? 'https://a.example.com/3', extra: 'ignored by the codec' })
  }
  if (method === 'POST' && path === '/things/search') return json(200, { data: THINGS })
  if (method === 'GET' && path === '/broken') return json(200, { data: [THINGS[0], { id: 't2', url: 5 }] })
  if (method === 'GET' && path === '/echo') {
    return json(401, {
      error: `invalid api key ${API_KEY}; signed with ${SIGNING_SECRET}`,
      api_key: API_KEY,
      hint: `your webhook ${CREDENTIAL_URL} was refused`,
      nested: [{ value: `Bearer ${API_KEY}` }],
    })
  }
  if (method === 'GET' && path === '/echo-text') {
    return new Response(`bad credentials: ${API_KEY} / ${SIGNING_SECRET}`, { status: 403, headers: { 'content-type': 'text/plain' } })
  }
  return json(404, { error: `no route ${method} ${path}` })
}

type Mode = 'msw' | 'http'

const baseConfig = (baseUrl: string, overrides: Partial<TransportConfig> = {}): TransportConfig => ({
  provider: 'fakepay',
  baseUrl,
  secrets: [API_KEY, secret(SIGNING_SECRET)],
  timeoutMs: 5_000,
  retry: { baseDelayMs: 10, maxDelayMs: 40 },
  authenticate: (request) => request.headers.set('authorization', `Bearer ${API_KEY}`),
  mapFailure: (failure, ctx) =>
    failureByStatus(failure, ctx, `HTTP ${failure.status}: ${typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body)}`),
  ...overrides,
})

describe.each<Mode>(['msw', 'http'])('createTransport (%s)', (mode) => {
  let fake: FakeRuntime
  let baseUrl: string
  let close: () => Promise<void>

  beforeAll(async () => {
    fake = createFakeRuntime(route)
    ;({ baseUrl, close } = await mountFake(mode, fake, 'https://api.fakepay.test'))
  })
  afterAll(async () => {
    await close()
  })
  beforeEach(() => {
    fake.faults.clear()
    fake.clearRequests()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const getThings = (overrides: Partial<TransportConfig> = {}, call?: { signal?: AbortSignal; timeoutMs?: number }) =>
    createTransport(baseConfig(baseUrl, overrides)).request({
      operation: 'list',
      method: 'GET',
      path: '/things',
      decode: ThingList,
      ...(call ? { call } : {}),
    })

  it('sends authenticated requests and decodes the answer, ignoring unknown fields', async () => {
    const transport = createTransport(baseConfig(baseUrl))
    const list = await right(transport.request({ operation: 'list', method: 'GET', path: '/things', query: { limit: 2, skip: undefined }, decode: ThingList }))
    expect(list.data).toEqual(THINGS)
    const created = await right(
      transport.request({ operation: 'create', method: 'POST', path: '/things', body: { url: 'https://b.example.com/x' }, decode: Thing }),
    )
    expect(created).toEqual({ id: 't3', url: 'https://b.example.com/x', extra: 'ignored by the codec' })
    expect(fake.requests).toHaveLength(2)
    const [get, post] = fake.requests
    expect(get!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`)
    expect(get!.headers.get('accept')).toBe('application/json')
    expect(get!.url.searchParams.get('limit')).toBe('2')
    expect(get!.url.searchParams.has('skip')).toBe(false)
    expect(get!.body).toBe('')
    expect(post!.headers.get('content-type')).toBe('application/json')
    expect(post!.body).toBe('{"url":"https://b.example.com/x"}')
  })

  it('retries a GET answered 503 with Retry-After only after that delay, then succeeds', async () => {
    fake.faults.failNext(1, { status: 503, retryAfter: '0.2' }, { method: 'GET', path: '/things' })
    const start = performance.now()
    const list = await right(getThings())
    expect(list.data).toHaveLength(2)
    expect(fake.requests).toHaveLength(2)
    // The backoff alone would wait at most 10 ms; only Retry-After explains a gap of 200 ms.
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(195)
    expect(elapsedSince(start)).toBeGreaterThanOrEqual(195)
    expect(fake.faults.pending()).toBe(0)
  })

  it('retries a GET answered 500 with backoff and gives up after the limit with ProviderError', async () => {
    fake.faults.failNext(5, { status: 500 }, { path: '/things' })
    const error = await left(getThings({ retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 10 } }))
    expect(error._tag).toBe('ProviderError')
    expect(error.status).toBe(500)
    expect(error.retryable).toBe(true)
    expect(fake.requests).toHaveLength(3)
  })

  it("follows the provider's retry verdict: false stops a retry the policy allows, true retries a status it does not list", async () => {
    const verdict = (answer: { readonly headers: Headers }) => {
      const said = answer.headers.get('x-should-retry')
      return said === null ? undefined : said === 'true'
    }
    fake.faults.failNext(1, { status: 503, headers: { 'x-should-retry': 'false' } }, { path: '/things' })
    expect((await left(getThings({ retryVerdict: verdict }))).status).toBe(503)
    expect(fake.requests).toHaveLength(1)
    fake.clearRequests()
    fake.faults.failNext(1, { status: 409, headers: { 'x-should-retry': 'true' } }, { path: '/things' })
    expect((await right(getThings({ retryVerdict: verdict }))).data).toHaveLength(2)
    expect(fake.requests).toHaveLength(2)
    fake.clearRequests()
    // Without a verdict the policy decides: 409 is not among its statuses.
    fake.faults.failNext(1, { status: 409 }, { path: '/things' })
    expect((await left(getThings({ retryVerdict: verdict }))).status).toBe(409)
    expect(fake.requests).toHaveLength(1)
  })

  it('lets a verdict of false stop the retry of a 429 under a rate budget too', async () => {
    const verdict = (answer: { readonly headers: Headers }) => (answer.headers.get('x-should-retry') === 'false' ? false : undefined)
    fake.faults.failNext(1, { status: 429, retryAfter: 0, headers: { 'x-should-retry': 'false' } }, { path: '/things' })
    expect((await left(getThings({ retryVerdict: verdict, rateBudget: createRateBudget() })))._tag).toBe('RateLimited')
    expect(fake.requests).toHaveLength(1)
    fake.clearRequests()
    // Without the header the budget pauses and the call retries.
    fake.faults.failNext(1, { status: 429, retryAfter: 0 }, { path: '/things' })
    expect((await right(getThings({ retryVerdict: verdict, rateBudget: createRateBudget() }))).data).toHaveLength(2)
    expect(fake.requests).toHaveLength(2)
  })

  it('does not retry at all with retry: false', async () => {
    fake.faults.failNext(1, { status: 503 }, { path: '/things' })
    const error = await left(getThings({ retry: false }))
    expect(error._tag).toBe('ProviderError')
    expect(fake.requests).toHaveLength(1)
  })

  it('never retries a non-idempotent POST answered 503: one request, ProviderError 503', async () => {
    fake.faults.failNext(3, { status: 503, retryAfter: 0 }, { method: 'POST', path: '/things' })
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(
      transport.request({ operation: 'create', method: 'POST', path: '/things', body: { url: 'https://b.example.com/x' }, decode: Thing }),
    )
    expect(error._tag).toBe('ProviderError')
    expect(error.status).toBe(503)
    expect(error.provider).toBe('fakepay')
    expect(error.operation).toBe('create')
    expect(fake.requests).toHaveLength(1)
    expect(fake.faults.pending()).toBe(2)
  })

  it('never retries a PATCH by default either', async () => {
    fake.faults.failNext(1, { status: 502 }, { method: 'PATCH' })
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(transport.request({ operation: 'update', method: 'PATCH', path: '/things/t1', body: {}, decode: Thing }))
    expect(error.status).toBe(502)
    expect(fake.requests).toHaveLength(1)
  })

  it('retries a POST marked idempotent (a read sent as POST)', async () => {
    fake.faults.failNext(1, { status: 503 }, { method: 'POST', path: '/things/search' })
    const transport = createTransport(baseConfig(baseUrl))
    const list = await right(transport.request({ operation: 'list', method: 'POST', path: '/things/search', body: {}, idempotent: true, decode: ThingList }))
    expect(list.data).toHaveLength(2)
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(fake.requests[1]!.body).toBe('{}')
  })

  it('ends a hung request with Timeout within the configured timeoutMs, without retrying it', async () => {
    fake.faults.hangNext(1, { path: '/things' })
    const timeoutMs = 300
    const start = performance.now()
    const error = await left(getThings({ timeoutMs }))
    const elapsed = elapsedSince(start)
    expect(error._tag).toBe('Timeout')
    expect(error).toMatchObject({ timeoutMs, retryable: true, operation: 'list' })
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 5)
    expect(elapsed).toBeLessThan(timeoutMs + 1000)
    expect(fake.requests).toHaveLength(1)
  })

  it('lets a per-call timeoutMs override the transport timeout', async () => {
    fake.faults.hangNext(1, { path: '/things' })
    const start = performance.now()
    const error = await left(getThings({ timeoutMs: 10_000 }, { timeoutMs: 250 }))
    expect(error._tag).toBe('Timeout')
    expect((error as Extract<WebhookError, { _tag: 'Timeout' }>).timeoutMs).toBe(250)
    expect(elapsedSince(start)).toBeLessThan(250 + 1000)
  })

  it('gives NetworkError for a dropped connection once the retries are spent', async () => {
    fake.faults.dropNext(3, { path: '/things' })
    const error = await left(getThings())
    expect(error._tag).toBe('NetworkError')
    expect(error.retryable).toBe(true)
    expect(error).not.toHaveProperty('aborted')
    expect(error).not.toHaveProperty('status')
    expect(fake.requests).toHaveLength(3)
  })

  it('gives NetworkError for a dropped POST without retrying it', async () => {
    fake.faults.dropNext(1, { method: 'POST' })
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(transport.request({ operation: 'create', method: 'POST', path: '/things', body: {}, decode: Thing }))
    expect(error._tag).toBe('NetworkError')
    expect(fake.requests).toHaveLength(1)
  })

  it('retries a GET whose connection dropped once, and succeeds', async () => {
    fake.faults.dropNext(1, { path: '/things' })
    const list = await right(getThings())
    expect(list.data).toHaveLength(2)
    expect(fake.requests).toHaveLength(2)
  })

  it('runs prepare exactly once per attempt, with the attempt number', async () => {
    fake.faults.failNext(2, { status: 503 }, { path: '/things' })
    const seen: OutgoingRequest[] = []
    const list = await right(getThings({ prepare: (request) => void seen.push(request) }))
    expect(list.data).toHaveLength(2)
    expect(fake.requests).toHaveLength(3)
    expect(seen).toHaveLength(fake.requests.length)
    expect(seen.map((r) => r.attempt)).toEqual([0, 1, 2])
    expect(seen.every((r) => r.method === 'GET' && r.url === `${baseUrl}/things` && r.body === undefined)).toBe(true)
  })

  it('rebuilds a body thunk and re-signs it on every attempt', async () => {
    fake.faults.failNext(2, { status: 503 }, { method: 'POST', path: '/things/search' })
    let built = 0
    let prepared = 0
    const sign = (body: string) => createHmac('sha256', SIGNING_SECRET).update(body).digest('hex')
    const transport = createTransport(
      baseConfig(baseUrl, {
        prepare: (request) => {
          prepared++
          const body = request.body ?? ''
          request.headers.set('x-sign', sign(body))
          request.headers.set('x-attempt', String(request.attempt))
        },
      }),
    )
    const list = await right(
      transport.request({
        operation: 'list',
        method: 'POST',
        path: '/things/search',
        idempotent: true,
        body: () => ({ account: 'acct_1', timestamp: 1_700_000_000_000 + ++built }),
        decode: ThingList,
      }),
    )
    expect(list.data).toHaveLength(2)
    expect(fake.requests).toHaveLength(3)
    expect(built).toBe(3)
    expect(prepared).toBe(3)
    const bodies = fake.requests.map((r) => r.body)
    expect(bodies).toEqual([1, 2, 3].map((n) => JSON.stringify({ account: 'acct_1', timestamp: 1_700_000_000_000 + n })))
    for (const r of fake.requests) expect(r.headers.get('x-sign')).toBe(sign(r.body))
    expect(fake.requests.map((r) => r.headers.get('x-attempt'))).toEqual(['0', '1', '2'])
  })

  it('sends the body prepare returns, on every attempt', async () => {
    fake.faults.failNext(1, { status: 503 }, { method: 'POST', path: '/things/search' })
    const transport = createTransport(
      baseConfig(baseUrl, {
        prepare: (request) => {
          const body = JSON.stringify({ ...(JSON.parse(request.body ?? '{}') as object), attempt: request.attempt })
          request.headers.set('x-sign', createHmac('sha256', SIGNING_SECRET).update(body).digest('hex'))
          return { body }
        },
      }),
    )
    await right(transport.request({ operation: 'list', method: 'POST', path: '/things/search', idempotent: true, body: { q: 1 }, decode: ThingList }))
    expect(fake.requests.map((r) => r.body)).toEqual(['{"q":1,"attempt":0}', '{"q":1,"attempt":1}'])
    for (const r of fake.requests) {
      expect(r.headers.get('x-sign')).toBe(createHmac('sha256', SIGNING_SECRET).update(r.body).digest('hex'))
    }
  })

  it('does not wait for a Retry-After above maxRetryAfterMs: RateLimited with retryAfterMs', async () => {
    fake.faults.failNext(3, { status: 429, retryAfter: 120 }, { path: '/things' })
    const start = performance.now()
    const error = await left(getThings({ retry: { maxRetryAfterMs: 5_000, baseDelayMs: 10 } }))
    expect(error._tag).toBe('RateLimited')
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, retryable: true })
    expect(fake.requests).toHaveLength(1)
    expect(elapsedSince(start)).toBeLessThan(1_000)
  })

  it('waits for a Retry-After within maxRetryAfterMs on 429', async () => {
    fake.faults.failNext(1, { status: 429, retryAfter: 0.15 }, { path: '/things' })
    await right(getThings())
    expect(fake.requests).toHaveLength(2)
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(145)
  })

  it.each(['garbage', 'truncated'] as const)('turns a %s body into DecodeError with readable issues', async (kind) => {
    fake.faults.malformNext(1, kind, { path: '/things' })
    const error = await left(getThings())
    expect(error._tag).toBe('DecodeError')
    const decode = error as Extract<WebhookError, { _tag: 'DecodeError' }>
    expect(decode.status).toBe(200)
    expect(decode.retryable).toBe(false)
    expect(decode.issues).toHaveLength(1)
    expect(decode.issues[0]!.message).toMatch(/^the body is not valid JSON \(/)
    expect(decode.message).toContain('the fakepay response to list does not match the expected shape')
    expect(decode.message).toContain('not valid JSON')
    expect(fake.requests).toHaveLength(1)
  })

  it('turns a 2xx body that does not match the codec into DecodeError with a readable io-ts path', async () => {
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/broken', decode: ThingList }))
    expect(error._tag).toBe('DecodeError')
    const decode = error as Extract<WebhookError, { _tag: 'DecodeError' }>
    expect(decode.issues).toEqual([{ path: 'data[1].url', message: 'expected string, got 5' }])
    expect(decode.message).toContain('data[1].url: expected string, got 5')
  })

  it("gives NetworkError with aborted: true when the caller's signal aborts", async () => {
    fake.faults.latency(2_000, { path: '/things' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const start = performance.now()
    const error = await left(getThings({}, { signal: controller.signal }))
    expect(error._tag).toBe('NetworkError')
    expect(error).toMatchObject({ aborted: true, retryable: false })
    expect(elapsedSince(start)).toBeLessThan(1_000)
    expect(fake.requests).toHaveLength(1)
  })

  it("still honours the caller's abort after a garbage collection during the request", async () => {
    fake.faults.latency(2_000, { path: '/things' })
    const controller = new AbortController()
    setTimeout(forceGc, 20)
    setTimeout(() => controller.abort(), 60)
    const start = performance.now()
    const error = await left(getThings({}, { signal: controller.signal }))
    expect(error).toMatchObject({ _tag: 'NetworkError', aborted: true })
    expect(elapsedSince(start)).toBeLessThan(1_000)
  })

  it('still times an attempt out after a garbage collection during the request', async () => {
    fake.faults.latency(2_000, { path: '/things' })
    setTimeout(forceGc, 20)
    const start = performance.now()
    const error = await left(getThings({}, { timeoutMs: 150 }))
    expect(error).toMatchObject({ _tag: 'Timeout', timeoutMs: 150 })
    expect(elapsedSince(start)).toBeLessThan(1_000)
  })

  it("stops waiting for a Retry-After when the caller's signal aborts", async () => {
    fake.faults.failNext(1, { status: 503, retryAfter: 30 }, { path: '/things' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const start = performance.now()
    const error = await left(getThings({}, { signal: controller.signal }))
    expect(error).toMatchObject({ _tag: 'NetworkError', aborted: true, retryable: false })
    expect(elapsedSince(start)).toBeLessThan(1_000)
    expect(fake.requests).toHaveLength(1)
  })

  it('does not send anything when the signal is already aborted', async () => {
    const error = await left(getThings({}, { signal: AbortSignal.abort() }))
    expect(error).toMatchObject({ _tag: 'NetworkError', aborted: true })
    expect(fake.requests).toHaveLength(0)
  })

  it('reads an injected fetch lazily, when it is set after createTransport', async () => {
    const config: { -readonly [K in keyof TransportConfig]: TransportConfig[K] } = baseConfig(baseUrl)
    const transport = createTransport(config)
    const realFetch = globalThis.fetch
    const injected = vi.fn((input: RequestInfo | URL, init?: RequestInit) => realFetch(input, init))
    config.fetch = injected
    await right(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList }))
    expect(injected).toHaveBeenCalledTimes(1)
    expect(fake.requests).toHaveLength(1)
  })

  it('reads globalThis.fetch at call time when no fetch is injected', async () => {
    const transport = createTransport(baseConfig(baseUrl))
    const realFetch = globalThis.fetch
    const replaced = vi.fn((input: RequestInfo | URL, init?: RequestInit) => realFetch(input, init))
    vi.stubGlobal('fetch', replaced)
    await right(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList }))
    expect(replaced).toHaveBeenCalledTimes(1)
  })

  it('never lets a secret into an error, even when the provider echoes it in a JSON body', async () => {
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(transport.request({ operation: 'get', method: 'GET', path: '/echo', decode: Thing }))
    expect(error._tag).toBe('AuthError')
    expect(error.status).toBe(401)
    // The body did make it into the error, redacted.
    expect(error.message).toContain('invalid api key [redacted]')
    expect(JSON.stringify(error.details)).toContain('https://***@hooks.example.com/in')
    for (const text of renderings(error)) {
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain(SIGNING_SECRET)
      expect(text).not.toContain('hunter2pass')
    }
  })

  it('never lets a secret into an error from a plain-text body', async () => {
    const transport = createTransport(baseConfig(baseUrl))
    const error = await left(transport.request({ operation: 'get', method: 'GET', path: '/echo-text', decode: Thing }))
    expect(error._tag).toBe('AuthError')
    expect(error.message).toBe('HTTP 403: bad credentials: [redacted] / [redacted]')
    expect(error.details).toBe('bad credentials: [redacted] / [redacted]')
    for (const text of [...renderings(error), inspect(error, { depth: Infinity })]) {
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain(SIGNING_SECRET)
    }
  })
})

describe('buildUrl', () => {
  it('joins the base and path, and adds the set parameters form-encoded, after any the path carries', () => {
    expect(buildUrl('https://api.fakepay.test/v2//', '/things', { limit: 2, skip: undefined, q: 'a b&c', on: true })).toBe(
      'https://api.fakepay.test/v2/things?limit=2&q=a+b%26c&on=true',
    )
    expect(buildUrl('https://api.fakepay.test', '/things?limit=1&x=y', { limit: 5 })).toBe('https://api.fakepay.test/things?limit=5&x=y')
    expect(buildUrl('https://api.fakepay.test', '/things/a b', { skip: undefined })).toBe('https://api.fakepay.test/things/a%20b')
    expect(buildUrl('https://api.fakepay.test', '/things', {})).toBe('https://api.fakepay.test/things')
  })
})

describe('createTransport (injected fetch, no server)', () => {
  const config = (fetch: typeof globalThis.fetch, overrides: Partial<TransportConfig> = {}) =>
    baseConfig('https://api.fakepay.test/v2/', { fetch, ...overrides })

  it('joins the base URL and path, and sends default and per-request headers', async () => {
    const seen: Request[] = []
    const transport = createTransport(
      config(
        async (input) => {
          seen.push(input as Request)
          return json(200, { data: [] })
        },
        { headers: { 'x-api-version': '2.2', 'x-override': 'default' } },
      ),
    )
    await right(
      transport.request({
        operation: 'list',
        method: 'GET',
        path: '/things',
        headers: { 'x-override': 'call', 'x-account': undefined, 'x-child-company-id': 'cc_1' },
        decode: ThingList,
      }),
    )
    expect(seen).toHaveLength(1)
    const request = seen[0]!
    expect(request.url).toBe('https://api.fakepay.test/v2/things')
    expect(request.headers.get('x-api-version')).toBe('2.2')
    expect(request.headers.get('x-override')).toBe('call')
    expect(request.headers.has('x-account')).toBe(false)
    expect(request.headers.get('x-child-company-id')).toBe('cc_1')
    expect(request.headers.get('authorization')).toBe(`Bearer ${API_KEY}`)
  })

  it('refuses a timeout no timer can hold, before any request', async () => {
    let calls = 0
    const transport = createTransport(
      config(async () => {
        calls++
        return new Response('{"data":[]}', { status: 200 })
      }),
    )
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { timeoutMs } }))
      expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'timeoutMs' }] })
    }
    expect(calls).toBe(0)
  })

  it('gives Timeout when the headers arrive but the body does not', async () => {
    const transport = createTransport(
      config(async () => {
        const stalled = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode('{"data":[')),
        })
        return new Response(stalled, { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    const start = performance.now()
    const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { timeoutMs: 200 } }))
    expect(error).toMatchObject({ _tag: 'Timeout', timeoutMs: 200, status: 200 })
    expect(elapsedSince(start)).toBeLessThan(1_200)
  })

  it("gives Timeout, not NetworkError, when the caller's own signal times out", async () => {
    const transport = createTransport(
      config(
        (input, init) =>
          new Promise<Response>((_resolve, reject) => {
            // As fetch reads it: the init's signal over the request's own.
            const signal = init?.signal ?? (input as Request).signal
            signal.addEventListener('abort', () => reject(signal.reason))
          }),
      ),
    )
    const error = await left(
      transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { signal: AbortSignal.timeout(100) } }),
    )
    expect(error._tag).toBe('Timeout')
  })

  it('hands an injected fetch the request and, in its init, a signal that aborts when the attempt times out', async () => {
    const seen: { input?: unknown; signal?: AbortSignal | null } = {}
    const transport = createTransport(
      config((input, init) => {
        seen.input = input
        seen.signal = init?.signal
        return new Promise<Response>(() => undefined)
      }),
    )
    const error = await left(transport.request({ operation: 'list', method: 'GET', path: '/things', decode: ThingList, call: { timeoutMs: 50 } }))
    expect(error).toMatchObject({ _tag: 'Timeout', timeoutMs: 50 })
    expect(seen.input).toBeInstanceOf(Request)
    expect((seen.input as Request).url).toBe('https://api.fakepay.test/v2/things')
    expect(seen.signal?.aborted).toBe(true)
  })

  it('maps a fetch that throws to NetworkError with the cause', async () => {
    const transport = createTransport(
      config(
        async () => {
          throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
        },
        { retry: false },
      ),
    )
    const error = await left(transport.request({ operation: 'get', method: 'GET', path: '/things/1', decode: Thing }))
    expect(error).toMatchObject({ _tag: 'NetworkError', message: 'could not reach fakepay: ECONNREFUSED', retryable: true })
  })
})
