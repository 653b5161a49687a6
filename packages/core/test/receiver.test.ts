import { createHmac } from 'node:crypto'
import { createReceiver, defineVerifier, hmacKeys, matchHmacHex, normalizedEvent, readHeader, refuse, signatureHeader } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { getLeft, getRight } from './helpers.js'

/** Like Razorpay: one header, hex HMAC-SHA256 with the webhook secret. */
function alphaVerifier<P extends string = 'alpha'>(secrets: string[], provider: P = 'alpha' as P) {
  const keys = hmacKeys('sha256', secrets)
  return defineVerifier({
    provider,
    signatureHeaders: ['x-alpha-signature'],
    checkSignature: (body, headers) =>
      matchHmacHex({ algorithm: 'sha256', signature: signatureHeader(headers, 'x-alpha-signature'), body, secrets: keys, header: 'x-alpha-signature' }),
    toEvent: (payload) => normalizedEvent({ provider, id: String(payload.id), type: String(payload.event), data: payload.payload, raw: payload }),
  })
}

/** Like Calypso: `Sign` + `Key`, hex HMAC-SHA512, the secret chosen by `Key`. */
function betaVerifier(keys: Record<string, string>) {
  return defineVerifier({
    provider: 'beta',
    signatureHeaders: ['sign', 'key'],
    checkSignature: (body, headers) => {
      const key = readHeader(headers, 'key') ?? ''
      const secret = keys[key]
      const signature = signatureHeader(headers, 'sign')
      if (secret === undefined) refuse('no_secret', `no secret for key ${key}`, 'key')
      return matchHmacHex({ algorithm: 'sha512', signature, body, secrets: hmacKeys('sha512', [secret]), header: 'sign' })
    },
    toEvent: (payload) => normalizedEvent({ provider: 'beta' as const, id: String(payload.eventId), type: String(payload.type), data: payload, raw: payload }),
  })
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
    const alpha = getRight(await receiver.receive(post(alphaBody, { 'X-Alpha-Signature': sig('sha256', ALPHA_SECRET, alphaBody) }))())
    expect(alpha.provider).toBe('alpha')
    expect(alpha.event).toMatchObject({ provider: 'alpha', id: 'evt_a1', type: 'payment.captured', data: { amount: 5 } })

    const beta = getRight(await receiver.receive(post(betaBody, { Sign: sig('sha512', 'beta-secret-two', betaBody), Key: 'key-2' }))())
    expect(beta.provider).toBe('beta')
    expect(beta.event).toMatchObject({ id: 'b-77', type: 'PAYMENT_SUCCESS' })
  })

  it('does the same with receiveRaw on a body and headers already in hand', async () => {
    const bytes = new TextEncoder().encode(betaBody)
    const beta = getRight(await receiver.receiveRaw(bytes, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-1' })())
    expect(beta.provider).toBe('beta')
    const alpha = getRight(await receiver.receiveRaw(alphaBody, new Headers({ 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) }))())
    expect(alpha.provider).toBe('alpha')
    expect(E.isRight(await receiver.receiveRaw(bytes.buffer, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-1' })())).toBe(true)
  })

  it('reports missing_header, naming what it expected, when no provider header is present', async () => {
    const error = getLeft(await receiver.receive(post(alphaBody, { 'x-other-signature': 'abc' }))())
    expect(error).toEqual({
      _tag: 'VerificationError',
      provider: 'unknown',
      reason: 'missing_header',
      message: 'no known signature header is present (expected alpha: x-alpha-signature; beta: sign + key)',
    })
    // Half of beta's headers is not beta.
    expect(getLeft(await receiver.receiveRaw(betaBody, { sign: sig('sha512', 'beta-secret-one', betaBody) })()).reason).toBe('missing_header')
  })

  it("returns the chosen provider's own error when its check fails", async () => {
    const tampered = getLeft(await receiver.receive(post(`${alphaBody} `, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) }))())
    expect(tampered).toMatchObject({ provider: 'alpha', reason: 'signature_mismatch' })
    const unknownKey = getLeft(await receiver.receiveRaw(betaBody, { sign: sig('sha512', 'beta-secret-one', betaBody), key: 'key-9' })())
    expect(unknownKey).toMatchObject({ provider: 'beta', reason: 'no_secret' })
    const parsed = getLeft(await receiver.receiveRaw(JSON.parse(alphaBody) as string, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) })())
    expect(parsed).toMatchObject({ provider: 'alpha', reason: 'body_not_raw' })
  })

  it('tries every verifier matching the same headers, first success wins, else the first error', async () => {
    const both = createReceiver([alphaVerifier(['old-alpha-secret']), alphaVerifier([ALPHA_SECRET], 'alpha-2')])
    const ok = getRight(await both.receiveRaw(alphaBody, { 'x-alpha-signature': sig('sha256', ALPHA_SECRET, alphaBody) })())
    expect(ok.provider).toBe('alpha-2')
    const bad = getLeft(await both.receiveRaw(alphaBody, { 'x-alpha-signature': sig('sha256', 'nobody', alphaBody) })())
    expect(bad.provider).toBe('alpha')
  })

  it('needs at least one verifier', async () => {
    expect(() => createReceiver([])).toThrow(TypeError)
  })
})
