/**
 * The official Stripe SDK (`stripe@23`), unchanged but for its `host`, `port` and `protocol`, drives
 * every webhook-endpoint call against our fake served over real HTTP on loopback: each call must be
 * accepted and each answer parsed as the SDK parses Stripe's. Its webhook helpers check the other
 * direction: `constructEvent` accepts what the fake signs, and `stripeVerifier` accepts what
 * `generateTestHeaderString` makes.
 */

import { manualClock, type ServedFake, serveFake } from '@unihook/core/testing'
import { stripeVerifier } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const API_KEY = 'sk_test_51SdkKeyA1b2C3d4E5f6G7h8'
const CONNECTED = 'acct_1SdkConnected000001'
const START = Date.parse('2026-06-01T00:00:00Z')
const clock = manualClock(START)
const fake = createStripeFake({ apiKey: API_KEY, accounts: [CONNECTED], clock })
let served: ServedFake
let sdk: Stripe

beforeAll(async () => {
  served = await serveFake(fake)
  const { hostname, port, protocol } = new URL(served.url)
  sdk = new Stripe(API_KEY, { host: hostname, port: Number(port), protocol: protocol.replace(':', '') as 'http' })
})
afterAll(() => served.close())
beforeEach(() => {
  fake.reset()
  clock.set(START)
})

const hookUrl = (n: number) => `https://hooks.example.com/stripe/${n}`

/** The error an SDK call was refused with. */
async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof Stripe.errors.StripeError>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof Stripe.errors.StripeError)) throw new Error(`expected a StripeError, got ${String(error)}`)
  return error
}

describe('stripe@23 against the Stripe fake', () => {
  it('creates an endpoint with every create parameter, form-encoded, and parses the answer with its secret', async () => {
    const created = await sdk.webhookEndpoints.create({
      url: hookUrl(1),
      enabled_events: ['payment_intent.succeeded', 'charge.dispute.created'],
      description: 'orders',
      metadata: { order: '42', team: 'billing' },
      api_version: '2026-11-18.endive',
      connect: true,
    })
    expect(created).toMatchObject({
      id: expect.stringMatching(/^we_[A-Za-z0-9]{24}$/),
      object: 'webhook_endpoint',
      url: hookUrl(1),
      enabled_events: ['payment_intent.succeeded', 'charge.dispute.created'],
      description: 'orders',
      metadata: { order: '42', team: 'billing' },
      api_version: '2026-11-18.endive',
      status: 'enabled',
      livemode: false,
      created: START / 1000,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9]{32}$/),
    })
    expect(created.lastResponse.requestId).toMatch(/^req_/)
    const request = fake.requests[0]!
    expect(request.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    expect(request.headers.get('stripe-version')).toBe('2026-11-18.endive')
    expect(request.body).toContain('enabled_events[0]=payment_intent.succeeded&enabled_events[1]=charge.dispute.created')
    expect(request.body).toContain('metadata[order]=42&metadata[team]=billing')
    // Read back, the secret is gone: Stripe returns it only at creation.
    const read = await sdk.webhookEndpoints.retrieve(created.id)
    expect(read).toMatchObject({ id: created.id, url: hookUrl(1) })
    expect(read.secret).toBeUndefined()
  })

  it('updates url, events, description, disabled and metadata (an empty value unsets a key)', async () => {
    const { id } = await sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['*'], metadata: { a: '1', b: '2' } })
    const updated = await sdk.webhookEndpoints.update(id, {
      url: hookUrl(2),
      enabled_events: ['invoice.paid'],
      description: 'invoices',
      disabled: true,
      metadata: { a: '', c: '3' },
    })
    expect(updated).toMatchObject({
      id,
      url: hookUrl(2),
      enabled_events: ['invoice.paid'],
      description: 'invoices',
      status: 'disabled',
      metadata: { b: '2', c: '3' },
    })
    expect((await sdk.webhookEndpoints.update(id, { disabled: false, description: '' })).status).toBe('enabled')
    expect((await sdk.webhookEndpoints.retrieve(id)).description).toBeNull()
  })

  it('lists newest first, pages forward with starting_after and back with ending_before, and auto-pages', async () => {
    const ids: string[] = []
    for (let n = 0; n < 7; n++) {
      ids.push((await sdk.webhookEndpoints.create({ url: hookUrl(n), enabled_events: ['charge.succeeded'] })).id)
      clock.advance(1000)
    }
    const newestFirst = [...ids].reverse()
    const first = await sdk.webhookEndpoints.list({ limit: 3 })
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/webhook_endpoints' })
    expect(first.data.map((e) => e.id)).toEqual(newestFirst.slice(0, 3))
    const second = await sdk.webhookEndpoints.list({ limit: 3, starting_after: first.data.at(-1)!.id })
    expect(second.data.map((e) => e.id)).toEqual(newestFirst.slice(3, 6))
    const last = await sdk.webhookEndpoints.list({ limit: 3, starting_after: second.data.at(-1)!.id })
    expect(last.data.map((e) => e.id)).toEqual(newestFirst.slice(6))
    expect(last.has_more).toBe(false)
    const back = await sdk.webhookEndpoints.list({ limit: 2, ending_before: second.data[0]!.id })
    expect(back.data.map((e) => e.id)).toEqual(newestFirst.slice(1, 3))
    expect(back.has_more).toBe(true)
    expect((await sdk.webhookEndpoints.list({ limit: 2 }).autoPagingToArray({ limit: 100 })).map((e) => e.id)).toEqual(newestFirst)
    expect((await sdk.webhookEndpoints.list()).data).toHaveLength(7)
    const badLimit = await refusal(sdk.webhookEndpoints.list({ limit: 101 }))
    expect(badLimit).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'limit' })
  })

  it('deletes, answering deleted: true, and a deleted endpoint is resource_missing (404) with a Request-Id', async () => {
    const { id } = await sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['charge.failed'] })
    expect(await sdk.webhookEndpoints.del(id)).toMatchObject({ id, object: 'webhook_endpoint', deleted: true })
    const missing = await refusal(sdk.webhookEndpoints.retrieve(id))
    expect(missing).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing', param: 'id' })
    expect(missing.requestId).toMatch(/^req_/)
  })

  it('refuses a wrong key (401), an unknown event and an unknown parameter (400) in the error envelope', async () => {
    const { hostname, port } = new URL(served.url)
    const wrong = new Stripe('sk_test_51NotTheKey000000000000', { host: hostname, port: Number(port), protocol: 'http' })
    expect(await refusal(wrong.webhookEndpoints.list())).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 })
    const badEvent = await refusal(sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['charge.succeded' as never] }))
    expect(badEvent).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'enabled_events[0]' })
    const unknown = await refusal(sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['*'], colour: 'red' } as never))
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'colour' })
    expect(fake.endpoints()).toHaveLength(0)
  })

  it('replays a create repeated with its idempotency key, and refuses the key with other parameters', async () => {
    const params = { url: hookUrl(1), enabled_events: ['charge.refunded' as const] }
    const first = await sdk.webhookEndpoints.create(params, { idempotencyKey: 'order-42-endpoint' })
    const again = await sdk.webhookEndpoints.create(params, { idempotencyKey: 'order-42-endpoint' })
    expect(again.id).toBe(first.id)
    expect(again.secret).toBe(first.secret)
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(fake.endpoints()).toHaveLength(1)
    const other = await refusal(sdk.webhookEndpoints.create({ ...params, url: hookUrl(2) }, { idempotencyKey: 'order-42-endpoint' }))
    expect(other).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 })
  })

  it('holds 16 endpoints per account and refuses the 17th', async () => {
    for (let n = 0; n < 16; n++) await sdk.webhookEndpoints.create({ url: hookUrl(n), enabled_events: ['*'] })
    const over = await refusal(sdk.webhookEndpoints.create({ url: hookUrl(16), enabled_events: ['*'] }))
    expect(over).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 })
    expect(over.message).toMatch(/maximum of 16/)
  })

  it('scopes endpoints to a connected account by Stripe-Account, and refuses an account that is not connected', async () => {
    const own = await sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['*'] }, { stripeAccount: CONNECTED })
    expect(fake.requests.at(-1)!.headers.get('stripe-account')).toBe(CONNECTED)
    expect((await sdk.webhookEndpoints.list({}, { stripeAccount: CONNECTED })).data.map((e) => e.id)).toEqual([own.id])
    expect((await sdk.webhookEndpoints.list()).data).toEqual([])
    expect((await refusal(sdk.webhookEndpoints.retrieve(own.id))).statusCode).toBe(404)
    const stranger = await refusal(sdk.webhookEndpoints.list({}, { stripeAccount: 'acct_1NotConnected0000001' }))
    expect(stranger).toMatchObject({ statusCode: 403, code: 'account_invalid' })
  })
})

