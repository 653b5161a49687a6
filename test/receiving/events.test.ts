/**
 * The events the verifiers yield, as an application reads them: `createdAt` is read from the delivery
 * at verification, is kept by the copies users make, and shows in the redacted JSON and inspect views like
 * every other field.
 */

import { inspect } from 'node:util'
import { calypsoVerifier } from '@unihook/calypso/verify'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { conektaVerifier } from '@unihook/conekta/verify'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { type NormalizedEvent, verifyOrThrow } from '@unihook/core/verify'
import { razorpayVerifier } from '@unihook/razorpay/verify'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { describe, expect, it } from 'vitest'

const SECRET = 'whsec_events_test_secret'
const conektaKeys = generateConektaKeyPair()
const calypsoKeys = { publicKey: 'pk-events', secretKey: SECRET }

const deliveries: [string, () => Promise<NormalizedEvent>, string][] = [
  [
    'razorpay',
    () => {
      const d = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', createdAt: new Date(1_700_000_000_000) }), secret: SECRET })
      return verifyOrThrow(razorpayVerifier({ secrets: SECRET }), d.body, d.headers)
    },
    '2023-11-14T22:13:20.000Z',
  ],
  [
    'conekta',
    () => {
      const d = signedConektaDelivery({ type: 'order.paid', createdAt: new Date(1_700_000_000_000) }, conektaKeys.privateKey)
      return verifyOrThrow(conektaVerifier({ publicKeys: conektaKeys.publicKey }), d.body, d.headers)
    },
    '2023-11-14T22:13:20.000Z',
  ],
  [
    'calypso',
    () => {
      const d = signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID', createdDate: new Date('2022-03-15T12:13:05.909Z') }), calypsoKeys)
      return verifyOrThrow(calypsoVerifier({ secrets: { [calypsoKeys.publicKey]: SECRET } }), d.body, d.headers)
    },
    '2022-03-15T12:13:05.909Z',
  ],
]

describe.each(deliveries)('a verified %s event', (_provider, verified, iso) => {
  it('reads createdAt from the delivery at verification, as an own enumerable property, and is frozen', async () => {
    const event = await verified()
    expect(Object.keys(event)).toContain('createdAt')
    expect(Object.getOwnPropertyDescriptor(event, 'createdAt')).toMatchObject({ enumerable: true, writable: false })
    expect(event.createdAt).toBeInstanceOf(Date)
    expect(event.createdAt?.toISOString()).toBe(iso)
    expect(Object.isFrozen(event)).toBe(true)
  })

  it('keeps createdAt in a spread copy and a structured clone', async () => {
    const event = await verified()
    const spread = { ...event }
    expect(spread.createdAt).toBeInstanceOf(Date)
    expect(spread.createdAt?.toISOString()).toBe(iso)
    const cloned = structuredClone(event)
    expect(cloned.createdAt).toBeInstanceOf(Date)
    expect(cloned.createdAt?.toISOString()).toBe(iso)
    expect(cloned.id).toBe(event.id)
  })

  it('shows createdAt in its JSON and inspect views', async () => {
    const event = await verified()
    expect(JSON.parse(JSON.stringify(event)).createdAt).toBe(iso)
    expect(inspect(event)).toContain(iso)
  })
})
