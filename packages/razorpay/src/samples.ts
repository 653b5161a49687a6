/**
 * Sample events for the sandbox and `trigger`, in Razorpay's documented delivery shape
 * (razorpay.com/docs/webhooks/payloads): the envelope's `payload` carries the entities of the event's
 * family (`{payment: {entity: {…}}}`, an order too for `order.paid`, the payment too for refunds).
 */

import { randomHex } from '@unihook/core/testing'

const now = () => Math.floor(Date.now() / 1000)
/** Razorpay ids: a prefix and 14 characters. */
const id = (prefix: string) => `${prefix}${randomHex(7)}`

function samplePayment(event: string, account: string | undefined) {
  return {
    id: id('pay_'),
    entity: 'payment',
    amount: 50000,
    currency: 'INR',
    status: event === 'payment.failed' ? 'failed' : event === 'payment.authorized' ? 'authorized' : 'captured',
    order_id: id('order_'),
    method: 'card',
    captured: event !== 'payment.authorized' && event !== 'payment.failed',
    email: 'gaurav.kumar@example.com',
    contact: '+919876543210',
    ...(account ? { account_id: account } : {}),
    created_at: now(),
  }
}

/** A sample event's `payload`: the entities an event of this family carries. */
export function razorpaySample(event: string, account?: string): Record<string, unknown> {
  const family = event.split('.')[0] ?? event
  const payment = samplePayment(event, account)
  if (event === 'order.paid') {
    const order = {
      id: payment.order_id,
      entity: 'order',
      amount: 50000,
      amount_paid: 50000,
      amount_due: 0,
      currency: 'INR',
      status: 'paid',
      created_at: now(),
    }
    return { payment: { entity: payment }, order: { entity: order } }
  }
  if (family === 'payment') return { payment: { entity: payment } }
  if (family === 'refund') {
    const refund = { id: id('rfnd_'), entity: 'refund', amount: 50000, currency: 'INR', payment_id: payment.id, status: 'processed', created_at: now() }
    return { refund: { entity: refund }, payment: { entity: payment } }
  }
  return { [family]: { entity: { id: id(`${family.slice(0, 4)}_`), entity: family, created_at: now() } } }
}
