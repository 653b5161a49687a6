/**
 * Sample events for the sandbox and `trigger`: the `data.object` of each event, in the shapes of
 * Stripe's API reference (docs.stripe.com/api: the PaymentIntent, Charge, Dispute, Refund, Checkout
 * Session, Invoice and Subscription objects), reduced to the fields the typed events name. Other event
 * families get an object of their own kind with an id, so that any catalogued event can be triggered.
 */

import { stripeId } from './signing.js'

const now = () => Math.floor(Date.now() / 1000)
const AMOUNT = 2000
const CURRENCY = 'usd'

/** The object of a `payment_intent.*` event; its status follows the event. */
function paymentIntent(event: string): Record<string, unknown> {
  const status =
    event === 'payment_intent.succeeded'
      ? 'succeeded'
      : event === 'payment_intent.canceled'
        ? 'canceled'
        : event === 'payment_intent.payment_failed'
          ? 'requires_payment_method'
          : 'requires_confirmation'
  return {
    id: stripeId('pi'),
    object: 'payment_intent',
    amount: AMOUNT,
    amount_received: status === 'succeeded' ? AMOUNT : 0,
    currency: CURRENCY,
    status,
    customer: stripeId('cus', 14),
    latest_charge: status === 'succeeded' ? stripeId('ch') : null,
    last_payment_error: event === 'payment_intent.payment_failed' ? { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } : null,
    metadata: {},
    livemode: false,
    created: now(),
  }
}

function charge(event: string): Record<string, unknown> {
  const refunded = event === 'charge.refunded'
  return {
    id: stripeId('ch'),
    object: 'charge',
    amount: AMOUNT,
    amount_captured: AMOUNT,
    amount_refunded: refunded ? AMOUNT : 0,
    currency: CURRENCY,
    paid: event !== 'charge.failed',
    refunded,
    status: event === 'charge.failed' ? 'failed' : event === 'charge.pending' ? 'pending' : 'succeeded',
    payment_intent: stripeId('pi'),
    metadata: {},
    livemode: false,
    created: now(),
  }
}

function dispute(): Record<string, unknown> {
  return {
    id: stripeId('du'),
    object: 'dispute',
    amount: AMOUNT,
    currency: CURRENCY,
    charge: stripeId('ch'),
    payment_intent: stripeId('pi'),
    reason: 'fraudulent',
    status: 'needs_response',
    metadata: {},
    livemode: false,
    created: now(),
  }
}

function refund(): Record<string, unknown> {
  return { id: stripeId('re'), object: 'refund', amount: AMOUNT, currency: CURRENCY, charge: stripeId('ch'), status: 'succeeded', metadata: {}, created: now() }
}

function checkoutSession(): Record<string, unknown> {
  return {
    id: stripeId('cs_test', 58),
    object: 'checkout.session',
    amount_total: AMOUNT,
    currency: CURRENCY,
    mode: 'payment',
    payment_status: 'paid',
    status: 'complete',
    payment_intent: stripeId('pi'),
    customer: stripeId('cus', 14),
    metadata: {},
    livemode: false,
    created: now(),
  }
}

function invoice(event: string): Record<string, unknown> {
  const paid = event === 'invoice.paid' || event === 'invoice.payment_succeeded'
  return {
    id: stripeId('in'),
    object: 'invoice',
    amount_due: AMOUNT,
    amount_paid: paid ? AMOUNT : 0,
    amount_remaining: paid ? 0 : AMOUNT,
    currency: CURRENCY,
    customer: stripeId('cus', 14),
    status: paid ? 'paid' : 'open',
    metadata: {},
    livemode: false,
    created: now(),
  }
}

function subscription(event: string): Record<string, unknown> {
  return {
    id: stripeId('sub'),
    object: 'subscription',
    customer: stripeId('cus', 14),
    status: event === 'customer.subscription.deleted' ? 'canceled' : 'active',
    cancel_at_period_end: false,
    items: { object: 'list', data: [], has_more: false, url: '/v1/subscription_items' },
    metadata: {},
    livemode: false,
    created: now(),
  }
}

/** The `data.object` Stripe would send with `event`. `account` is carried by the event, not its object. */
export function stripeSample(event: string): Record<string, unknown> {
  if (event.startsWith('payment_intent.')) return paymentIntent(event)
  if (event.startsWith('charge.dispute.')) return dispute()
  if (event.startsWith('charge.refund.')) return refund()
  if (event.startsWith('charge.')) return charge(event)
  if (event.startsWith('checkout.session.')) return checkoutSession()
  if (event.startsWith('invoice.')) return invoice(event)
  if (event.startsWith('customer.subscription.')) return subscription(event)
  // The object's kind is the event's name without its last part (`customer.created`: a customer).
  const kind = event.split('.').slice(0, -1).join('.') || event
  return { id: stripeId('obj'), object: kind, livemode: false, created: now() }
}
