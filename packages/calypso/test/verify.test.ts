import { createReceiver, secret } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { calypsoSign } from '../src/signing.js'
import { calypsoVerifier } from '../src/verify.js'
import { signCalypsoDelivery } from '../src/fake/sign.js'
import { fixtureText } from './helpers.js'

const PUBLIC_KEY = '7f3a9c1e5b2d48f6a0c4e8b1d3f5a7c9'
const SECRET_KEY = 'e4b6d8f0a2c41e3b5d7f9a1c3e5b7d9f'
const body = fixtureText('delivery-invoice.json').trim()
const headers = { Key: PUBLIC_KEY, Sign: calypsoSign(SECRET_KEY, body), 'Content-Type': 'application/json' }
const verifier = calypsoVerifier({ secrets: { [PUBLIC_KEY]: SECRET_KEY } })

const reasonOf = (result: E.Either<{ reason: string }, unknown>) => (E.isLeft(result) ? result.left.reason : 'verified')

describe('calypsoVerifier', () => {
  it('verifies the documented delivery and normalizes it', async () => {
    const result = await verifier.verify(body, headers)()
    if (E.isLeft(result)) throw new Error(result.left.message)
    const event = result.right
    expect(event).toMatchObject({
      provider: 'calypso',
      id: '1',
      type: 'INVOICE_CREATE_INVOICE',
      service: 'INVOICE',
      level: 'SUCCESS',
      subscriptionId: 'bf9348b7-2e4c-4f1a-9d3b-6a7e8c9d0f12',
      data: { invoiceId: 'f3c1a7e2-5b9d-4c8e-a1f0-2d3e4f5a6b7c', amount: '100.00', currency: 'USDT', type: 'INVOICE_CREATE_INVOICE' },
    })
    // createdDate carries no zone: UTC is meant (microseconds are cut to milliseconds).
    expect(event.createdAt?.toISOString()).toBe('2022-03-15T12:13:05.909Z')
    expect((event.raw as { id: number }).id).toBe(1)
  })

  it('reads createdDate as the subscription codec does: a zone when given, UTC without one, left out when it is no date', async () => {
    const createdAtFor = async (createdDate: unknown) => {
      const text = JSON.stringify({ ...JSON.parse(body), createdDate })
      const result = await verifier.verify(text, { ...headers, Sign: calypsoSign(SECRET_KEY, text) })()
      if (E.isLeft(result)) throw new Error(result.left.message)
      return result.right.createdAt?.toISOString()
    }
    expect(await createdAtFor('2022-03-15T12:13:05+02:00')).toBe('2022-03-15T10:13:05.000Z')
    expect(await createdAtFor('2022-03-15 12:13:05')).toBe('2022-03-15T12:13:05.000Z')
    expect(await createdAtFor('2022-03-15')).toBe('2022-03-15T00:00:00.000Z')
    expect(await createdAtFor('yesterday')).toBeUndefined()
    expect(await createdAtFor(1647346385)).toBeUndefined()
  })

  it('accepts the body as bytes and headers as a Headers object, any case', async () => {
    const bytes = new TextEncoder().encode(body)
    expect(reasonOf(await verifier.verify(bytes, new Headers(headers))())).toBe('verified')
    expect(reasonOf(await verifier.verify(bytes.buffer.slice(0), { key: PUBLIC_KEY, sign: headers.Sign.toUpperCase() })())).toBe('verified')
  })

  it('refuses a tampered body', async () => {
    expect(reasonOf(await verifier.verify(body.replace('100.00', '900.00'), headers)())).toBe('signature_mismatch')
    expect(reasonOf(await verifier.verify(`${body} `, headers)())).toBe('signature_mismatch')
  })

  it('refuses a signature made with another secret', async () => {
    expect(reasonOf(await verifier.verify(body, { ...headers, Sign: calypsoSign('another-secret-key', body) })())).toBe('signature_mismatch')
  })

  it('refuses a Key it has no secret for, without echoing the key', async () => {
    const result = await verifier.verify(body, { ...headers, Key: 'ffffffffffffffffffffffffffffffff' })()
    expect(reasonOf(result)).toBe('no_secret')
    expect(E.isLeft(result) && result.left.message).not.toContain('ffffffff')
    expect(() => calypsoVerifier({ secrets: {} })).toThrow(/at least one public key/)
    // Not fooled by object prototype names.
    expect(reasonOf(await verifier.verify(body, { ...headers, Key: 'constructor' })())).toBe('no_secret')
  })

  it('accepts old and new secrets while keys are regenerated', async () => {
    const NEW_PUBLIC = '0a0b0c0d0e0f40112233445566778899'
    const NEW_SECRET = '99887766554433221100ffeeddccbbaa'
    const rotating = calypsoVerifier({ secrets: { [PUBLIC_KEY]: [SECRET_KEY, secret('a-second-secret-for-old-key')], [NEW_PUBLIC]: secret(NEW_SECRET) } })
    expect(reasonOf(await rotating.verify(body, headers)())).toBe('verified')
    expect(reasonOf(await rotating.verify(body, { ...headers, Sign: calypsoSign('a-second-secret-for-old-key', body) })())).toBe('verified')
    const fresh = signCalypsoDelivery(body, { publicKey: NEW_PUBLIC, secretKey: NEW_SECRET })
    expect(reasonOf(await rotating.verify(fresh.body, fresh.headers)())).toBe('verified')
    // A new key's secret does not verify deliveries naming the old key.
    expect(reasonOf(await rotating.verify(body, { ...headers, Sign: calypsoSign(NEW_SECRET, body) })())).toBe('signature_mismatch')
  })

  it('looks secrets up through a function', async () => {
    const seen: string[] = []
    const lookup = calypsoVerifier({ secrets: (key) => (seen.push(key), key === PUBLIC_KEY ? SECRET_KEY : undefined) })
    expect(reasonOf(await lookup.verify(body, headers)())).toBe('verified')
    expect(seen).toEqual([PUBLIC_KEY])
  })

  it('names the missing header', async () => {
    const noKey = await verifier.verify(body, { Sign: headers.Sign })()
    expect(reasonOf(noKey)).toBe('missing_header')
    expect(E.isLeft(noKey) && noKey.left.header).toBe('Key')
    const noSign = await verifier.verify(body, { Key: PUBLIC_KEY, Sign: '  ' })()
    expect(reasonOf(noSign)).toBe('missing_header')
    expect(E.isLeft(noSign) && noSign.left.header).toBe('Sign')
  })

  it('refuses a malformed signature', async () => {
    expect(reasonOf(await verifier.verify(body, { ...headers, Sign: headers.Sign.slice(0, 64) })())).toBe('malformed_signature')
    expect(reasonOf(await verifier.verify(body, { ...headers, Sign: 'zz'.repeat(64) })())).toBe('malformed_signature')
  })

  it('refuses a parsed body with advice', async () => {
    const result = await verifier.verify(JSON.parse(body) as never, headers)()
    expect(reasonOf(result)).toBe('body_not_raw')
    expect(E.isLeft(result) && result.left.message).toMatch(/raw request body/)
  })

  it('refuses a signed payload that is not a delivery', async () => {
    const signed = (text: string) => ({ ...headers, Sign: calypsoSign(SECRET_KEY, text) })
    expect(reasonOf(await verifier.verify('not json', signed('not json'))())).toBe('payload_not_json')
    expect(reasonOf(await verifier.verify('{"id":1}', signed('{"id":1}'))())).toBe('payload_not_json')
  })

  it('works inside the core receiver', async () => {
    const receiver = createReceiver([verifier])
    const request = new Request('https://merchant.example/hook', { method: 'POST', body, headers })
    const result = await receiver.receive(request)()
    expect(E.isRight(result) && result.right.provider).toBe('calypso')
  })
})

describe('signCalypsoDelivery', () => {
  it('signs the exact bytes it returns, as Calypso does', async () => {
    const signed = signCalypsoDelivery({ id: 7, eventType: 'PAYOUT_CONFIRMED' }, { publicKey: PUBLIC_KEY, secretKey: secret(SECRET_KEY) })
    expect(signed.body).toBe('{"id":7,"eventType":"PAYOUT_CONFIRMED"}')
    expect(signed.headers.Key).toBe(PUBLIC_KEY)
    expect(signed.headers.Sign).toBe(calypsoSign(SECRET_KEY, signed.body))
    expect(reasonOf(await verifier.verify(signed.body, signed.headers)())).toBe('verified')
  })
})
