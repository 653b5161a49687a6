import {
  createFakeRuntime,
  createFaults,
  directFetch,
  json,
  jsonList,
  manualClock,
  matchPath,
  offsetClock,
  postDelivery,
  type RecordedRequest,
  serveFake,
  systemClock,
} from '@unihook/core/testing'
import { mswHandler } from '@unihook/core/testing/msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { elapsedSince } from './helpers.js'

describe('clocks', () => {
  it('manualClock stands still until moved', () => {
    const clock = manualClock(1_000)
    expect(clock.now()).toBe(1_000)
    expect(clock.now()).toBe(1_000)
    clock.advance(250)
    expect(clock.now()).toBe(1_250)
    clock.advance(-1_000)
    expect(clock.now()).toBe(250)
    clock.set(5)
    expect(clock.now()).toBe(5)
  })

  it('manualClock starts from a Date, or from now', () => {
    expect(manualClock(new Date('2024-01-01T00:00:00Z')).now()).toBe(Date.parse('2024-01-01T00:00:00Z'))
    const before = Date.now()
    const clock = manualClock()
    expect(clock.now()).toBeGreaterThanOrEqual(before)
    expect(clock.now()).toBeLessThanOrEqual(Date.now())
  })

  it('offsetClock follows its base, shifted', () => {
    const base = manualClock(10_000)
    const skewed = offsetClock(-4_000, base)
    expect(skewed.now()).toBe(6_000)
    base.advance(500)
    expect(skewed.now()).toBe(6_500)
    const real = offsetClock(60_000)
    const now = Date.now()
    expect(real.now() - now).toBeGreaterThanOrEqual(60_000)
    expect(real.now() - now).toBeLessThan(61_000)
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(50)
  })
})

describe('faults', () => {
  it('failNext answers the next `count` matching requests, then stops', () => {
    const faults = createFaults()
    faults.failNext(2, { status: 503, retryAfter: 1 })
    expect(faults.pending()).toBe(2)
    expect(faults.take('GET', '/a')).toEqual({ kind: 'status', status: 503, retryAfter: 1 })
    expect(faults.pending()).toBe(1)
    expect(faults.take('POST', '/b')).toMatchObject({ kind: 'status', status: 503 })
    expect(faults.pending()).toBe(0)
    expect(faults.take('GET', '/a')).toBeUndefined()
  })

  it('matches by method (any case) and by path, exactly or by pattern', () => {
    const faults = createFaults()
    faults.failNext(1, { status: 500 }, { method: 'post', path: '/webhooks' })
    faults.dropNext(1, { path: /^\/webhooks\/\w+$/ })
    expect(faults.take('GET', '/webhooks')).toBeUndefined()
    expect(faults.take('POST', '/webhooks/x')).toEqual({ kind: 'drop' })
    expect(faults.take('POST', '/webhooks')).toMatchObject({ kind: 'status', status: 500 })
    expect(faults.pending()).toBe(0)
  })

  it('takes faults in the order they were armed', () => {
    const faults = createFaults()
    faults.hangNext(1)
    faults.malformNext(1, 'truncated')
    expect(faults.take('GET', '/')).toEqual({ kind: 'hang' })
    expect(faults.take('GET', '/')).toEqual({ kind: 'malformed', mode: 'truncated' })
  })

  it('refuses a count that is not a positive integer', () => {
    const faults = createFaults()
    expect(() => faults.failNext(0, { status: 500 })).toThrow(RangeError)
    expect(() => faults.dropNext(1.5)).toThrow(RangeError)
    expect(faults.pending()).toBe(0)
  })

  it('latency adds up across matches, replaces the same match, and 0 removes it', () => {
    const faults = createFaults()
    faults.latency(100)
    faults.latency(50, { method: 'GET' })
    expect(faults.delayFor('GET', '/x')).toBe(150)
    expect(faults.delayFor('POST', '/x')).toBe(100)
    faults.latency(70, { method: 'GET' })
    expect(faults.delayFor('GET', '/x')).toBe(170)
    faults.latency(0)
    expect(faults.delayFor('GET', '/x')).toBe(70)
    expect(faults.delayFor('DELETE', '/x')).toBe(0)
  })

  it('clear removes every armed fault and latency', () => {
    const faults = createFaults()
    faults.failNext(3, { status: 500 })
    faults.latency(100)
    faults.clear()
    expect(faults.pending()).toBe(0)
    expect(faults.take('GET', '/')).toBeUndefined()
    expect(faults.delayFor('GET', '/')).toBe(0)
  })
})

