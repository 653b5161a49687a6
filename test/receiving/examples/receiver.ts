// receiver.ts: one receiver for the whole app, built once at start-up.
import { calypsoVerifier } from '@unihook/calypso/verify'
import { conektaVerifier } from '@unihook/conekta/verify'
import { uncatalogued } from '@unihook/core'
import { createReceiver, type ReceivedOf } from '@unihook/core/verify'
import { razorpayVerifier } from '@unihook/razorpay/verify'

export const receiver = createReceiver([
  // Several secrets while rotating: the new one first, the old one until its retries are over.
  razorpayVerifier({ secrets: [process.env.RAZORPAY_WEBHOOK_SECRET!, process.env.RAZORPAY_WEBHOOK_SECRET_OLD!].filter(Boolean) }),
  conektaVerifier({ publicKeys: [process.env.CONEKTA_WEBHOOK_PUBLIC_KEY!] }),
  calypsoVerifier({ secrets: { [process.env.CALYPSO_PUBLIC_KEY!]: process.env.CALYPSO_SECRET_KEY! } }),
])

const seen = new Set<string>() // use your database: a unique index on (provider, event id)

/** Deliveries are at least once: handle each event id once. */
export async function handle({ provider, event }: ReceivedOf<typeof receiver>): Promise<void> {
  if (seen.has(`${provider}:${event.id}`)) return
  seen.add(`${provider}:${event.id}`)
  // Narrowing by provider, then by event type, types the payload: a payment.captured always carries its payment.
  switch (provider) {
    case 'razorpay':
      if (event.type === 'payment.captured') console.log('captured', event.data.payment.entity.id, event.data.payment.entity.amount)
      if (event.type === 'refund.processed') console.log('refunded', event.data.refund.entity.payment_id, event.data.refund.entity.amount)
      // A name outside the catalog (a RazorpayX event, say): opted in visibly; its payload is typed as far as the envelope.
      if (event.type === uncatalogued('payout.processed')) console.log('payout', event.data.payout?.entity.id)
      return
    case 'conekta':
      if (event.type === 'order.paid') console.log('paid', event.data.object.id, event.data.object.amount)
      return
    case 'calypso':
      if (event.type === 'PAYOUT_CHANGE_STATUS') console.log('payout', event.data.externalId, event.data.payoutStatus)
      else console.log(event.type, event.service)
      return
  }
}
