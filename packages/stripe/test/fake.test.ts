import { manualClock } from '@unihook/core/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stripeVerifier } from '../src/verify.js'
import { createStripeFake } from '../src/fake/index.js'
import { API_KEY, CONNECTED } from './helpers.js'

const BASE = 'https://api.stripe.com'

function setup() {
  const clock = manualClock(Date.parse('2026-06-01T00:00:00Z'))
  const fake = createStripeFake({ apiKey: API_KEY, accounts: [CONNECTED], clock })
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await fake.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }), ...headers },
        body,
      }),
    )
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> }
  }
  return { fake, clock, call }
}

/** A receiver on a fetch of our own: records what the fake delivered. */
function receiver() {
  const received: { url: string; body: string; headers: Headers }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    received.push({ url: request.url, body: await request.text(), headers: request.headers })
    return new Response(null, { status: 204 })
  }
  return { received, fetch }
}

describe('createStripeFake', () => {
  afterEach(() => vi.useRealTimers())

  it('answers every call with a Request-Id and refuses JSON bodies, unknown parameters and unknown versions', async () => {
    const { call } = setup()
    const listed = await call('GET', '/v1/webhook_endpoints')
    expect(listed.headers.get('request-id')).toMatch(/^req_/)
    expect((await call('POST', '/v1/webhook_endpoints', '{"url":"https://x.example.com"}', { 'content-type': 'application/json' })).status).toBe(400)
    expect((await call('POST', '/v1/webhook_endpoints', 'url=https://x.example.com&enabled_events[0]=*&secret=mine')).body.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'secret',
    })
    expect((await call('GET', '/v1/webhook_endpoints', undefined, { 'stripe-version': '2001-01-01' })).status).toBe(400)
    expect((await call('GET', '/v1/webhook_endpoints', undefined, { authorization: 'Bearer sk_test_wrong' })).status).toBe(401)
    expect((await call('GET', '/v1/webhook_endpoints', undefined, { authorization: '' })).body.error.message).toMatch(/did not provide an API key/)
  })

  it('keeps an idempotent answer 24 hours, errors that began running included, but not a refused validation', async () => {
    const { call, clock } = setup()
    const create = (key: string, body = 'url=https://x.example.com&enabled_events[0]=*') =>
      call('POST', '/v1/webhook_endpoints', body, { 'idempotency-key': key })
    const first = await create('k1')
    const replay = await create('k1')
    expect(replay.body.id).toBe(first.body.id)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    clock.advance(24 * 3_600_000 + 1)
    expect((await create('k1')).body.id).not.toBe(first.body.id)
    const invalid = await create('k2', 'url=nope&enabled_events[0]=*')
    expect(invalid.status).toBe(400)
    expect((await create('k2', 'url=nope&enabled_events[0]=*')).headers.get('idempotent-replayed')).toBeNull()
    const missing = await call('POST', '/v1/webhook_endpoints/we_1Missing', 'description=x', { 'idempotency-key': 'k3' })
    expect(missing.status).toBe(404)
    expect((await call('POST', '/v1/webhook_endpoints/we_1Missing', 'description=x', { 'idempotency-key': 'k3' })).headers.get('idempotent-replayed')).toBe(
      'true',
    )
  })

  it('delivers platform events to platform endpoints and connected-account events to Connect endpoints and that account, signed', async () => {
    const { fake, call } = setup()
    const { received, fetch } = receiver()
    const platform = (await call('POST', '/v1/webhook_endpoints', 'url=https://p.example.com/own&enabled_events[0]=charge.succeeded')).body
    const connect = (await call('POST', '/v1/webhook_endpoints', 'url=https://p.example.com/connect&enabled_events[0]=*&connect=true')).body
    const accounts = (
      await call('POST', '/v1/webhook_endpoints', 'url=https://c.example.com/own&enabled_events[0]=charge.succeeded', { 'stripe-account': CONNECTED })
    ).body
    await call('POST', '/v1/webhook_endpoints', 'url=https://p.example.com/off&enabled_events[0]=*&connect=true')
    const off = fake.endpoints().find((e) => e.url === 'https://p.example.com/off')!
    await call('POST', `/v1/webhook_endpoints/${off.id}`, 'disabled=true')
    const delivering = createStripeFake({ apiKey: API_KEY, accounts: [CONNECTED], fetch })
    delivering.restore(fake.snapshot())
    const own = await delivering.deliver({ type: 'charge.succeeded', object: { id: 'ch_1', object: 'charge' } })
    expect(own.map((a) => a.endpointId)).toEqual([platform.id])
    const theirs = await delivering.deliver({ type: 'charge.succeeded', account: CONNECTED })
    expect(theirs.map((a) => a.endpointId).sort()).toEqual([connect.id, accounts.id].sort())
    expect(theirs.every((a) => a.delivered && a.eventId === theirs[0]!.eventId)).toBe(true)
    const toConnect = received.find((r) => r.url === 'https://p.example.com/connect')!
    const verified = await stripeVerifier({ secrets: connect.secret }).verify(toConnect.body, toConnect.headers)()
    expect(verified).toMatchObject({ _tag: 'Right', right: { account: CONNECTED, type: 'charge.succeeded' } })
  })

  it('rolls a secret as the Dashboard does: both sign until the old one expires', async () => {
    const { fake, call, clock } = setup()
    const created = (await call('POST', '/v1/webhook_endpoints', 'url=https://p.example.com/roll&enabled_events[0]=*')).body
    const next = fake.rollSecret(created.id, { expiresInHours: 1 })
    const during = fake.signedFor(created.id, { type: 'invoice.paid' })
    expect(during.headers['stripe-signature']!.match(/v1=/g)).toHaveLength(2)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(clock.now())
    for (const secret of [created.secret, next]) {
      expect((await stripeVerifier({ secrets: secret }).verify(during.body, during.headers)())._tag).toBe('Right')
    }
    clock.advance(3_600_001)
    vi.setSystemTime(clock.now())
    const after = fake.signedFor(created.id, { type: 'invoice.paid' })
    expect((await stripeVerifier({ secrets: created.secret }).verify(after.body, after.headers)())._tag).toBe('Left')
  })
})
