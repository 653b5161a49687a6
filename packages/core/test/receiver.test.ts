import { createHmac } from 'node:crypto'
import {
  createReceiver,
  normalizedEvent,
  parsePayload,
  rawBytes,
  readHeader,
  requireHeader,
  type Verifier,
  verificationError,
  verifyHmacHex,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { getLeft, getRight } from './helpers.js'

/** Like Razorpay: one header, hex HMAC-SHA256 with the webhook secret. */
function alphaVerifier(secrets: string[]): Verifier {
  return {
    provider: 'alpha',
    signatureHeaders: ['x-alpha-signature'],
    verify: (body, headers) =>
      pipe(
        E.Do,
        E.bind('bytes', () => rawBytes('alpha', body)),
        E.bind('signature', () => requireHeader('alpha', headers, 'x-alpha-signature')),
        E.chainFirst(({ bytes, signature }) =>
          verifyHmacHex('alpha', { algorithm: 'sha256', signature, body: bytes, secrets, header: 'x-alpha-signature' }),
        ),
        E.chain(({ bytes }) => parsePayload('alpha', bytes)),
        E.map((payload) => normalizedEvent({ provider: 'alpha', id: String(payload.id), type: String(payload.event), data: payload.payload, raw: payload })),
      ),
  }
}

/** Like Calypso: `Sign` + `Key`, hex HMAC-SHA512, the secret chosen by `Key`. */
function betaVerifier(keys: Record<string, string>): Verifier {
  return {
    provider: 'beta',
    signatureHeaders: ['sign', 'key'],
    verify: (body, headers) => {
      const key = readHeader(headers, 'key') ?? ''
      const secret = keys[key]
      return pipe(
        E.Do,
        E.bind('bytes', () => rawBytes('beta', body)),
        E.bind('signature', () => requireHeader('beta', headers, 'sign')),
        E.chainFirst(({ bytes, signature }) =>
          secret === undefined
            ? E.left(verificationError('beta', 'no_secret', `no secret for key ${key}`, 'key'))
            : verifyHmacHex('beta', { algorithm: 'sha512', signature, body: bytes, secrets: [secret], header: 'sign' }),
        ),
        E.chain(({ bytes }) => parsePayload('beta', bytes)),
        E.map((payload) => normalizedEvent({ provider: 'beta', id: String(payload.eventId), type: String(payload.type), data: payload, raw: payload })),
      )
    },
  }
}

const ALPHA_SECRET = 'alpha-webhook-secret'
const BETA_KEYS = { 'key-1': 'beta-secret-one', 'key-2': 'beta-secret-two' }
const alphaBody = JSON.stringify({ id: 'evt_a1', event: 'payment.captured', payload: { amount: 5 } })
const betaBody = JSON.stringify({ eventId: 'b-77', type: 'PAYMENT_SUCCESS', amount: 9 })
const sig = (algorithm: 'sha256' | 'sha512', key: string, body: string) => createHmac(algorithm, key).update(body).digest('hex')

const receiver = createReceiver([alphaVerifier([ALPHA_SECRET]), betaVerifier(BETA_KEYS)])

const post = (body: string, headers: Record<string, string>) =>
  new Request('https://shop.example.com/webhooks', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

describe('createReceiver', () => {
  it('picks the provider by its signature headers from a standard Request', async () => {
    const alpha = getRight(await receiver.receive(post(alphaBody, { 'X-Alpha-Signature': sig('sha256', ALPHA_SECRET, alphaBody) })))
    expect(alpha.provider).toBe('alpha')
    expect(alpha.event).toMatchObject({ provider: 'alpha', id: 'evt_a1', type: 'payment.captured', data: { amount: 5 } })

    const beta = getRight(await receiver.receive(post(betaBody, { Sign: sig('sha512', 'beta-secret-two', betaBody), Key: 'key-2' })))
    expect(beta.provider).toBe('beta')
    expect(beta.event).toMatchObject({ id: 'b-77', type: 'PAYMENT_SUCCESS' })
  })

  it('does the same with receiveRaw on a body and headers already in hand', () => {
    const bytes = new TextEncoder().encode(betaBody)
    const beta = getRight(receiver.receiveRaw(bytes, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-1' }))
    expect(beta.provider).toBe('beta')
    const alpha = getRight(receiver.receiveRaw(alphaBody, new Headers({ 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) })))
    expect(alpha.provider).toBe('alpha')
    expect(E.isRight(receiver.receiveRaw(bytes.buffer, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-1' }))).toBe(true)
  })

  it('reports missing_header, naming what it expected, when no provider header is present', async () => {
    const error = getLeft(await receiver.receive(post(alphaBody, { 'x-other-signature': 'abc' })))
    expect(error).toEqual({
      _tag: 'VerificationError',
      provider: 'unknown',
      reason: 'missing_header',
      message: 'no known signature header is present (expected alpha: x-alpha-signature; beta: sign + key)',
    })
    // Half of beta's headers is not beta.
    expect(getLeft(receiver.receiveRaw(betaBody, { sign: sig('sha512', 'beta-secret-one', betaBody) })).reason).toBe('missing_header')
  })

  it("returns the chosen provider's own error when its check fails", async () => {
    const tampered = getLeft(await receiver.receive(post(`${alphaBody} `, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) })))
    expect(tampered).toMatchObject({ provider: 'alpha', reason: 'signature_mismatch' })
    const unknownKey = getLeft(receiver.receiveRaw(betaBody, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-9' }))
    expect(unknownKey).toMatchObject({ provider: 'beta', reason: 'no_secret' })
    const parsed = getLeft(receiver.receiveRaw(JSON.parse(alphaBody) as string, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) }))
    expect(parsed).toMatchObject({ provider: 'alpha', reason: 'body_not_raw' })
  })

  it('tries every verifier matching the same headers, first success wins, else the first error', () => {
    const both = createReceiver([alphaVerifier(['old-alpha-secret']), { ...alphaVerifier([ALPHA_SECRET]), provider: 'alpha-2' }])
    const ok = getRight(both.receiveRaw(alphaBody, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) }))
    expect(ok.provider).toBe('alpha-2')
    const bad = getLeft(both.receiveRaw(alphaBody, { 'x-alpha-signature': sig('sha256', 'nobody', alphaBody) }))
    expect(bad.provider).toBe('alpha')
  })

  it('needs at least one verifier', () => {
    expect(() => createReceiver([])).toThrow(TypeError)
  })
})
