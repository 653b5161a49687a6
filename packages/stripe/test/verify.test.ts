import { secret } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { signStripeDelivery, stripeEvent, stripeSignature } from '../src/signing.js'
import { stripeVerifier } from '../src/verify.js'

const SECRET = 'whsec_unitVerify0123456789abcdefABCDEF'
const OLD_SECRET = 'whsec_unitVerifyOld0123456789abcdefAB'
const NOW = Date.parse('2026-06-01T12:00:00Z')
const T = NOW / 1000
const event = stripeEvent({
  id: 'evt_1UnitVerify',
  type: 'charge.dispute.created',
  object: { id: 'dp_1', object: 'dispute', amount: 1000, currency: 'usd', charge: 'ch_1', reason: 'fraudulent', status: 'needs_response' },
  createdAt: new Date(NOW),
})
const delivery = signStripeDelivery({ payload: event, secret: SECRET, timestamp: T })
const header = delivery.headers['stripe-signature']!
const verifier = stripeVerifier({ secrets: SECRET })
const reasonOf = (result: E.Either<{ reason: string }, unknown>) => (E.isLeft(result) ? result.left.reason : 'verified')
const verify = async (body: string | Uint8Array, signature: string | undefined, v = verifier) =>
  reasonOf(await v.verify(body, signature === undefined ? {} : { 'stripe-signature': signature })())

describe('stripeVerifier', () => {
  // The tolerance is checked against the system clock: fixed here.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterAll(() => vi.useRealTimers())

  it('verifies a delivery, exposing data.object as data, the account, and created as createdAt', async () => {
    const connectDelivery = signStripeDelivery({ payload: { ...event, account: 'acct_1Conn' }, secret: SECRET, timestamp: T })
    const result = await verifier.verify(connectDelivery.body, connectDelivery.headers)()
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right).toMatchObject({
      provider: 'stripe',
      id: 'evt_1UnitVerify',
      type: 'charge.dispute.created',
      account: 'acct_1Conn',
      data: { id: 'dp_1' },
    })
    expect(result.right.createdAt?.toISOString()).toBe('2026-06-01T12:00:00.000Z')
    expect(await verify(new TextEncoder().encode(delivery.body), header)).toBe('verified')
  })

  it('signs `<t>.<body>` with HMAC-SHA256, as docs.stripe.com/webhooks#verify-manually describes', () => {
    expect(header).toBe(`t=${T},v1=${stripeSignature(SECRET, T, delivery.body)}`)
  })

  it('accepts any of several v1 signatures (a roll) and any of several secrets, and ignores v0', async () => {
    const rolled = signStripeDelivery({ payload: event, secret: [OLD_SECRET, SECRET], timestamp: T })
    expect(await verify(rolled.body, rolled.headers['stripe-signature'])).toBe('verified')
    expect(await verify(delivery.body, `${header},v0=${'0'.repeat(64)}`)).toBe('verified')
    expect(await verify(delivery.body, header, stripeVerifier({ secrets: [OLD_SECRET, secret(SECRET)] }))).toBe('verified')
    expect(await verify(delivery.body, `t=${T},v1=${'a'.repeat(64)},v1=${stripeSignature(SECRET, T, delivery.body)}`)).toBe('verified')
  })

  it('refuses a timestamp outside the tolerance (300 s by default, configurable), either way', async () => {
    const at = (offset: number) => signStripeDelivery({ payload: event, secret: SECRET, timestamp: T + offset })
    expect(await verify(at(-300).body, at(-300).headers['stripe-signature'])).toBe('verified')
    expect(await verify(at(-301).body, at(-301).headers['stripe-signature'])).toBe('timestamp_out_of_tolerance')
    expect(await verify(at(301).body, at(301).headers['stripe-signature'])).toBe('timestamp_out_of_tolerance')
    const lenient = stripeVerifier({ secrets: SECRET, toleranceSeconds: 3600 })
    expect(await verify(at(-3000).body, at(-3000).headers['stripe-signature'], lenient)).toBe('verified')
  })

  it('gives the typed refusals for odd input', async () => {
    expect(await verify(delivery.body, undefined)).toBe('missing_header')
    expect(await verify(delivery.body, '')).toBe('missing_header')
    expect(await verify(delivery.body, 'garbage')).toBe('malformed_signature')
    expect(await verify(delivery.body, `v1=${stripeSignature(SECRET, T, delivery.body)}`)).toBe('malformed_signature')
    expect(await verify(delivery.body, `t=${T}`)).toBe('malformed_signature')
    expect(await verify(delivery.body, `t=soon,v1=${stripeSignature(SECRET, T, delivery.body)}`)).toBe('malformed_signature')
    expect(await verify(delivery.body, `t=${T},v1=xyz`)).toBe('malformed_signature')
    expect(await verify(`${delivery.body} `, header)).toBe('signature_mismatch')
    expect(await verify(delivery.body, `t=${T + 1},${header.split(',')[1]}`)).toBe('signature_mismatch')
    const signedJunk = signStripeDelivery({ payload: '[1,2]', secret: SECRET, timestamp: T })
    expect(await verify(signedJunk.body, signedJunk.headers['stripe-signature'])).toBe('payload_not_json')
    const notEvent = signStripeDelivery({ payload: { hello: 'world' }, secret: SECRET, timestamp: T })
    expect(await verify(notEvent.body, notEvent.headers['stripe-signature'])).toBe('payload_not_json')
    expect(reasonOf(await verifier.verify({ parsed: true } as never, { 'stripe-signature': header })())).toBe('body_not_raw')
    expect(reasonOf(await verifier.verify(delivery.body, { 'stripe-signature': [header, header] })())).toBe('malformed_signature')
  })

  it('refuses unusable settings at construction, without showing a secret', () => {
    for (const secrets of [undefined, '', [], [''], 42]) expect(() => stripeVerifier({ secrets } as never)).toThrow(TypeError)
    for (const toleranceSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 'soon']) {
      expect(() => stripeVerifier({ secrets: SECRET, toleranceSeconds } as never)).toThrow(/toleranceSeconds/)
    }
    try {
      stripeVerifier({ secrets: [SECRET, ''] })
    } catch (error) {
      expect(String(error)).not.toContain(SECRET)
    }
  })

  it('prints and serializes a verified event without the signing secret', async () => {
    const result = await verifier.verify(delivery.body, delivery.headers)()
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(JSON.stringify(result.right)).not.toContain(SECRET)
  })
})
