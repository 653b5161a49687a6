/**
 * What the CLI's sandbox needs from the three fakes: a snapshot of the store that survives JSON and is
 * restored into a fresh fake, Calypso serving any well-formed account, and Conekta delivering any event.
 */

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { runLeft, runRight } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import { describe, expect, it } from 'vitest'

const direct =
  (fake: { handle: (r: Request) => Promise<Response> }): typeof globalThis.fetch =>
  (input, init) =>
    fake.handle(new Request(input, init))

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

describe('fake snapshots', () => {
  it('Stripe: a restored fake holds the same endpoints and secrets, newest first; any well-formed connected account is served when asked', async () => {
    const apiKey = 'sk_test_51Snapshot000000000000'
    const client = (fake: { handle: (r: Request) => Promise<Response> }, account?: string) =>
      stripe({ apiKey, baseUrl: 'https://api.stripe.com', fetch: direct(fake), retry: false, ...(account ? { account } : {}) })
    const first = createStripeFake({ apiKey, acceptAnyAccount: true })
    const a = await runRight(client(first).create({ url: 'https://shop.example.com/a', events: ['charge.succeeded'] }))
    const b = await runRight(client(first, 'acct_1AnyConnected0001').create({ url: 'https://shop.example.com/b', events: ['*'], connect: false }))
    const second = createStripeFake({ apiKey, acceptAnyAccount: true })
    second.restore(roundTrip(first.snapshot()))
    expect(second.endpoints()).toEqual(first.endpoints())
    expect(second.endpoints('acct_1AnyConnected0001').map((e) => e.id)).toEqual([b.id])
    const c = await runRight(client(second).create({ url: 'https://shop.example.com/c', events: ['invoice.paid'] }))
    expect((await runRight(client(second).list())).items.map((w) => w.id)).toEqual([c.id, a.id])
    expect(second.endpoints().find((e) => e.id === a.id)?.secret).toBe(first.endpoints()[0]?.secret)
    const strict = createStripeFake({ apiKey })
    expect((await runLeft(client(strict, 'acct_1AnyConnected0001').list()))._tag).toBe('AuthError')
  })

  it('Razorpay: a restored fake holds the same webhooks, secrets and order, and keeps numbering', async () => {
    const account = 'acc_AbCdEfGhIjKlMn'
    const first = createRazorpayFake({ keyId: 'rzp_test_Snapshot000001', keySecret: 's' })
    const client = (fake: typeof first) =>
      razorpay({ keyId: fake.keyId, keySecret: fake.keySecret, account, baseUrl: 'https://api.razorpay.com', fetch: direct(fake), retry: false })
    const a = await runRight(client(first).create({ url: 'https://shop.example.com/a', events: ['payment.captured'] }))
    const b = await runRight(client(first).create({ url: 'https://shop.example.com/b', events: ['order.paid'] }))
    const second = createRazorpayFake({ keyId: 'rzp_test_Snapshot000001', keySecret: 's' })
    second.restore(roundTrip(first.snapshot()))
    expect(second.webhooks(account)).toEqual(first.webhooks(account))
    const listed = await runRight(client(second).list())
    expect(listed.items.map((w) => w.id)).toEqual([b.id, a.id])
    expect(second.webhooks(account)[1]?.secret).toBe(first.webhooks(account)[1]?.secret)
    const c = await runRight(client(second).create({ url: 'https://shop.example.com/c', events: ['order.paid'] }))
    expect((await runRight(client(second).list())).items[0]?.id).toBe(c.id)
  })

  it('Conekta: a restored fake lists the same webhooks newest first and signs with the restored key', async () => {
    const first = createConektaFake()
    const key = first.addWebhookKey()
    const client = (fake: typeof first) => conekta({ apiKey: fake.apiKey, fetch: direct(fake), retry: false })
    const a = await runRight(client(first).create({ url: 'https://shop.example.com/a', events: ['order.paid'] }))
    const b = await runRight(client(first).create({ url: 'https://shop.example.com/b', events: ['order.paid'] }))
    const second = createConektaFake()
    second.restore(roundTrip(first.snapshot()))
    expect((await runRight(client(second).list())).items.map((w) => w.id)).toEqual([b.id, a.id])
    expect(second.webhookKeys().map((k) => k.id)).toEqual([key.id])
    const c = await runRight(client(second).create({ url: 'https://shop.example.com/c', events: ['order.paid'] }))
    expect((await runRight(client(second).list())).items.map((w) => w.id)).toEqual([c.id, b.id, a.id])
  })

  it('Calypso: a restored fake holds the same subscriptions and keys; any well-formed account is served when asked', async () => {
    const account = `0x${'ab'.repeat(20)}`
    const strict = createCalypsoFake({ apiKey: 'k', apiSecret: 's' })
    const on = (fake: typeof strict) =>
      calypso({ apiKey: 'k', apiSecret: 's', account, baseUrl: 'https://api.calypso.finance', fetch: direct(fake), retry: false })
    expect(await runLeft(on(strict).list())).toMatchObject({ _tag: 'NotFound' })

    const first = createCalypsoFake({ apiKey: 'k', apiSecret: 's', acceptAnyAccount: true })
    const made = await runRight(on(first).create({ url: 'https://shop.example.com/a', events: ['INVOICE_PAID'] }))
    const second = createCalypsoFake({ apiKey: 'k', apiSecret: 's', acceptAnyAccount: true })
    second.restore(roundTrip(first.snapshot()))
    expect(second.subscriptions(account)).toEqual(first.subscriptions(account))
    expect((await runRight(on(second).get(made.id))).url).toBe('https://shop.example.com/a')
  })
})

describe('Conekta fake: deliver', () => {
  it('posts an event, signed with the newest active key, to every webhook subscribed to it', async () => {
    const received: { url: string; body: string; digest?: string }[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        received.push({ url: req.url ?? '', body, ...(typeof req.headers.digest === 'string' ? { digest: req.headers.digest } : {}) })
        res.end('ok')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const fake = createConektaFake({ allowLocalhost: true })
      fake.addWebhookKey()
      const client = conekta({ apiKey: fake.apiKey, fetch: direct(fake), retry: false, allowLocalhostUrls: true })
      await runRight(client.create({ url: `${base}/paid`, events: ['order.paid'] }))
      await runRight(client.create({ url: `${base}/other`, events: ['charge.created'] }))
      const sent = await fake.deliver({ type: 'order.paid', data: { object: { id: 'ord_1' } } })
      expect(sent).toHaveLength(1)
      expect(sent[0]!.outcome).toMatchObject({ status: 200 })
      expect(received.map((r) => r.url)).toEqual(['/paid'])
      expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'order.paid', data: { object: { id: 'ord_1' } } })
      expect(received[0]!.digest).toEqual(expect.any(String))
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
