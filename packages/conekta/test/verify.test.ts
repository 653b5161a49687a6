import { createPublicKey } from 'node:crypto'
import { createReceiver } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { beforeAll, describe, expect, it } from 'vitest'
import { conektaVerifier } from '../src/index.js'
import { type ConektaKeyPair, conektaEvent, generateConektaKeyPair, signConektaPayload, signedConektaDelivery } from '../src/testing.js'

let current: ConektaKeyPair
let previous: ConektaKeyPair
let stranger: ConektaKeyPair

beforeAll(() => {
  current = generateConektaKeyPair()
  previous = generateConektaKeyPair()
  stranger = generateConektaKeyPair()
})

const event = {
  type: 'order.paid',
  id: '614bd014fb7dfd3edaf1194e',
  createdAt: new Date(1632358420 * 1000),
  data: { object: { id: 'ord_2tUhuyzqLi6UJE9D12', object: 'order', payment_status: 'paid' }, previous_attributes: {} },
} as const

const reasonOf = <A>(result: E.Either<{ reason: string }, A>) => (E.isLeft(result) ? result.left.reason : 'verified')

describe('conektaVerifier', () => {
  it('verifies a signed delivery and normalizes the event', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const result = await conektaVerifier({ publicKeys: [current.publicKey] }).verify(delivery.body, delivery.headers)()
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right).toMatchObject({ provider: 'conekta', id: event.id, type: 'order.paid', data: event.data })
    expect(result.right.createdAt).toBeInstanceOf(Date)
    expect(result.right.createdAt?.getTime()).toBe(1632358420 * 1000)
    expect(result.right.raw).toEqual(JSON.parse(delivery.body))
  })

  it('verifies bytes and a fetch Headers object just as well', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const bytes = new TextEncoder().encode(delivery.body)
    const verifier = conektaVerifier({ publicKeys: current.publicKey })
    expect(reasonOf(await verifier.verify(bytes, new Headers(delivery.headers))())).toBe('verified')
    expect(reasonOf(await verifier.verify(bytes.buffer as ArrayBuffer, { DIGEST: delivery.headers.digest! })())).toBe('verified')
  })

  it('refuses a tampered body', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const tampered = delivery.body.replace('"paid"', '"refunded"')
    expect(tampered).not.toBe(delivery.body)
    expect(reasonOf(await conektaVerifier({ publicKeys: [current.publicKey] }).verify(tampered, delivery.headers)())).toBe('signature_mismatch')
  })

  it('refuses a body re-serialized with different whitespace', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const reserialized = JSON.stringify(JSON.parse(delivery.body), null, 2)
    expect(reasonOf(await conektaVerifier({ publicKeys: [current.publicKey] }).verify(reserialized, delivery.headers)())).toBe('signature_mismatch')
  })

  it('refuses a signature made with another key', async () => {
    const delivery = signedConektaDelivery(event, stranger.privateKey)
    const result = await conektaVerifier({ publicKeys: [current.publicKey, previous.publicKey] }).verify(delivery.body, delivery.headers)()
    expect(reasonOf(result)).toBe('signature_mismatch')
    expect(E.isLeft(result) && result.left.header).toBe('digest')
  })

  it('accepts either key during a rotation, in any order', async () => {
    const verifier = conektaVerifier({ publicKeys: [current.publicKey, previous.publicKey] })
    for (const pair of [previous, current]) {
      const delivery = signedConektaDelivery(event, pair.privateKey)
      expect(reasonOf(await verifier.verify(delivery.body, delivery.headers)())).toBe('verified')
    }
    const afterRotation = conektaVerifier({ publicKeys: [current.publicKey] })
    const old = signedConektaDelivery(event, previous.privateKey)
    expect(reasonOf(await afterRotation.verify(old.body, old.headers)())).toBe('signature_mismatch')
  })

  it('refuses a delivery without the digest header', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const result = await conektaVerifier({ publicKeys: [current.publicKey] }).verify(delivery.body, { 'content-type': 'application/json' })()
    expect(reasonOf(result)).toBe('missing_header')
    expect(E.isLeft(result) && result.left.message).toContain('digest')
  })

  it('answers missing_header, without throwing, when no headers object is passed', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const verifier = conektaVerifier({ publicKeys: [current.publicKey] })
    for (const headers of [undefined, null]) {
      expect(reasonOf(await verifier.verify(delivery.body, headers as never)())).toBe('missing_header')
    }
  })

  it('refuses a parsed object instead of the raw body, and says why', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    const parsed = JSON.parse(delivery.body) as unknown
    const result = await conektaVerifier({ publicKeys: [current.publicKey] }).verify(parsed as string, delivery.headers)()
    expect(reasonOf(result)).toBe('body_not_raw')
    expect(E.isLeft(result) && result.left.message).toMatch(/raw/)
  })

  it('refuses a digest that is not base64', async () => {
    const delivery = signedConektaDelivery(event, current.privateKey)
    expect(reasonOf(await conektaVerifier({ publicKeys: [current.publicKey] }).verify(delivery.body, { digest: 'sha256=not base64!' })())).toBe(
      'malformed_signature',
    )
  })

  it('refuses a correctly signed body that is not JSON, or not an event', async () => {
    const verifier = conektaVerifier({ publicKeys: [current.publicKey] })
    for (const body of ['not json', '{"hello":"world"}']) {
      expect(reasonOf(await verifier.verify(body, { digest: signConektaPayload(body, current.privateKey) })())).toBe('payload_not_json')
    }
  })

  it('refuses an empty list of keys at construction', () => {
    expect(() => conektaVerifier({ publicKeys: [] })).toThrow(/publicKeys must be a PEM public key or a non-empty list/)
  })

  it('refuses an unusable key at construction, not at the first delivery', () => {
    expect(() => conektaVerifier({ publicKeys: ['-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n'] })).toThrow(/publicKeys\[0\]/)
    // A KeyObject works too.
    expect(() => conektaVerifier({ publicKeys: [createPublicKey(current.publicKey)] })).not.toThrow()
  })

  it('plugs into core’s receiver, which recognizes the digest header', async () => {
    const receiver = createReceiver([conektaVerifier({ publicKeys: [current.publicKey] })])
    const delivery = signedConektaDelivery(
      JSON.stringify(conektaEvent({ type: 'webhook_ping', data: { livemode: false, action: 'ping' } })),
      current.privateKey,
    )
    const result = await receiver.receive(new Request('https://shop.example/hooks', { method: 'POST', body: delivery.body, headers: delivery.headers }))()
    expect(E.isRight(result) && [result.right.provider, result.right.event.type]).toEqual(['conekta', 'webhook_ping'])
  })
})

describe('signing helpers', () => {
  it('make RSA-2048 keys in the PEM forms Conekta uses, and 344-character base64 digests', () => {
    expect(current.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/)
    expect(createPublicKey(current.publicKey).asymmetricKeyDetails?.modulusLength).toBe(2048)
    const digest = signConektaPayload('{}', current.privateKey)
    expect(digest).toHaveLength(344)
    expect(digest).toMatch(/^[A-Za-z0-9+/]+=*$/)
  })

  it('build events in Conekta’s delivery shape', () => {
    const built = conektaEvent({ type: 'charge.paid', createdAt: new Date(1_700_000_000_500) })
    expect(built).toMatchObject({ object: 'event', type: 'charge.paid', livemode: false, created_at: 1_700_000_000 })
    expect(built.id).toMatch(/^[0-9a-f]{24}$/)
  })
})
