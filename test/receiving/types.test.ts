/**
 * Typed end to end, checked by the type checker (`pnpm typecheck` compiles this file; a failed
 * `expectTypeOf` or an unused `@ts-expect-error` is a compile error) and run by vitest like any test.
 */

import { type CalypsoDeliveryEnvelope, type CalypsoEvent, type CalypsoUncataloguedName, type CalypsoVerifier, calypsoVerifier } from '@unihook/calypso/verify'
import {
  type ConektaEvent,
  type ConektaEventEnvelope,
  type ConektaPingData,
  type ConektaUncataloguedName,
  type ConektaVerifier,
  conektaVerifier,
} from '@unihook/conekta/verify'
import { uncatalogued, type WebhookProvider } from '@unihook/core'
import { createReceiver, type Received, verifyOrThrow } from '@unihook/core/verify'
import type { ConektaProvider } from '@unihook/conekta'
import type { RazorpayProvider } from '@unihook/razorpay'
import {
  type RazorpayEvent,
  type RazorpayEventEnvelope,
  type RazorpayPayment,
  type RazorpayUncataloguedName,
  type RazorpayVerifier,
  razorpayVerifier,
} from '@unihook/razorpay/verify'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expect, expectTypeOf, it } from 'vitest'

type Any = RazorpayVerifier | ConektaVerifier | CalypsoVerifier

/** Never called: it only has to compile. */
function handle(received: Received<Any>): string {
  // @ts-expect-error: a misspelt provider name has no overlap with the union
  if (received.provider === 'razorpy') return 'never'
  switch (received.provider) {
    case 'razorpay': {
      const { event } = received
      // A union discriminated by type: a catalog name, or one outside the catalog, marked (see payloads.test.ts).
      expectTypeOf(event.type).toEqualTypeOf<RazorpayEvent | RazorpayUncataloguedName>()
      expectTypeOf(event.raw).toMatchTypeOf<RazorpayEventEnvelope>()
      expectTypeOf(event.data.payment).toEqualTypeOf<{ readonly entity: RazorpayPayment } | undefined>()
      expectTypeOf(event.data.payment!.entity.status).toEqualTypeOf<'created' | 'authorized' | 'captured' | 'refunded' | 'failed'>()
      // Fields the docs do not type stay unknown, never any.
      expectTypeOf(event.data.payment!.entity.undocumented_field).toEqualTypeOf<unknown>()
      return event.id
    }
    case 'conekta': {
      const { event } = received
      expectTypeOf(event.type).toEqualTypeOf<ConektaEvent | ConektaUncataloguedName>()
      expectTypeOf(event.raw).toMatchTypeOf<ConektaEventEnvelope<string, unknown>>()
      // Every event but the ping carries data.object.
      if (event.type === 'webhook_ping') expectTypeOf(event.data).toEqualTypeOf<ConektaPingData>()
      else {
        expectTypeOf(event.data.object.id).toEqualTypeOf<string>()
        expectTypeOf(event.data.previous_attributes).toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>()
      }
      return event.id
    }
    case 'calypso': {
      const { event } = received
      expectTypeOf(event.type).toEqualTypeOf<CalypsoEvent | CalypsoUncataloguedName>()
      expectTypeOf(event.raw).toMatchTypeOf<CalypsoDeliveryEnvelope<string>>()
      expectTypeOf(event.subscriptionId).toEqualTypeOf<string | undefined>()
      expectTypeOf(event.data.externalId).toEqualTypeOf<string | undefined>()
      return event.id
    }
    default:
      expectTypeOf(received).toEqualTypeOf<never>()
      return 'never'
  }
}

describe('the receiver is typed by provider', () => {
  it('infers a union discriminated by provider from the verifiers given', () => {
    const receiver = createReceiver([razorpayVerifier({ secrets: 'whsec_types_1' }), calypsoVerifier({ secrets: { pk: 'sk_types_1' } })])
    type Result = typeof receiver.receive extends (request: Request) => TaskEither<infer _E, infer A> ? A : never
    expectTypeOf<Result['provider']>().toEqualTypeOf<'razorpay' | 'calypso'>()
    expectTypeOf<Result>().toEqualTypeOf<Received<RazorpayVerifier | CalypsoVerifier>>()
    expect(receiver.providers).toEqual(['razorpay', 'calypso'])
    expect(handle).toBeTypeOf('function')
  })

  it('types verifyOrThrow by the verifier', () => {
    const verify = () => verifyOrThrow(razorpayVerifier({ secrets: 'whsec_types_1' }), '{}', {})
    expectTypeOf(verify).returns.resolves.toMatchTypeOf<{ provider: 'razorpay'; raw: RazorpayEventEnvelope }>()
    // @ts-expect-error: Conekta's verifier takes public keys, not secrets
    expect(() => conektaVerifier({ secrets: 'x' })).toThrow(TypeError)
  })
})

describe('event names are checked by the compiler', () => {
  /** Never called: it only has to compile. */
  function calls(razorpay: RazorpayProvider, conekta: ConektaProvider, neutral: WebhookProvider) {
    // @ts-expect-error: a misspelt catalog name
    void razorpay.create({ url: 'https://shop.example/hooks', events: ['payment.captred'] })
    // @ts-expect-error: another adapter's catalog
    void conekta.update('0123456789abcdef01234567', { events: ['payment.captured'] })
    // Names outside the catalog: a visible opt-in, still checked at run time by allowUnknownEvents.
    void razorpay.create({ url: 'https://shop.example/hooks', events: ['payment.captured', uncatalogued('payout.processed')], allowUnknownEvents: true })
    // Provider-neutral code takes any name, and every adapter is a WebhookProvider.
    void neutral.create({ url: 'https://shop.example/hooks', events: ['anything.at.all'] })
    const providers: WebhookProvider[] = [razorpay, conekta]
    return providers
  }

  it('compiles the calls above (pnpm typecheck) and marks names without changing them', () => {
    expect(calls).toBeTypeOf('function')
    expect(uncatalogued('payout.processed')).toBe('payout.processed')
  })
})