describe('json and matchPath', () => {
  it('json builds a JSON response with headers', async () => {
    const response = json(201, { ok: true }, { 'x-request-id': 'r1' })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-request-id')).toBe('r1')
    expect(await response.json()).toEqual({ ok: true })
    expect(await json(204, undefined).text()).toBe('')
  })

  it('a fake keeps only its latest maxRecorded requests, in order, in the same array', async () => {
    const runtime = createFakeRuntime(() => json(200, {}), { maxRecorded: 3 })
    const requests = runtime.requests
    for (let i = 0; i < 5; i++) await runtime.handle(new Request(`http://fake.invalid/r/${i}`))
    expect(runtime.requests).toBe(requests)
    expect(requests.map((r) => r.path)).toEqual(['/r/2', '/r/3', '/r/4'])
  })

  it('jsonList answers the same bytes as json, serialised chunk by chunk as the body is read', async () => {
    const view = (i: number) => ({ n: i, name: `item "${i}"`, tags: ['a', 'ü'] })
    for (const count of [0, 1, 255, 256, 257, 600]) {
      const items = Array.from({ length: count }, (_, i) => i)
      const streamed = jsonList(200, 'things', items, view, { date: 'x' })
      expect(streamed.headers.get('content-type')).toBe('application/json')
      expect(streamed.headers.get('date')).toBe('x')
      expect(await streamed.text()).toBe(await json(200, { things: items.map(view) }).text())
    }
    // Views are made as the body is read, not before.
    let made = 0
    const lazy = jsonList(
      200,
      'things',
      Array.from({ length: 1000 }, (_, i) => i),
      (i) => ({ i, made: ++made }),
    )
    expect(made).toBeLessThan(1000)
    const reader = lazy.body?.getReader()
    await reader?.read()
    expect(made).toBeLessThanOrEqual(512)
    await reader?.cancel()
  })

  it('matchPath extracts parameters, decoded, with an optional trailing slash', () => {
    expect(matchPath('/webhooks/:id', '/webhooks/wh_1')).toEqual({ id: 'wh_1' })
    expect(matchPath('/webhooks/:id', '/webhooks/wh%201/')).toEqual({ id: 'wh 1' })
    expect(matchPath('/v2/accounts/:account/webhooks/:id', '/v2/accounts/acc_9/webhooks/w2')).toEqual({ account: 'acc_9', id: 'w2' })
    expect(matchPath('/webhooks', '/webhooks')).toEqual({})
    expect(matchPath('/webhooks/:id', '/webhooks')).toBeUndefined()
    expect(matchPath('/webhooks/:id', '/webhooks/a/b')).toBeUndefined()
    expect(matchPath('/api/v1.0/x', '/api/v1a0/x')).toBeUndefined()
  })
})

/** A tiny fake: echoes the request it got. */
const echo = (clock = manualClock(1_000)) =>
  createFakeRuntime(
    (request: RecordedRequest) =>
      json(200, { method: request.method, path: request.path, query: request.url.search, body: request.body, auth: request.headers.get('authorization') }),
    { clock },
  )

