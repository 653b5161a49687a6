import { createHmac } from 'node:crypto'
import { createReceiver, secret } from '@unihook/core'
import { razorpayVerifier } from '@unihook/razorpay'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, paymentAuthorizedEvent } from './fixtures.js'

const OLD = 'old-webhook-secret-5d1e'
const NEW = 'new-webhook-secret-93ab'
const body = JSON.stringify(paymentAuthorizedEvent)
const sign = (text: string, key: string) => createHmac('sha256', key).update(text).digest('hex')
const headers = (signature: string, eventId = 'evt_Kq1Xw9zP4mN2sT') => ({ 'X-Razorpay-Signature': signature, 'X-Razorpay-Event-Id': eventId })
const reason = (result: E.Either<{ reason: string }, unknown>) => (E.isLeft(result) ? result.left.reason : 'verified')

describe('razorpayVerifier', () => {
  it('verifies a hex HMAC-SHA256 of the raw body and normalizes the event', async () => {
    const result = await razorpayVerifier({ secrets: [NEW] }).verify(body, headers(sign(body, NEW)))()
    expect(E.isRight(result)).toBe(true)
    if (E.isRight(result)) {
      expect(result.right).toMatchObject({
        provider: 'razorpay',
        id: 'evt_Kq1Xw9zP4mN2sT',
        type: 'payment.authorized',
        createdAt: new Date(1400826760 * 1000),
        account: ACCOUNT,
        data: paymentAuthorizedEvent.payload,
        raw: paymentAuthorizedEvent,
      })
    }
  })

  it('accepts bytes, ArrayBuffer, Headers and Secret-wrapped keys', async () => {
    const bytes = new TextEncoder().encode(body)
    const verifier = razorpayVerifier({ secrets: [secret(NEW)] })
    expect(E.isRight(await verifier.verify(bytes, new Headers(headers(sign(body, NEW))))())).toBe(true)
    expect(E.isRight(await verifier.verify(bytes.buffer.slice(0), headers(sign(body, NEW).toUpperCase()))())).toBe(true)
  })

  it('refuses a tampered body', async () => {
    const tampered = body.replace('50000', '5000000')
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify(tampered, headers(sign(body, NEW)))())).toBe('signature_mismatch')
  })

  it('refuses a signature made with another secret', async () => {
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify(body, headers(sign(body, 'someone-elses-secret')))())).toBe('signature_mismatch')
  })

  it('accepts the old and the new secret during a rotation', async () => {
    const rotating = razorpayVerifier({ secrets: [NEW, OLD] })
    expect(E.isRight(await rotating.verify(body, headers(sign(body, OLD)))())).toBe(true)
    expect(E.isRight(await rotating.verify(body, headers(sign(body, NEW)))())).toBe(true)
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify(body, headers(sign(body, OLD)))())).toBe('signature_mismatch')
  })

  it('reports a missing or malformed signature header, and no configured secret', async () => {
    const verifier = razorpayVerifier({ secrets: [NEW] })
    const missing = await verifier.verify(body, { 'X-Razorpay-Event-Id': 'evt_1' })()
    expect(reason(missing)).toBe('missing_header')
    expect(E.isLeft(missing) && missing.left.header).toBe('x-razorpay-signature')
    expect(reason(await verifier.verify(body, headers('abc123'))())).toBe('malformed_signature')
    expect(() => razorpayVerifier({ secrets: [] })).toThrow(/non-empty list/)
  })

  it('refuses an empty secret when built, which would verify signatures anyone can make', async () => {
    const forged = sign(body, '')
    for (const bad of ['', secret(''), undefined]) {
      expect(() => razorpayVerifier({ secrets: [NEW, bad as never] })).toThrow(/secrets\[1\] must be a non-empty string or Secret/)
    }
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify(body, headers(forged))())).toBe('signature_mismatch')
  })

  it('refuses a parsed object instead of the raw body', async () => {
    const result = await razorpayVerifier({ secrets: [NEW] }).verify(paymentAuthorizedEvent as never, headers(sign(body, NEW)))()
    expect(reason(result)).toBe('body_not_raw')
    expect(E.isLeft(result) && result.left.message).toContain('raw')
  })

  it('refuses a signed body that is not a Razorpay event', async () => {
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify('not json', headers(sign('not json', NEW)))())).toBe('payload_not_json')
    expect(reason(await razorpayVerifier({ secrets: [NEW] }).verify('{"entity":"event"}', headers(sign('{"entity":"event"}', NEW)))())).toBe('payload_not_json')
  })

  it('falls back to a body hash as the id when X-Razorpay-Event-Id is missing', async () => {
    const result = await razorpayVerifier({ secrets: [NEW] }).verify(body, { 'x-razorpay-signature': sign(body, NEW) })()
    expect(E.isRight(result) && result.right.id).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('never shows the secret in a verified event or an error', async () => {
    const verifier = razorpayVerifier({ secrets: [NEW] })
    const outcomes = [await verifier.verify(body, headers(sign(body, NEW)))(), await verifier.verify(body, headers(sign(body, OLD)))()]
    for (const outcome of outcomes) expect(JSON.stringify(E.isRight(outcome) ? outcome.right : outcome.left)).not.toContain(NEW)
  })
})

describe('signing helper', () => {
  it('signs a payload and builds the headers Razorpay sends', () => {
    const event = razorpayEvent({
      event: 'refund.created',
      account: ACCOUNT,
      payload: { refund: { entity: { id: 'rfnd_1' } } },
      createdAt: new Date(1_700_000_000_000),
    })
    expect(event).toEqual({
      entity: 'event',
      account_id: ACCOUNT,
      event: 'refund.created',
      contains: ['refund'],
      payload: { refund: { entity: { id: 'rfnd_1' } } },
      created_at: 1_700_000_000,
    })
    const delivery = signRazorpayDelivery({ payload: event, secret: NEW, eventId: 'evt_fixed0000001' })
    expect(delivery.body).toBe(JSON.stringify(event))
    expect(delivery.headers).toEqual({
      'content-type': 'application/json',
      'x-razorpay-signature': sign(delivery.body, NEW),
      'x-razorpay-event-id': 'evt_fixed0000001',
    })
    expect(signRazorpayDelivery({ payload: event, secret: NEW }).eventId).toMatch(/^evt_[0-9A-Za-z]{14}$/)
  })

  it('feeds the receiver, which tells the provider', async () => {
    const delivery = signRazorpayDelivery({ payload: body, secret: NEW })
    const receiver = createReceiver([razorpayVerifier({ secrets: [NEW] })])
    const result = await receiver.receive(new Request('https://shop.example.com/hooks', { method: 'POST', headers: delivery.headers, body: delivery.body }))()
    expect(E.isRight(result) && result.right.provider).toBe('razorpay')
    expect(E.isRight(result) && result.right.event.id).toBe(delivery.eventId)
  })
})
