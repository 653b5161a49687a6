/**
 * Stripe's typed events, checked by the type checker (`pnpm typecheck` compiles this file) and run by
 * vitest: narrowing by `type` types `data` from Stripe's documented objects, everything else is `unknown`
 * (never `any`), and the API reference's sample objects verify and read through the typed paths.
 */

import { uncatalogued } from '@unihook/core'
import { createReceiver, type ReceivedOf, verifyOrThrow } from '@unihook/core/verify'
import type Stripe from 'stripe'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { StripeEvent } from '../src/events.js'
import { STRIPE_EVENTS } from '../src/events.js'
import { signStripeDelivery, stripeEvent } from '../src/signing.js'
import {
  type StripeCharge,
  type StripeCheckoutSession,
  type StripeDeliveryEvent,
  type StripeDispute,
  type StripeEventEnvelope,
  type StripeInvoice,
  type StripePaymentIntent,
  type StripeRefund,
  type StripeSubscription,
  type StripeUncataloguedDelivery,
  stripeVerifier,
} from '../src/verify.js'

/** The keys of `T` whose type is `any`: none may be. */
type AnyKeys<T> = { [K in keyof T]-?: 0 extends 1 & T[K] ? K : never }[keyof T]

/** Never called: it only has to compile. */
function narrowing(event: StripeDeliveryEvent): void {
  switch (event.type) {
    case 'payment_intent.succeeded':
      expectTypeOf(event.data).toEqualTypeOf<StripePaymentIntent>()
      expectTypeOf(event.raw).toEqualTypeOf<StripeEventEnvelope<'payment_intent.succeeded', StripePaymentIntent>>()
      break
    case 'payment_intent.payment_failed':
      expectTypeOf(event.data).toEqualTypeOf<StripePaymentIntent>()
      break
    case 'charge.succeeded':
    case 'charge.refunded':
      expectTypeOf(event.data).toEqualTypeOf<StripeCharge>()
      break
    case 'charge.dispute.created':
    case 'charge.dispute.closed':
      expectTypeOf(event.data).toEqualTypeOf<StripeDispute>()
      break
    case 'charge.refund.updated':
      expectTypeOf(event.data).toEqualTypeOf<StripeRefund>()
      break
    case 'checkout.session.completed':
      expectTypeOf(event.data).toEqualTypeOf<StripeCheckoutSession>()
      break
    case 'invoice.paid':
    case 'invoice.payment_failed':
      expectTypeOf(event.data).toEqualTypeOf<StripeInvoice>()
      break
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      expectTypeOf(event.data).toEqualTypeOf<StripeSubscription>()
      break
    case 'customer.created':
    case 'payout.paid':
      // Outside the typed families: unknown, never any.
      expectTypeOf(event.data).toEqualTypeOf<unknown>()
      break
  }
  if (event.type === uncatalogued('v2.core.event_destination.ping')) {
    expectTypeOf(event).toEqualTypeOf<StripeUncataloguedDelivery>()
    expectTypeOf(event.data).toEqualTypeOf<unknown>()
  }
  // @ts-expect-error: a misspelt event is a compile error.
  if (event.type === 'payment_intent.succeded') return
  expectTypeOf(event.account).toEqualTypeOf<string | undefined>()
}

describe('Stripe event catalogue and typed deliveries', () => {
  it('is exactly the enabled_events enumeration stripe-node is generated from, `*` included', () => {
    expectTypeOf<StripeEvent>().toEqualTypeOf<Stripe.WebhookEndpointCreateParams.EnabledEvent>()
    expectTypeOf<StripeEvent>().toEqualTypeOf<Stripe.WebhookEndpointUpdateParams.EnabledEvent>()
    expect(STRIPE_EVENTS[0]).toBe('*')
    expect(new Set(STRIPE_EVENTS).size).toBe(STRIPE_EVENTS.length)
  })

  it('types no field as any', () => {
    expectTypeOf<AnyKeys<StripePaymentIntent | StripeCharge | StripeDispute | StripeRefund>>().toEqualTypeOf<never>()
    expectTypeOf<AnyKeys<StripeCheckoutSession | StripeInvoice | StripeSubscription | StripeEventEnvelope>>().toEqualTypeOf<never>()
    expect(narrowing).toBeTypeOf('function')
  })

  /** docs.stripe.com/api/disputes/object, the sample object (trimmed to the fields typed here). */
  const dispute = {
    id: 'du_1MtJUT2eZvKYlo2CNaw2HvEv',
    object: 'dispute',
    amount: 1000,
    charge: 'ch_1AZtxr2eZvKYlo2CJDX8whov',
    created: 1680651737,
    currency: 'usd',
    evidence_details: { due_by: 1682294399, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: true,
    livemode: false,
    metadata: {},
    payment_intent: null,
    reason: 'general',
    status: 'warning_needs_response',
  } as const satisfies StripeDispute

  /** docs.stripe.com/api/checkout/sessions/object, the sample object (trimmed). */
  const session = {
    id: 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u',
    object: 'checkout.session',
    amount_subtotal: 2198,
    amount_total: 2198,
    client_reference_id: null,
    created: 1679600215,
    currency: 'usd',
    customer: null,
    customer_email: null,
    expires_at: 1679686615,
    livemode: false,
    metadata: {},
    mode: 'payment',
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    url: 'https://checkout.stripe.com/c/pay/cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u',
  } as const satisfies StripeCheckoutSession

  const SECRET = 'whsec_payloadsTest0123456789abcdefABCD'

  it('reads a signed charge.dispute.created through the typed path, through a receiver too', async () => {
    const delivery = signStripeDelivery({
      payload: stripeEvent({ type: 'charge.dispute.created', object: dispute, account: 'acct_1Payloads' }),
      secret: SECRET,
    })
    const event = await verifyOrThrow(stripeVerifier({ secrets: SECRET }), delivery.body, delivery.headers)
    if (event.type !== 'charge.dispute.created') throw new Error(`unexpected ${event.type}`)
    expect(event.data.reason).toBe('general')
    expect(event.data.evidence_details?.due_by).toBe(1682294399)
    expect(event.account).toBe('acct_1Payloads')
    const receiver = createReceiver([stripeVerifier({ secrets: SECRET })])
    const received: ReceivedOf<typeof receiver> = await receiver
      .receiveRaw(delivery.body, delivery.headers)()
      .then((r) => {
        if (r._tag === 'Left') throw new Error(r.left.message)
        return r.right
      })
    expect(received.provider).toBe('stripe')
  })

  it('reads checkout.session.completed, and an event outside the families as unknown data', async () => {
    const completed = signStripeDelivery({
      payload: stripeEvent({ type: 'checkout.session.completed', object: { ...session, status: 'complete' } }),
      secret: SECRET,
    })
    const event = await verifyOrThrow(stripeVerifier({ secrets: SECRET }), completed.body, completed.headers)
    if (event.type !== 'checkout.session.completed') throw new Error(`unexpected ${event.type}`)
    expect(event.data.mode).toBe('payment')
    expect(event.data.amount_total).toBe(2198)
    const other = signStripeDelivery({ payload: stripeEvent({ type: 'customer.created', object: { id: 'cus_1', object: 'customer' } }), secret: SECRET })
    const customer = await verifyOrThrow(stripeVerifier({ secrets: SECRET }), other.body, other.headers)
    expect(customer.data).toEqual({ id: 'cus_1', object: 'customer' })
  })
})