describe('createFakeRuntime', () => {
  it('records every request with the fake clock, and clears the record', async () => {
    const clock = manualClock(5_000)
    const fake = echo(clock)
    const response = await fake.handle(new Request('https://api.test/things?x=1', { method: 'POST', body: '{"a":1}', headers: { authorization: 'k' } }))
    expect(await response.json()).toEqual({ method: 'POST', path: '/things', query: '?x=1', body: '{"a":1}', auth: 'k' })
    clock.advance(10)
    await fake.handle(new Request('https://api.test/other'))
    expect(fake.requests.map((r) => [r.method, r.path, r.at])).toEqual([
      ['POST', '/things', 5_000],
      ['GET', '/other', 5_010],
    ])
    expect(fake.clock).toBe(clock)
    fake.clearRequests()
    expect(fake.requests).toHaveLength(0)
  })

  it('answers an armed status fault without reaching the route', async () => {
    let routed = 0
    const fake = createFakeRuntime(() => {
      routed++
      return json(200, {})
    })
    fake.faults.failNext(1, { status: 429, retryAfter: 3, body: { message: 'slow down' }, headers: { 'x-trace': 't1' } })
    const response = await fake.handle(new Request('https://api.test/x'))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.get('x-trace')).toBe('t1')
    expect(await response.json()).toEqual({ message: 'slow down' })
    expect(routed).toBe(0)
    fake.faults.failNext(1, { status: 500 })
    expect(await (await fake.handle(new Request('https://api.test/x'))).json()).toEqual({ error: 'injected 500' })
    expect(fake.requests).toHaveLength(2)
  })

  it('mangles the real answer for malformNext, keeping its status', async () => {
    const fake = createFakeRuntime(() => json(201, { id: 'abcdefghij', url: 'https://x.test' }))
    fake.faults.malformNext(1, 'truncated')
    const truncated = await fake.handle(new Request('https://api.test/x'))
    expect(truncated.status).toBe(201)
    const text = await truncated.text()
    expect(JSON.stringify({ id: 'abcdefghij', url: 'https://x.test' }).startsWith(text)).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
    fake.faults.malformNext(1, 'garbage')
    expect(await (await fake.handle(new Request('https://api.test/x'))).text()).toContain('<html>')
  })

  it('answers a drop with a network error response', async () => {
    const fake = echo()
    fake.faults.dropNext(1)
    const response = await fake.handle(new Request('https://api.test/x'))
    expect(response.type).toBe('error')
  })

  it("directFetch answers through the handler and turns a dropped connection into fetch's TypeError", async () => {
    const fake = createFakeRuntime((request) => json(200, { path: new URL(request.url).pathname }))
    const fetch = directFetch(fake)
    expect(await (await fetch('https://api.test/x')).json()).toEqual({ path: '/x' })
    fake.faults.dropNext(1)
    const dropped = await fetch('https://api.test/x').catch((error: unknown) => error)
    expect(dropped).toBeInstanceOf(TypeError)
    expect((dropped as TypeError).cause).toEqual({ code: 'ECONNRESET' })
  })

  it('carries a lost request out, then answers with a network error', async () => {
    let carriedOut = 0
    const fake = createFakeRuntime(() => {
      carriedOut++
      return json(200, { ok: true })
    })
    fake.faults.loseNext(1, { method: 'POST' })
    const lost = await fake.handle(new Request('https://api.test/x', { method: 'POST', body: '{}' }))
    expect(lost.type).toBe('error')
    expect(carriedOut).toBe(1)
    const next = await fake.handle(new Request('https://api.test/x', { method: 'POST', body: '{}' }))
    expect(next.status).toBe(200)
    expect(carriedOut).toBe(2)
  })

  it('delays matching requests by the armed latency', async () => {
    const fake = echo()
    fake.faults.latency(120, { path: '/slow' })
    let start = performance.now()
    await fake.handle(new Request('https://api.test/slow'))
    expect(elapsedSince(start)).toBeGreaterThanOrEqual(115)
    start = performance.now()
    await fake.handle(new Request('https://api.test/fast'))
    expect(elapsedSince(start)).toBeLessThan(100)
  })

  it('holds a hung request until the client gives up', async () => {
    const fake = echo()
    fake.faults.hangNext(1)
    const controller = new AbortController()
    const pending = fake.handle(new Request('https://api.test/x', { signal: controller.signal }))
    let settled = false
    void pending.then(() => (settled = true))
    await new Promise((r) => setTimeout(r, 100))
    expect(settled).toBe(false)
    controller.abort()
    const response = await pending
    expect(response.type).toBe('error')
  })
})

