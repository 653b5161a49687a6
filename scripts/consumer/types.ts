// Type-checked in the consumer project (outside the workspace) under nodenext, bundler and node10, with
// skipLibCheck off, exactOptionalPropertyTypes and noUncheckedIndexedAccess, and only Node's types (no
// DOM lib): every public entry point's declarations must hold for a strict server-side user.
// `@unihook/core/testing/msw` is checked in msw-types.ts, with the DOM lib that msw's own types need.
import { createReceiver, promised, runOrThrow, uncatalogued, type WebhookError, type WebhookProvider } from '@unihook/core'
import { serveFake } from '@unihook/core/testing'
import { createHandlers, createReceiver as createVerifyOnlyReceiver, memorySeenStore, nodeHandler } from '@unihook/core/verify'
import { calypso, calypsoVerifier } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { calypsoVerifier as calypsoOnlyVerifier } from '@unihook/calypso/verify'
import { conekta, conektaVerifier } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { conektaVerifier as conektaOnlyVerifier } from '@unihook/conekta/verify'
import { type RazorpayEvent, razorpay, razorpayVerifier } from '@unihook/razorpay'
import { createRazorpayFake, razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { razorpayVerifier as razorpayOnlyVerifier } from '@unihook/razorpay/verify'
import { redisSeenStore } from '@unihook/redis'
import { stripe, stripeVerifier } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import { stripeVerifier as stripeOnlyVerifier } from '@unihook/stripe/verify'

export async function typesHold(baseUrl: string): Promise<string> {
  const providers: WebhookProvider[] = [
    conekta({ apiKey: 'key_x', locale: 'en', baseUrl }),
    razorpay({ keyId: 'rzp_test_x', keySecret: 'secret', account: 'acc_H3kYHQ635sBwXG', baseUrl }),
    calypso({ apiKey: 'k', apiSecret: 's', account: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', baseUrl }),
    stripe({ apiKey: 'sk_test_x', account: 'acct_1Consumer', baseUrl }),
  ]
  const first = providers[0]
  if (first === undefined) return 'none'
  const page = await runOrThrow(first.list({ pageSize: 10 }))
  const hook = page.items[0]
  const url: string | undefined = hook?.url
  await promised(first).create({ url: 'https://shop.example/hooks', events: ['order.paid'] })

  const receiver = createReceiver([
    razorpayVerifier({ secrets: ['s'] }),
    conektaVerifier({ publicKeys: ['pem'] }),
    calypsoVerifier({ secrets: {} }),
    stripeVerifier({ secrets: 'whsec_x' }),
  ])
  const delivery = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured' }), secret: 's' })
  const received = await receiver.receiveRaw(delivery.body, delivery.headers)()
  if (received._tag === 'Right' && received.right.provider === 'razorpay') {
    // Narrowed by provider: Razorpay's catalog autocompletes, names it does not list yet still arrive.
    const known: RazorpayEvent | (string & {}) = received.right.event.type
    console.log(known)
    // Narrowed by event: the payload the event always carries is typed from Razorpay's documented shape.
    const { event } = received.right
    if (event.type === 'payment.captured') {
      const amount: number = event.data.payment.entity.amount
      const order: string | null = event.data.payment.entity.order_id
      console.log(amount, order)
    }
    if (event.type === uncatalogued('payout.processed')) console.log(event.data.payout?.entity.id)
  }
  if (received._tag === 'Right' && received.right.provider === 'conekta' && received.right.event.type === 'order.paid') {
    const total: number = received.right.event.data.object.amount
    console.log(total)
  }
  if (received._tag === 'Right' && received.right.provider === 'calypso' && received.right.event.type === 'PAYOUT_CHANGE_STATUS') {
    const status: string | undefined = received.right.event.data.payoutStatus
    console.log(status)
  }
  if (received._tag === 'Right' && received.right.provider === 'stripe' && received.right.event.type === 'charge.dispute.created') {
    const reason: string = received.right.event.data.reason
    const account: string | undefined = received.right.event.account
    console.log(reason, account)
  }
  const error: WebhookError | undefined = undefined

  // The verify-only entries: what an edge function that only receives deliveries imports.
  const edge = createVerifyOnlyReceiver([
    razorpayOnlyVerifier({ secrets: ['s'] }),
    conektaOnlyVerifier({ publicKeys: ['pem'] }),
    calypsoOnlyVerifier({ secrets: {} }),
    stripeOnlyVerifier({ secrets: 'whsec_x', toleranceSeconds: 600 }),
  ])
  const verifiedAtEdge = await edge.receiveRaw(delivery.body, delivery.headers)()

  // Typed handlers: the event is narrowed by provider and type; Redis or the in-memory store behind them.
  const store = baseUrl === '' ? redisSeenStore({ url: 'redis://127.0.0.1:6379' }) : memorySeenStore({ maxEntries: 10 })
  const handlers = createHandlers(edge, { store, leaseMs: 10_000 }).on('razorpay', 'payment.captured', (event) => {
    const amount: number | undefined = event.data.payment.entity.amount
    return amount
  })
  const listener: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void> = nodeHandler(handlers)
  const answer = await handlers.handleRaw(delivery.body, delivery.headers)

  const served = await serveFake(createRazorpayFake({}))
  const conektaFake = createConektaFake({})
  const calypsoFake = createCalypsoFake({})
  const stripeFake = createStripeFake({ apiKey: 'sk_test_x' })
  await served.close()
  return `${url ?? ''}${String(listener)}${answer.status}${String(received)}${String(verifiedAtEdge)}${String(error)}${String(conektaFake)}${String(calypsoFake)}${String(stripeFake)}`
}
