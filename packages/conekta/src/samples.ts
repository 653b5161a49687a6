/**
 * Sample events for the sandbox and `trigger`, in Conekta's documented delivery shape: the event's
 * `data` carries the object the event is about and what changed (`{object, previous_attributes}`;
 * developers.conekta.com/reference, "Webhooks").
 */

import { randomHex } from '@unihook/core/testing'

const now = () => Math.floor(Date.now() / 1000)

/** A sample event's `data`, by the event's family (`order.paid` is about an order). */
export function conektaSample(event: string): { object: Record<string, unknown>; previous_attributes: Record<string, unknown> } {
  const family = event.split('.')[0] ?? event
  const created_at = now()
  if (family === 'order') {
    return {
      object: {
        id: `ord_${randomHex(7)}`,
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
        id: randomHex(12),
        object: 'charge',
        amount: 20000,
        currency: 'MXN',
        status: event.split('.')[1] ?? 'paid',
        order_id: `ord_${randomHex(7)}`,
        livemode: false,
        created_at,
      },
      previous_attributes: {},
    }
  }
  return { object: { id: randomHex(12), object: family, livemode: false, created_at }, previous_attributes: {} }
}
