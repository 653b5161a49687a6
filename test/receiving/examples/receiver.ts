// receiver.ts: one receiver for the whole app, built once at start-up.
import { calypsoVerifier } from '@unihook/calypso/verify'
import { conektaVerifier } from '@unihook/conekta/verify'
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
  if (provider === 'razorpay' && event.type === 'payment.captured') console.log('paid', event.data.payment?.entity.amount)
  if (provider === 'conekta' && event.type === 'order.paid') console.log('paid', event.data.object.id)
  if (provider === 'calypso') console.log(event.type, event.service)
}
