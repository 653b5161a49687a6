// Type-checked in the consumer project (outside the workspace) under nodenext, bundler and node10, with
// skipLibCheck off, exactOptionalPropertyTypes and noUncheckedIndexedAccess, and only Node's types (no
// DOM lib): every public entry point's declarations must hold for a strict server-side user.
// `@unihook/core/testing/msw` is checked in msw-types.ts, with the DOM lib that msw's own types need.
import { createReceiver, promised, runOrThrow, type WebhookError, type WebhookProvider } from '@unihook/core'
import { serveFake } from '@unihook/core/testing'
import { calypso, calypsoVerifier } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta, conektaVerifier } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { razorpay, razorpayVerifier } from '@unihook/razorpay'
import { createRazorpayFake, razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'

export async function typesHold(baseUrl: string): Promise<string> {
  const providers: WebhookProvider[] = [
    conekta({ apiKey: 'key_x', locale: 'en', baseUrl }),
    razorpay({ keyId: 'rzp_test_x', keySecret: 'secret', account: 'acc_H3kYHQ635sBwXG', baseUrl }),
    calypso({ apiKey: 'k', apiSecret: 's', account: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', baseUrl }),
  ]
  const first = providers[0]
  if (first === undefined) return 'none'
  const page = await runOrThrow(first.list({ pageSize: 10 }))
  const hook = page.items[0]
  const url: string | undefined = hook?.url
  await promised(first).create({ url: 'https://shop.example/hooks', events: ['order.paid'] })

  const receiver = createReceiver([razorpayVerifier({ secrets: ['s'] }), conektaVerifier({ publicKeys: ['pem'] }), calypsoVerifier({ secrets: {} })])
  const delivery = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured' }), secret: 's' })
  const received = await receiver.receiveRaw(delivery.body, delivery.headers)
  const error: WebhookError | undefined = undefined

  const served = await serveFake(createRazorpayFake({}))
  const conektaFake = createConektaFake({})
  const calypsoFake = createCalypsoFake({})
  await served.close()
  return `${url ?? ''}${String(received)}${String(error)}${String(conektaFake)}${String(calypsoFake)}`
}
