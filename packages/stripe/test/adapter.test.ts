import { listAll, type WebhookError } from '@unihook/core'
import { directFetch, manualClock } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { stripe } from '../src/adapter.js'
import type { StripeOptions } from '../src/options.js'
import { STRIPE_API_VERSION } from '../src/endpoints.js'
import { createStripeFake } from '../src/fake/index.js'
import { API_KEY, CONNECTED, formPairs } from './helpers.js'

function setup(options: Partial<StripeOptions> = {}) {
  const clock = manualClock(Date.parse('2026-06-01T00:00:00Z'))
  const fake = createStripeFake({ apiKey: API_KEY, accounts: [CONNECTED], clock })
  const provider = stripe({ apiKey: API_KEY, fetch: directFetch(fake), retry: { baseDelayMs: 0, maxDelayMs: 0 }, ...options })
  return { fake, provider, clock }
}

const right = async <A>(task: () => Promise<E.Either<WebhookError, A>>) => {
  const result = await task()
  if (E.isLeft(result)) throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}
const left = async <A>(task: () => Promise<E.Either<WebhookError, A>>) => {
  const result = await task()
  if (E.isRight(result)) throw new Error('expected a Left')
  return result.left
}

describe('stripe() requests', () => {
  it('sends a form body with enabled_events[i] and metadata[k], the pinned Stripe-Version and an Idempotency-Key', async () => {
    const { fake, provider } = setup()
    const hook = await right(
      provider.create({
        url: 'https://hooks.example.com/a?x=1&y=2',
        events: ['payment_intent.succeeded', 'charge.refunded'],
        description: 'orders & refunds',
        metadata: { order: '42' },
        apiVersion: '2025-03-31.basil',
        connect: true,
      }),
    )
    const [request] = fake.requests
    expect(request!.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(request!.headers.get('stripe-version')).toBe(STRIPE_API_VERSION)
    expect(request!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`)
    expect(request!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(request!.body).toContain('enabled_events[0]=payment_intent.succeeded&enabled_events[1]=charge.refunded')
    expect(formPairs(request!.body)).toEqual([
      ['url', 'https://hooks.example.com/a?x=1&y=2'],
      ['enabled_events[0]', 'payment_intent.succeeded'],
      ['enabled_events[1]', 'charge.refunded'],
      ['description', 'orders & refunds'],
      ['metadata[order]', '42'],
      ['api_version', '2025-03-31.basil'],
      ['connect', 'true'],
    ])
    expect(hook).toMatchObject({ provider: 'stripe', status: 'active', description: 'orders & refunds', secret: { kind: 'value' } })
    expect(hook.secret?.kind === 'value' && hook.secret.value.reveal()).toMatch(/^whsec_/)
    // Read back, Stripe no longer shows the secret.
    expect((await right(provider.get(hook.id))).secret).toEqual({ kind: 'present' })
  })

  it('keeps one Idempotency-Key across the attempts of a call, so a lost answer never makes a second endpoint', async () => {
    const { fake, provider } = setup()
    fake.faults.loseNext(1, { method: 'POST', path: '/v1/webhook_endpoints' })
    const hook = await right(provider.create({ url: 'https://hooks.example.com/lost', events: ['*'] }))
    const keys = fake.requests.map((r) => r.headers.get('idempotency-key'))
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(fake.endpoints().map((e) => e.id)).toEqual([hook.id])
    // The replay carries the secret the first attempt made.
    expect(hook.secret?.kind).toBe('value')
    // A second call has a key of its own.
    await right(provider.update(hook.id, { description: 'x' }))
    expect(fake.requests.at(-1)!.headers.get('idempotency-key')).not.toBe(keys[0])
  })

  it('honours Stripe-Should-Retry: false stops a retry of a 503, true retries a 409', async () => {
    const { fake, provider } = setup()
    fake.faults.failNext(1, { status: 503, headers: { 'stripe-should-retry': 'false' } })
    expect((await left(provider.list())).status).toBe(503)
    expect(fake.requests).toHaveLength(1)
    fake.faults.failNext(1, {
      status: 409,
      headers: { 'stripe-should-retry': 'true' },
      body: { error: { type: 'invalid_request_error', code: 'lock_timeout' } },
    })
    await right(provider.list())
    expect(fake.requests).toHaveLength(3)
  })

  it('retries a 429 unless Stripe-Should-Retry says false, and surfaces it as RateLimited with its Request-Id', async () => {
    const { fake, provider } = setup()
    const rateLimited = { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } } }
    fake.faults.failNext(1, rateLimited)
    await right(provider.create({ url: 'https://hooks.example.com/busy', events: ['*'] }))
    expect(fake.requests).toHaveLength(2)
    fake.faults.failNext(1, { ...rateLimited, headers: { 'stripe-should-retry': 'false', 'request-id': 'req_unitBusy' } })
    const error = await left(provider.list())
    expect(fake.requests).toHaveLength(3)
    expect(error).toMatchObject({ _tag: 'RateLimited', status: 429, providerCode: 'rate_limit', requestId: 'req_unitBusy' })
  })

  it('holds 16 endpoints per account: the 17th create is Conflict(limit), sent once, with nothing made', async () => {
    const { fake, provider } = setup()
    for (let n = 0; n < 16; n++) await right(provider.create({ url: `https://hooks.example.com/n/${n}`, events: ['*'] }))
    const sent = fake.requests.length
    const error = await left(provider.create({ url: 'https://hooks.example.com/n/16', events: ['*'] }))
    expect(error).toMatchObject({ _tag: 'Conflict', reason: 'limit', status: 400 })
    expect(error.requestId).toMatch(/^req_/)
    expect(fake.requests.length - sent).toBe(1)
    expect(fake.endpoints()).toHaveLength(16)
    // The limit is per account: a connected account still has room.
    await right(provider.create({ url: 'https://hooks.example.com/n/16', events: ['*'] }, { account: CONNECTED }))
    expect(provider.capabilities.maxWebhooks).toBe(16)
  })

  it('says how to finish a create whose answers were all lost: the same idempotencyKey within 24 hours', async () => {
    const { fake, provider } = setup({ retry: false })
    fake.faults.loseNext(1)
    const error = await left(provider.create({ url: 'https://hooks.example.com/x', events: ['*'], idempotencyKey: 'deploy-7' }))
    expect(error._tag).toBe('NetworkError')
    expect(error.message).toMatch(/idempotencyKey 'deploy-7'/)
    const again = await right(provider.create({ url: 'https://hooks.example.com/x', events: ['*'], idempotencyKey: 'deploy-7' }))
    expect(fake.endpoints().map((e) => e.id)).toEqual([again.id])
  })

  it('maps enabled, description and metadata onto update, and `null` metadata unsets a key', async () => {
    const { fake, provider } = setup()
    const hook = await right(provider.create({ url: 'https://hooks.example.com/u', events: ['invoice.paid'], metadata: { a: '1', b: '2' } }))
    const updated = await right(provider.update(hook.id, { enabled: false, description: 'off', metadata: { a: null } }))
    expect(formPairs(fake.requests.at(-1)!.body)).toEqual([
      ['description', 'off'],
      ['metadata[a]', ''],
      ['disabled', 'true'],
    ])
    expect(updated).toMatchObject({ status: 'disabled', description: 'off', raw: { metadata: { b: '2' } } })
    // A patch that changes nothing reads the endpoint instead of writing.
    await right(provider.update(hook.id, {}))
    expect(fake.requests.at(-1)!.method).toBe('GET')
  })

  it('acts for a connected account through Stripe-Account, and its cursors work only there', async () => {
    const { fake, provider } = setup({ account: CONNECTED })
    for (let n = 0; n < 3; n++) await right(provider.create({ url: `https://hooks.example.com/c/${n}`, events: ['*'] }))
    expect(fake.requests.every((r) => r.headers.get('stripe-account') === CONNECTED)).toBe(true)
    expect(fake.endpoints(CONNECTED)).toHaveLength(3)
    expect(fake.endpoints()).toHaveLength(0)
    const page = await right(provider.list({ pageSize: 2 }))
    expect(page.items.every((w) => w.account === CONNECTED)).toBe(true)
    expect(page.nextCursor).toBeDefined()
    const elsewhere = await left(provider.list({ cursor: page.nextCursor }, { account: 'acct_1Other000000000000' }))
    expect(elsewhere).toMatchObject({ _tag: 'ValidationError', source: 'local' })
    const platform = stripe({ apiKey: API_KEY, fetch: directFetch(fake) })
    expect((await right(platform.list())).items).toHaveLength(0)
    expect(await right(listAll(provider, { maxItems: Infinity, pageSize: 2 }))).toHaveLength(3)
  })

  it('refuses bad input before any request', async () => {
    const { fake, provider } = setup()
    const cases: (() => Promise<E.Either<WebhookError, unknown>>)[] = [
      provider.create({ url: 'ftp://x.example.com', events: ['*'] }),
      provider.create({ url: 'https://x.example.com', events: [] }),
      provider.create({ url: 'https://x.example.com', events: ['charge.succeded' as never] }),
      provider.create({ url: 'https://x.example.com', events: ['*'], secret: 'whsec_mine' }),
      provider.create({ url: 'https://x.example.com', events: ['*'], metadata: { ['k'.repeat(41)]: 'v' } }),
      provider.create({ url: 'https://x.example.com', events: ['*'], apiVersion: 'latest' }),
      provider.create({ url: 'https://x.example.com', events: ['*'], idempotencyKey: 'x'.repeat(256) }),
      provider.create({ url: 'https://x.example.com', events: ['*'] }, { account: 'not-an-account' }),
      provider.get('whatever'),
      provider.update('we_1', { enabled: 'no' as never }),
      provider.list({ pageSize: 101 }),
      provider.list({ cursor: 'forged' }),
    ]
    for (const task of cases) expect((await left(task))._tag).toBe('ValidationError')
    expect(fake.requests).toHaveLength(0)
  })

  it('refuses unusable settings with a TypeError', () => {
    expect(() => stripe({ apiKey: 'pk_test_publishable' })).toThrow(/secret \(sk_…\) or restricted/)
    expect(() => stripe({ apiKey: API_KEY, account: 'acct-bad' })).toThrow(/account/)
    expect(() => stripe({ apiKey: API_KEY, apiVersion: 'latest' })).toThrow(/apiVersion/)
    expect(() => stripe(undefined as never)).toThrow(TypeError)
  })

  it('answers Unsupported for test deliveries and secret rotation, which Stripe has no API for', async () => {
    const { fake, provider } = setup()
    expect((await left(provider.test('we_1'))).message).toMatch(/stripe trigger/)
    expect((await left(provider.rotateSecret('we_1'))).message).toMatch(/Roll secret/)
    expect(fake.requests).toHaveLength(0)
  })
})
