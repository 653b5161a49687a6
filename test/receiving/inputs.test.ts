/**
 * Verifier configuration and header values as plain JavaScript (or the environment) hands them over,
 * whatever the types say: a lone string is one secret, junk is refused at construction with a
 * `TypeError` that never shows the value, and no header value makes a verifier throw.
 */

import { createHmac } from 'node:crypto'
import { calypsoVerifier } from '@unihook/calypso'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { conektaVerifier } from '@unihook/conekta'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { createReceiver, secret } from '@unihook/core'
import { razorpayVerifier } from '@unihook/razorpay'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { stripeVerifier } from '@unihook/stripe'
import { signStripeDelivery, stripeEvent } from '@unihook/stripe/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'

const REAL_SECRET = 'whsec_LongRealSecret123'
const conektaKeys = generateConektaKeyPair()

/** The outcome of a verification, whether the API answers with an Either or a TaskEither. */
async function outcome(result: unknown): Promise<string> {
  const either = (typeof result === 'function' ? await (result as () => Promise<unknown>)() : result) as E.Either<{ reason: string }, unknown>
  return E.isLeft(either) ? either.left.reason : 'verified'
}

const razorpayBody = JSON.stringify(razorpayEvent({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1' } } } }))
const hmac = (algorithm: string, key: string, body: string) => createHmac(algorithm, key).update(body).digest('hex')

// Everything that is not a secret, or a list of them: none may be accepted.
const JUNK: [string, unknown][] = [
  ['an empty list', []],
  ['a list holding an empty string', ['']],
  ['a list holding an empty Secret', [secret('')]],
  ['an empty string', ''],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['an object', { value: REAL_SECRET }],
  ['a list holding a number', [REAL_SECRET, 7]],
]

const stripeBody = JSON.stringify(stripeEvent({ id: 'evt_1Inputs', type: 'invoice.paid' }))
const now = () => Math.floor(Date.now() / 1000)

/** The verifiers whose secrets are one string or a list: how each is made from its options, and a delivery signed with a given secret. */
const SECRET_LISTS = [
  {
    name: 'razorpayVerifier',
    make: (options: unknown) => razorpayVerifier(options as never),
    signed: (key: string) => signRazorpayDelivery({ payload: razorpayBody, secret: key }),
  },
  {
    name: 'stripeVerifier',
    make: (options: unknown) => stripeVerifier(options as never),
    signed: (key: string) => signStripeDelivery({ payload: stripeBody, secret: key, timestamp: now() }),
  },
]

describe.each(SECRET_LISTS)('$name secrets', ({ name, make, signed }) => {
  it('reads a lone string as one secret: a delivery signed with its first character does not verify', async () => {
    const verifier = make({ secrets: REAL_SECRET })
    const forged = signed('w')
    expect(await outcome(verifier.verify(forged.body, forged.headers))).toBe('signature_mismatch')
    const genuine = signed(REAL_SECRET)
    expect(await outcome(verifier.verify(genuine.body, genuine.headers))).toBe('verified')
    expect(await outcome(make({ secrets: secret(REAL_SECRET) }).verify(genuine.body, genuine.headers))).toBe('verified')
  })

  it.each(JUNK)('refuses %s at construction, without showing it', (_name, value) => {
    expect(() => make({ secrets: value })).toThrow(TypeError)
    expect(() => make({ secrets: value })).toThrow(new RegExp(`${name}\\(\\): secrets`))
    try {
      make({ secrets: value })
    } catch (error) {
      expect(String(error)).not.toContain(REAL_SECRET)
    }
  })

  it('refuses missing options', () => {
    expect(() => make(undefined)).toThrow(TypeError)
  })
})

describe('conektaVerifier publicKeys', () => {
  const delivery = signedConektaDelivery({ type: 'order.paid', data: { object: {} } }, conektaKeys.privateKey)

  it('reads a lone PEM string as one key', async () => {
    expect(await outcome(conektaVerifier({ publicKeys: conektaKeys.publicKey }).verify(delivery.body, delivery.headers))).toBe('verified')
  })

  it.each(JUNK)('refuses %s at construction', (_name, value) => {
    expect(() => conektaVerifier({ publicKeys: value as never })).toThrow(TypeError)
    expect(() => conektaVerifier({ publicKeys: value as never })).toThrow(/conektaVerifier\(\): publicKeys/)
  })

  it('refuses missing options', () => {
    expect(() => conektaVerifier(undefined as never)).toThrow(TypeError)
  })
})

describe('calypsoVerifier secrets', () => {
  const PUBLIC_KEY = 'pk_calypso_1'
  const delivery = signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID' }), { publicKey: PUBLIC_KEY, secretKey: REAL_SECRET })

  it('reads a lone string per key as one secret: a delivery signed with its first character does not verify', async () => {
    const verifier = calypsoVerifier({ secrets: { [PUBLIC_KEY]: REAL_SECRET } })
    expect(await outcome(verifier.verify(delivery.body, delivery.headers))).toBe('verified')
    const forged = { ...delivery.headers, Sign: hmac('sha512', 'w', delivery.body) }
    expect(await outcome(verifier.verify(delivery.body, forged))).toBe('signature_mismatch')
  })

  it.each([...JUNK.filter(([name]) => name !== 'an object'), ['a lone string', REAL_SECRET], ['a Secret', secret(REAL_SECRET)]] as [string, unknown][])(
    'refuses %s as the key map at construction',
    (_name, value) => {
      expect(() => calypsoVerifier({ secrets: value as never })).toThrow(TypeError)
      expect(() => calypsoVerifier({ secrets: value as never })).toThrow(/calypsoVerifier\(\): secrets/)
    },
  )

  it.each(JUNK)("refuses %s as a key's secret at construction, without showing it", (_name, value) => {
    expect(() => calypsoVerifier({ secrets: { [PUBLIC_KEY]: value as never } })).toThrow(TypeError)
    try {
      calypsoVerifier({ secrets: { [PUBLIC_KEY]: [REAL_SECRET, value] as never } })
    } catch (error) {
      expect(String(error)).not.toContain(REAL_SECRET)
    }
  })

  it('treats junk returned by a lookup function as no secret, not a crash', async () => {
    for (const value of JUNK.map(([, v]) => v)) {
      const verifier = calypsoVerifier({ secrets: () => value as never })
      expect(await outcome(verifier.verify(delivery.body, delivery.headers))).toBe('no_secret')
    }
    expect(await outcome(calypsoVerifier({ secrets: () => REAL_SECRET }).verify(delivery.body, delivery.headers))).toBe('verified')
  })
})

describe('createReceiver verifiers', () => {
  it.each([
    ...JUNK,
    ['a lone string', 'razorpay'],
    ['a lone verifier', razorpayVerifier({ secrets: [REAL_SECRET] })],
    ['a list holding something else', [razorpayVerifier({ secrets: [REAL_SECRET] }), { provider: 'x' }]],
  ] as [string, unknown][])('refuses %s', (_name, value) => {
    expect(() => createReceiver(value as never)).toThrow(TypeError)
    expect(() => createReceiver(value as never)).toThrow(/createReceiver\(\)/)
  })
})

describe('header values that are not strings', () => {
  const razorpay = razorpayVerifier({ secrets: [REAL_SECRET] })
  const conekta = conektaVerifier({ publicKeys: [conektaKeys.publicKey] })
  const calypso = calypsoVerifier({ secrets: { k: REAL_SECRET } })
  const stripe = stripeVerifier({ secrets: REAL_SECRET })
  const signature = hmac('sha256', REAL_SECRET, razorpayBody)
  const receiver = createReceiver([razorpay, conekta, calypso, stripe])
  const odd: [string, unknown][] = [
    ['a number', 12345],
    ['an object', { value: signature }],
    ['a repeated header', [signature, signature]],
    ['an empty list', []],
    ['a boolean', true],
    ['null', null],
  ]

  it.each(odd)('%s is a typed verification error for every verifier and the receiver, never a throw', async (_name, value) => {
    for (const [verifier, names] of [
      [razorpay, ['x-razorpay-signature']],
      [conekta, ['digest']],
      [calypso, ['key', 'sign']],
      [stripe, ['stripe-signature']],
    ] as const) {
      for (const name of names) {
        const headers = {
          'x-razorpay-signature': signature,
          digest: 'AAAA',
          key: 'k',
          sign: hmac('sha512', REAL_SECRET, razorpayBody),
          'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${signature}`,
          [name]: value,
        }
        const reason = await outcome(verifier.verify(razorpayBody, headers as never))
        expect(['missing_header', 'malformed_signature']).toContain(reason)
      }
    }
    const received = await outcome(receiver.receiveRaw(razorpayBody, { 'x-razorpay-signature': value } as never))
    expect(['missing_header', 'malformed_signature']).toContain(received)
  })

  it('reads a list of one value as that value (the repeated-header shape with a single value)', async () => {
    expect(await outcome(razorpay.verify(razorpayBody, { 'x-razorpay-signature': [signature] }))).toBe('verified')
  })

  it('ignores a non-string event id and falls back to the body hash', async () => {
    const result = razorpay.verify(razorpayBody, { 'x-razorpay-signature': signature, 'x-razorpay-event-id': 5 as never })
    const either = (typeof result === 'function' ? await (result as () => Promise<unknown>)() : result) as E.Either<unknown, { id: string }>
    expect(E.isRight(either) && either.right.id).toMatch(/^sha256:/)
  })
})