describe("stripe@23's webhook helpers and the fake's signatures", () => {
  it('constructEvent accepts a delivery the fake signed for an endpoint, Connect events carrying account', async () => {
    const endpoint = await sdk.webhookEndpoints.create({ url: hookUrl(1), enabled_events: ['charge.succeeded'], connect: true })
    const delivery = fake.signedFor(endpoint.id, { type: 'charge.succeeded', object: { id: 'ch_1', object: 'charge' }, account: CONNECTED })
    const event = sdk.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature']!, endpoint.secret!, 300, undefined, START / 1000)
    expect(event).toMatchObject({ type: 'charge.succeeded', account: CONNECTED, data: { object: { id: 'ch_1' } } })
    // And during a roll, with the old secret and the new one both signing.
    const rolled = fake.rollSecret(endpoint.id, { expiresInHours: 24 })
    const both = fake.signedFor(endpoint.id, { type: 'charge.succeeded' })
    expect(both.headers['stripe-signature']!.match(/v1=/g)).toHaveLength(2)
    for (const secret of [endpoint.secret!, rolled]) {
      expect(sdk.webhooks.constructEvent(both.body, both.headers['stripe-signature']!, secret, 300, undefined, START / 1000).type).toBe('charge.succeeded')
    }
  })

  it('stripeVerifier accepts the headers generateTestHeaderString makes, and refuses them for another secret', async () => {
    const payload = JSON.stringify({ id: 'evt_1Sdk', object: 'event', type: 'invoice.paid', created: 1, data: { object: { id: 'in_1', object: 'invoice' } } })
    const secret = 'whsec_sdkGenerated0123456789abcdefABCD'
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret })
    const event = await stripeVerifier({ secrets: secret }).verify(payload, { 'stripe-signature': header })()
    expect(event).toMatchObject({ _tag: 'Right', right: { id: 'evt_1Sdk', type: 'invoice.paid', data: { id: 'in_1' } } })
    const refused = await stripeVerifier({ secrets: 'whsec_other' }).verify(payload, { 'stripe-signature': header })()
    expect(refused).toMatchObject({ _tag: 'Left', left: { reason: 'signature_mismatch' } })
  })
})