describe('serving a fake', () => {
  const closers: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    while (closers.length) await closers.pop()!()
  })

  it('serveFake serves the handler over real HTTP on loopback', async () => {
    const fake = echo()
    const served = await serveFake(fake)
    closers.push(served.close)
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${served.url}/things?page=2`, { method: 'PUT', body: 'hello', headers: { authorization: 'Bearer k' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ method: 'PUT', path: '/things', query: '?page=2', body: 'hello', auth: 'Bearer k' })
    expect(fake.requests).toHaveLength(1)
  })

  it('serveFake accepts a bare handler and closes a dropped connection', async () => {
    const fake = echo()
    const served = await serveFake(fake.handle)
    closers.push(served.close)
    fake.faults.dropNext(1)
    await expect(fetch(`${served.url}/x`)).rejects.toThrow()
    const after = await fetch(`${served.url}/y`)
    expect(after.status).toBe(200)
  })

  it('serveFake listens on a chosen port and rejects when that port is taken', async () => {
    const first = await serveFake(echo())
    closers.push(first.close)
    const port = Number(new URL(first.url).port)
    await expect(serveFake(echo(), { port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    await first.close()
    closers.pop()
    const again = await serveFake(echo(), { port })
    closers.push(again.close)
    expect(again.url).toBe(`http://127.0.0.1:${port}`)
  })

  it('serveFake stops listening on close', async () => {
    const served = await serveFake(echo())
    await served.close()
    await expect(fetch(`${served.url}/x`)).rejects.toThrow()
  })

  it('mswHandler mounts the fake under a base URL', async () => {
    const fake = echo()
    const server = setupServer(mswHandler(fake, 'https://api.fake.test/'))
    server.listen({ onUnhandledRequest: 'error' })
    closers.push(() => server.close())
    const response = await fetch('https://api.fake.test/v1/things?x=1', { method: 'POST', body: 'b' })
    expect(await response.json()).toMatchObject({ method: 'POST', path: '/v1/things', query: '?x=1', body: 'b' })
    fake.faults.dropNext(1)
    await expect(fetch('https://api.fake.test/v1/things')).rejects.toThrow()
    // Anything outside the base URL is unhandled, and msw refuses it.
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(fetch('https://elsewhere.test/v1/things')).rejects.toThrow()
    expect(report.mock.calls.flat().join(' ')).toContain('https://elsewhere.test/v1/things')
    report.mockRestore()
    expect(fake.requests).toHaveLength(2)
  })
})

describe('postDelivery', () => {
  it('posts the exact body and headers, and reports the status', async () => {
    const received: { body: string; sign: string | null }[] = []
    const served = await serveFake(async (request) => {
      received.push({ body: await request.text(), sign: request.headers.get('x-sign') })
      return new Response('thanks', { status: 202 })
    })
    try {
      const outcome = await postDelivery(fetch, `${served.url}/hook`, { headers: { 'x-sign': 'abc' }, body: '{"id":1}' })
      expect(outcome).toEqual({ status: 202 })
      expect(received).toEqual([{ body: '{"id":1}', sign: 'abc' }])
    } finally {
      await served.close()
    }
  })

  it('reports why a delivery did not arrive, without throwing', async () => {
    const refused = await postDelivery(
      async () => {
        throw new TypeError('fetch failed')
      },
      'https://receiver.test/hook',
      { headers: {}, body: '{}' },
    )
    expect(refused).toEqual({ error: 'fetch failed' })
    const slow = await postDelivery(
      (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('timed out')))),
      'https://receiver.test/hook',
      { headers: {}, body: '{}', timeoutMs: 20 },
    )
    expect(slow).toEqual({ error: 'timed out' })
  })
})
