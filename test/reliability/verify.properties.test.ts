/**
 * Property tests of every verifier: a delivery signed as the provider signs it is accepted, whatever its
 * data; any single bit flipped in the body or in the signature is refused with a `VerificationError`;
 * and any body and headers at all give a result, never a throw or a rejection. Quick in CI (fixed
 * seed); `UNIHOOK_PROPERTIES=long` runs at least 10,000 cases per provider.
 */

import { createReceiver, verifyOrThrow } from '@unihook/core'
import { calypsoVerifier } from '@unihook/calypso'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { conektaVerifier } from '@unihook/conekta'
import { razorpayVerifier } from '@unihook/razorpay'
import { stripeVerifier } from '@unihook/stripe'
import { signStripeDelivery, stripeEvent } from '@unihook/stripe/testing'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateConektaKeyPair, signedConektaDelivery } from '../../packages/conekta/src/signing.js'
import { razorpayEvent, signRazorpayDelivery } from '../../packages/razorpay/src/signing.js'
import { runs, SUITE_TIMEOUT } from './settings.js'

type Headers = Record<string, string>
interface Delivery {
  readonly body: string
  readonly headers: Headers
}

/** `await verifier.verify(body, headers)()`: verification answers a TaskEither, whatever it is given. */
async function verify(verifier: { verify: (...args: never[]) => unknown }, body: unknown, headers: unknown): Promise<E.Either<unknown, unknown>> {
  const task = (verifier.verify as (b: unknown, h: unknown) => unknown)(body, headers)
  expect(typeof task, 'verify returns a TaskEither').toBe('function')
  return (await (task as () => Promise<unknown>)()) as E.Either<unknown, unknown>
}

const isVerificationError = (value: unknown) => typeof value === 'object' && value !== null && (value as { _tag?: unknown })._tag === 'VerificationError'

/** The bytes with one bit flipped. */
const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8)
  return copy
}

interface Provider {
  readonly name: string
  /** The header carrying the signature, and how its value is encoded. */
  readonly signatureHeader: string
  readonly encoding: 'hex' | 'base64'
  /** Where the signature sits in the header's value (Stripe's `t=…,v1=<hex>`): the whole value unless said. */
  readonly signatureIn?: { readonly prefix: RegExp }
  readonly verifier: { verify: (...args: never[]) => unknown }
  readonly eventType: string
  sign(data: unknown): Promise<Delivery> | Delivery
}

const conektaKeys = generateConektaKeyPair()
const RAZORPAY_SECRET = 'whsec_Zx81pQw3Lr0TnBv6Ysd2'
const STRIPE_SECRET = 'whsec_PropertyStripe0123456789abcdefAB'
const CALYPSO_KEYS = { publicKey: 'c529e14832b34b74972365cf7bf02430', secretKey: 'b823a6b9ea72408583cef9ec8d67fa52' }

const PROVIDERS: readonly Provider[] = [
  {
    name: 'conekta',
    signatureHeader: 'digest',
    encoding: 'base64',
    verifier: conektaVerifier({ publicKeys: [conektaKeys.publicKey] }),
    eventType: 'order.paid',
    sign: (data) => signedConektaDelivery({ type: 'order.paid', data: { object: data } }, conektaKeys.privateKey) as Delivery,
  },
  {
    name: 'razorpay',
    signatureHeader: 'x-razorpay-signature',
    encoding: 'hex',
    verifier: razorpayVerifier({ secrets: [RAZORPAY_SECRET] }),
    eventType: 'payment.captured',
    sign: (data) =>
      signRazorpayDelivery({
        payload: razorpayEvent({ event: 'payment.captured', payload: { payment: { entity: data } } }),
        secret: RAZORPAY_SECRET,
      }) as Delivery,
  },
  {
    name: 'calypso',
    signatureHeader: 'Sign',
    encoding: 'hex',
    verifier: calypsoVerifier({ secrets: { [CALYPSO_KEYS.publicKey]: CALYPSO_KEYS.secretKey } }),
    eventType: 'INVOICE_PAID',
    sign: (data) => signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID', data: data as Record<string, unknown> }), CALYPSO_KEYS) as Delivery,
  },
  {
    name: 'stripe',
    signatureHeader: 'Stripe-Signature',
    encoding: 'hex',
    signatureIn: { prefix: /^t=\d+,v1=/ },
    verifier: stripeVerifier({ secrets: STRIPE_SECRET }),
    eventType: 'payment_intent.succeeded',
    sign: (data) =>
      signStripeDelivery({
        payload: stripeEvent({ type: 'payment_intent.succeeded', object: data as Record<string, unknown> }),
        secret: STRIPE_SECRET,
      }) as Delivery,
  },
]

const eventData = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })

/** The header's value in a delivery, whatever the case of its name. */
const headerOf = (headers: Headers, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? ''
const withHeader = (headers: Headers, name: string, value: string): Headers => ({
  ...Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase())),
  [name]: value,
})

describe('verifier properties', { timeout: SUITE_TIMEOUT }, () => {
  for (const p of PROVIDERS) {
    describe(p.name, () => {
      it('accepts any data signed as the provider signs it', async () => {
        await fc.assert(
          fc.asyncProperty(eventData, async (data) => {
            const delivery = await p.sign(data)
            const result = await verify(p.verifier, delivery.body, delivery.headers)
            if (E.isLeft(result)) throw new Error(`refused a valid delivery: ${JSON.stringify(result.left)}`)
            expect((result.right as { type?: string }).type).toBe(p.eventType)
          }),
          runs(60, 2_500),
        )
      })

      it('refuses any single bit flipped in the body, as bytes or as text', async () => {
        await fc.assert(
          fc.asyncProperty(eventData, fc.nat(), fc.boolean(), async (data, bit, asText) => {
            const delivery = await p.sign(data)
            const bytes = new TextEncoder().encode(delivery.body)
            const flipped = flipBit(bytes, bit % (bytes.length * 8))
            const body = asText ? new TextDecoder().decode(flipped) : flipped
            const result = await verify(p.verifier, body, delivery.headers)
            expect(E.isLeft(result) && isVerificationError(result.left), `accepted a body with bit ${bit} flipped`).toBe(true)
          }),
          runs(150, 2_500),
        )
      })

      it('refuses any single bit flipped in the signature', async () => {
        await fc.assert(
          fc.asyncProperty(eventData, fc.nat(), async (data, bit) => {
            const delivery = await p.sign(data)
            const value = headerOf(delivery.headers, p.signatureHeader)
            const prefix = p.signatureIn?.prefix.exec(value)?.[0] ?? ''
            const signature = Buffer.from(value.slice(prefix.length), p.encoding)
            expect(signature.length).toBeGreaterThan(0)
            const forged = prefix + Buffer.from(flipBit(signature, bit % (signature.length * 8))).toString(p.encoding)
            const result = await verify(p.verifier, delivery.body, withHeader(delivery.headers, p.signatureHeader, forged))
            expect(E.isLeft(result) && isVerificationError(result.left), `accepted a signature with bit ${bit} flipped`).toBe(true)
          }),
          runs(150, 2_500),
        )
      })

      it('answers any body and headers with a result, never a throw', async () => {
        const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.constant(undefined))
        const headers = fc.oneof(
          fc.dictionary(fc.oneof(fc.constantFrom(p.signatureHeader, 'Key', 'content-type'), fc.string({ maxLength: 12 })), headerValue, { maxKeys: 4 }),
          fc.anything({ maxDepth: 1 }),
        )
        const body = fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 256 }),
          fc.jsonValue().map((j) => JSON.stringify(j)),
          fc.anything({ maxDepth: 1 }),
        )
        await fc.assert(
          fc.asyncProperty(body, headers, async (b, h) => {
            const result = await verify(p.verifier, b, h)
            expect(E.isLeft(result) || E.isRight(result)).toBe(true)
            if (E.isLeft(result)) expect(isVerificationError(result.left), JSON.stringify(result.left)).toBe(true)
          }),
          runs(300, 2_500),
        )
      })
    })
  }

  it('a receiver of every provider routes any valid delivery to its provider and refuses any tampered one', async () => {
    const receiver = createReceiver(PROVIDERS.map((p) => p.verifier) as never)
    const raw = receiver.receiveRaw as (b: unknown, h: unknown) => () => Promise<E.Either<unknown, { provider: string }>>
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROVIDERS), eventData, fc.option(fc.nat(), { nil: undefined }), async (p, data, bit) => {
        const delivery = await p.sign(data)
        const bytes = new TextEncoder().encode(delivery.body)
        const body = bit === undefined ? delivery.body : flipBit(bytes, bit % (bytes.length * 8))
        const result = await raw(body, delivery.headers)()
        if (bit === undefined) expect(E.isRight(result) && result.right.provider).toBe(p.name)
        else expect(E.isLeft(result) && isVerificationError(result.left)).toBe(true)
      }),
      runs(100, 2_500),
    )
  })

  it('verifyOrThrow rejects any refused delivery with the typed error, never another kind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROVIDERS),
        fc.oneof(fc.string(), fc.anything({ maxDepth: 1 })),
        fc.anything({ maxDepth: 1 }),
        async (p, body, headers) => {
          const outcome = await verifyOrThrow(p.verifier as never, body as never, headers as never).then(
            () => undefined,
            (rejected: unknown) => rejected,
          )
          if (outcome !== undefined) expect((outcome as { _tag?: unknown })._tag).toBe('VerificationError')
        },
      ),
      runs(200, 2_500),
    )
  })
})
