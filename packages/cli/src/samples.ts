/**
 * Realistic sample events for `trigger`, in each provider's documented delivery shape:
 * - Razorpay: `{entity: "event", account_id, event, contains, payload: {payment: {entity: {…}}}, created_at}`
 *   (razorpay.com/docs/webhooks/payloads); the entities carried follow the event's family.
 * - Conekta: `{id, object: "event", type, livemode, created_at, data: {object, previous_attributes}}`
 *   (developers.conekta.com/reference, "Webhooks").
 * - Calypso: `{id, createdDate, level, service, eventType, data}` (the Calypso webhook API docs).
 */

import { randomBytes } from 'node:crypto'

const id = (prefix: string) => `${prefix}${randomBytes(7).toString('hex').slice(0, 14)}`
const now = () => Math.floor(Date.now() / 1000)

/** Razorpay `payload`: the entities an event of this family carries. */
export function razorpaySample(event: string, account?: string): Record<string, unknown> {
  const family = event.split('.')[0] ?? event
  const payment = {
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
  if (family === 'payment' || event === 'order.paid') {
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
    return event === 'order.paid' ? { payment: { entity: payment }, order: { entity: order } } : { payment: { entity: payment } }
  }
  if (family === 'refund')
    return {
      refund: { entity: { id: id('rfnd_'), entity: 'refund', amount: 50000, currency: 'INR', payment_id: payment.id, status: 'processed', created_at: now() } },
      payment: { entity: payment },
    }
  return { [family]: { entity: { id: id(`${family.slice(0, 4)}_`), entity: family, created_at: now() } } }
}

/** Conekta `data`: the object the event is about and what changed. */
export function conektaSample(event: string): { object: Record<string, unknown>; previous_attributes: Record<string, unknown> } {
  const family = event.split('.')[0] ?? event
  const created_at = now()
  if (family === 'order') {
    return {
      object: {
        id: id('ord_'),
        object: 'order',
        amount: 20000,
        currency: 'MXN',
        payment_status: event === 'order.paid' ? 'paid' : 'pending_payment',
        livemode: false,
        created_at,
      },
      previous_attributes: event === 'order.paid' ? { payment_status: 'pending_payment' } : {},
    }
  }
  if (family === 'charge') {
    return {
      object: {
        id: id(''),
        object: 'charge',
        amount: 20000,
        currency: 'MXN',
        status: event.split('.')[1] ?? 'paid',
        order_id: id('ord_'),
        livemode: false,
        created_at,
      },
      previous_attributes: {},
    }
  }
  return { object: { id: id(''), object: family, livemode: false, created_at }, previous_attributes: {} }
}

/** Calypso `data`, by the event's service group. */
export function calypsoSample(eventType: string): Record<string, unknown> {
  if (eventType.startsWith('PAYOUT_'))
    return { payoutId: randomUUIDLike(), amount: '250.00', currency: 'USDT', status: eventType.replace('PAYOUT_', ''), type: eventType }
  return { invoiceId: randomUUIDLike(), amount: '100.00', currency: 'USDT', type: eventType }
}

function randomUUIDLike(): string {
  const hex = randomBytes(16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
