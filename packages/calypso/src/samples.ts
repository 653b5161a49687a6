/**
 * Sample events for the sandbox and `trigger`, in Calypso's documented delivery shape
 * (`{id, createdDate, level, service, eventType, data}`, the Calypso webhook API docs): `data` by the
 * event's service group.
 */

import { randomUuid } from '@unihook/core/testing'

/** A sample event's `data`: a payout's for `PAYOUT_…` events, an invoice's otherwise. */
export function calypsoSample(eventType: string): Record<string, unknown> {
  if (eventType.startsWith('PAYOUT_'))
    return { payoutId: randomUuid(), amount: '250.00', currency: 'USDT', status: eventType.replace('PAYOUT_', ''), type: eventType }
  return { invoiceId: randomUuid(), amount: '100.00', currency: 'USDT', type: eventType }
}
