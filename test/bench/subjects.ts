/**
 * The fakes the benchmark runs against, seeded, and the same calls made four ways: raw fetch, ky alone,
 * the provider's official SDK (where one exists) and the unihook adapter. Every way sends the same
 * request (method, path, query, auth) to the same fake, so only the client differs.
 */

import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import { calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { runOrThrow, type WebhookProvider } from '@unihook/core'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import ky from 'ky'

const require = createRequire(import.meta.url)

export type Fetch = typeof globalThis.fetch

/** The calls one provider is measured on. Each returns once the decoded answer is in hand. */
export interface Subject {
  readonly provider: string
  /** How many items the measured list returns (one page at the provider's maximum page size). */
  readonly listSize: number
  readonly calls: {
    readonly get: Partial<Record<Way, () => Promise<unknown>>>
    readonly list: Partial<Record<Way, () => Promise<unknown>>>
  }
  /** The unihook adapter over another fetch (a canned one, for CPU figures). */
  readonly adapterWith: (fetch: Fetch, baseUrl: string) => WebhookProvider
  /** The same get through ky alone, over another fetch. */
  readonly kyGetWith: (fetch: Fetch, baseUrl: string) => () => Promise<unknown>
  /** The same one-page list through ky alone, over another fetch. */
  readonly kyListWith: (fetch: Fetch, baseUrl: string) => () => Promise<unknown>
  readonly getId: string
}

export type Way = 'fetch' | 'ky' | 'sdk' | 'unihook'

/** In-process fetch straight into a fake's handler: for seeding without HTTP. */
export const inProcess =
  (fake: { handle: (r: Request) => Promise<Response> }): Fetch =>
  (input, init) =>
    fake.handle(new Request(input, init))

export const RZ_KEY = 'rzp_test_BenchPartnerKey'
export const RZ_SECRET = 'bench-razorpay-key-secret'
export const RZ_ACCOUNT = 'acc_BenchAccount01'
const rzAuth = `Basic ${Buffer.from(`${RZ_KEY}:${RZ_SECRET}`).toString('base64')}`

export function razorpayFake(maxWebhooksPerAccount = 30) {
  return createRazorpayFake({ keys: { [RZ_KEY]: RZ_SECRET }, maxWebhooksPerAccount })
}

export const razorpayAdapter = (baseUrl: string, fetch?: Fetch, account = RZ_ACCOUNT) =>
  razorpay({ keyId: RZ_KEY, keySecret: RZ_SECRET, account, baseUrl, generateSecrets: false, ...(fetch ? { fetch } : {}) })

export async function seedRazorpay(fake: ReturnType<typeof razorpayFake>, count: number, account = RZ_ACCOUNT): Promise<string[]> {
  const adapter = razorpayAdapter('http://razorpay.invalid', inProcess(fake), account)
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    ids.push((await runOrThrow(adapter.create({ url: `https://hooks.example.com/${account}/${i}`, events: ['payment.captured', 'refund.created'] }))).id)
  }
  return ids
}

export async function razorpaySubject(baseUrl: string, fake: ReturnType<typeof razorpayFake>): Promise<Subject> {
  const [getId] = await seedRazorpay(fake, 100)
  const listSize = 100
  const adapter = razorpayAdapter(baseUrl)
  const Razorpay = require('razorpay') as new (o: {
    key_id: string
    key_secret: string
  }) => {
    api: { rq: { defaults: { baseURL: string } } }
    webhooks: { fetch(id: string, account: string): Promise<unknown>; all(q: object, account: string): Promise<unknown> }
  }
  const sdk = new Razorpay({ key_id: RZ_KEY, key_secret: RZ_SECRET })
  sdk.api.rq.defaults.baseURL = baseUrl
  const one = `${baseUrl}/v2/accounts/${RZ_ACCOUNT}/webhooks/${getId}`
  const all = `${baseUrl}/v2/accounts/${RZ_ACCOUNT}/webhooks?count=${listSize}&skip=0`
  const headers = { authorization: rzAuth, accept: 'application/json' }
  const client = ky.create({ headers })
  return {
    provider: 'razorpay',
    listSize,
    getId: getId as string,
    calls: {
      get: {
        fetch: () => fetch(one, { headers }).then((r) => r.json()),
        ky: () => client.get(one).json(),
        sdk: () => sdk.webhooks.fetch(getId as string, RZ_ACCOUNT),
        unihook: () => runOrThrow(adapter.get(getId as string)),
      },
      list: {
        fetch: () => fetch(all, { headers }).then((r) => r.json()),
        ky: () => client.get(all).json(),
        sdk: () => sdk.webhooks.all({ count: listSize, skip: 0 }, RZ_ACCOUNT),
        unihook: () => runOrThrow(adapter.list({ pageSize: listSize })),
      },
    },
    adapterWith: (f, base) => razorpayAdapter(base, f),
    kyGetWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(`${base}/v2/accounts/${RZ_ACCOUNT}/webhooks/${getId}`).json()
    },
    kyListWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(`${base}/v2/accounts/${RZ_ACCOUNT}/webhooks?count=${listSize}&skip=0`).json()
    },
  }
}

const CK_KEY = 'key_bench_conekta_0123456789'

export async function conektaSubject(baseUrl: string, fake: ReturnType<typeof createConektaFake>): Promise<Subject> {
  const listSize = 250
  const seeder = conekta({ apiKey: CK_KEY, baseUrl: 'http://conekta.invalid', fetch: inProcess(fake) })
  let getId = ''
  for (let i = 0; i < listSize; i++) getId = (await runOrThrow(seeder.create({ url: `https://hooks.example.com/conekta/${i}`, events: ['order.paid'] }))).id
  const adapter = conekta({ apiKey: CK_KEY, baseUrl })
  const { Configuration, WebhooksApi } = require('conekta') as {
    Configuration: new (o: { accessToken: string; basePath: string }) => unknown
    WebhooksApi: new (c: unknown) => { getWebhook(id: string): Promise<unknown>; getWebhooks(lang?: string, child?: string, limit?: number): Promise<unknown> }
  }
  const sdk = new WebhooksApi(new Configuration({ accessToken: CK_KEY, basePath: baseUrl }))
  const headers = { authorization: `Bearer ${CK_KEY}`, accept: 'application/vnd.conekta-v2.1.0+json', 'accept-language': 'es' }
  const one = `${baseUrl}/webhooks/${getId}`
  const all = `${baseUrl}/webhooks?limit=${listSize}`
  const client = ky.create({ headers })
  return {
    provider: 'conekta',
    listSize,
    getId,
    calls: {
      get: {
        fetch: () => fetch(one, { headers }).then((r) => r.json()),
        ky: () => client.get(one).json(),
        sdk: () => sdk.getWebhook(getId),
        unihook: () => runOrThrow(adapter.get(getId)),
      },
      list: {
        fetch: () => fetch(all, { headers }).then((r) => r.json()),
        ky: () => client.get(all).json(),
        sdk: () => sdk.getWebhooks('es', undefined, listSize),
        unihook: () => runOrThrow(adapter.list({ pageSize: listSize })),
      },
    },
    adapterWith: (f, base) => conekta({ apiKey: CK_KEY, baseUrl: base, fetch: f }),
    kyGetWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(`${base}/webhooks/${getId}`).json()
    },
    kyListWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(`${base}/webhooks?limit=${listSize}`).json()
    },
  }
}

const CP_KEY = 'bench-calypso-api-key'
const CP_SECRET = 'bench-calypso-api-secret'
export const CP_ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

export const calypsoFake = () => createCalypsoFake({ apiKey: CP_KEY, apiSecret: CP_SECRET, accounts: [CP_ACCOUNT] })
export const calypsoAdapter = (baseUrl: string, fetch?: Fetch) =>
  calypso({ apiKey: CP_KEY, apiSecret: CP_SECRET, account: CP_ACCOUNT, baseUrl, ...(fetch ? { fetch } : {}) })

export async function seedCalypso(fake: ReturnType<typeof calypsoFake>, count: number): Promise<string[]> {
  const seeder = calypsoAdapter('http://calypso.invalid', inProcess(fake))
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push((await runOrThrow(seeder.create({ url: `https://hooks.example.com/calypso/${i}`, events: ['INVOICE_PAID'] }))).id)
  return ids
}

/** Calypso has no SDK and no get: every read is the signed list call, which the other ways make too. */
export async function calypsoSubject(baseUrl: string, fake: ReturnType<typeof calypsoFake>): Promise<Subject> {
  const listSize = 100
  const ids = await seedCalypso(fake, listSize)
  const getId = ids[ids.length >> 1] as string
  const adapter = calypsoAdapter(baseUrl)
  const url = `${baseUrl}/api/v1/subscription/webhook`
  const signed = () => {
    const body = JSON.stringify({ account: CP_ACCOUNT, timestamp: Date.now() })
    return {
      body,
      headers: {
        key: CP_KEY,
        sign: createHmac('sha512', CP_SECRET).update(body).digest('hex'),
        'content-type': 'application/json',
        accept: 'application/json',
      },
    }
  }
  const viaFetch = (f: Fetch, u: string) => () => f(u, { method: 'POST', ...signed() }).then((r) => r.json())
  const viaKy = (k: typeof ky, u: string) => () => k.post(u, signed()).json()
  /** What a get is, for a client of an API without one: the list, then the entry with that id. */
  const pick = (answer: unknown) => (answer as { subscriptions: { requestId: string }[] }).subscriptions.find((s) => s.requestId === getId)
  return {
    provider: 'calypso',
    listSize,
    getId,
    calls: {
      get: {
        fetch: () => viaFetch(fetch, url)().then(pick),
        ky: () => viaKy(ky, url)().then(pick),
        unihook: () => runOrThrow(adapter.get(getId)),
      },
      list: {
        fetch: viaFetch(fetch, url),
        ky: viaKy(ky, url),
        unihook: () => runOrThrow(adapter.list()),
      },
    },
    adapterWith: (f, base) => calypsoAdapter(base, f),
    kyGetWith: (f, base) => {
      const k = ky.create({ fetch: f })
      return () => viaKy(k, `${base}/api/v1/subscription/webhook`)().then(pick)
    },
    kyListWith: (f, base) => viaKy(ky.create({ fetch: f }), `${base}/api/v1/subscription/webhook`),
  }
}

const ST_KEY = 'sk_test_51BenchStripeKey000000000'

/** Stripe allows 16 endpoints per account; the bench's fake holds a full page of 100 to measure one. */
export const stripeFake = () => createStripeFake({ apiKey: ST_KEY, maxEndpoints: 100 })
export const stripeAdapter = (baseUrl: string, fetch?: Fetch) => stripe({ apiKey: ST_KEY, baseUrl, ...(fetch ? { fetch } : {}) })

export async function stripeSubject(baseUrl: string, fake: ReturnType<typeof stripeFake>): Promise<Subject> {
  const listSize = 100
  const seeder = stripeAdapter('http://stripe.invalid', inProcess(fake))
  let getId = ''
  for (let i = 0; i < listSize; i++) {
    getId = (await runOrThrow(seeder.create({ url: `https://hooks.example.com/stripe/${i}`, events: ['payment_intent.succeeded', 'charge.refunded'] }))).id
  }
  const adapter = stripeAdapter(baseUrl)
  const { hostname, port, protocol } = new URL(baseUrl)
  const Stripe = require('stripe') as new (
    key: string,
    o: { host: string; port: number; protocol: 'http' | 'https' },
  ) => { webhookEndpoints: { retrieve(id: string): Promise<unknown>; list(q: { limit: number }): Promise<unknown> } }
  const sdk = new Stripe(ST_KEY, { host: hostname, port: Number(port), protocol: protocol.replace(':', '') as 'http' })
  // What the adapter sends: the key, the pinned version.
  const headers = { authorization: `Bearer ${ST_KEY}`, 'stripe-version': '2026-11-18.endive', accept: 'application/json' }
  const one = (base: string) => `${base}/v1/webhook_endpoints/${getId}`
  const all = (base: string) => `${base}/v1/webhook_endpoints?limit=${listSize}`
  const client = ky.create({ headers })
  return {
    provider: 'stripe',
    listSize,
    getId,
    calls: {
      get: {
        fetch: () => fetch(one(baseUrl), { headers }).then((r) => r.json()),
        ky: () => client.get(one(baseUrl)).json(),
        sdk: () => sdk.webhookEndpoints.retrieve(getId),
        unihook: () => runOrThrow(adapter.get(getId)),
      },
      list: {
        fetch: () => fetch(all(baseUrl), { headers }).then((r) => r.json()),
        ky: () => client.get(all(baseUrl)).json(),
        sdk: () => sdk.webhookEndpoints.list({ limit: listSize }),
        unihook: () => runOrThrow(adapter.list({ pageSize: listSize })),
      },
    },
    adapterWith: (f, base) => stripeAdapter(base, f),
    kyGetWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(one(base)).json()
    },
    kyListWith: (f, base) => {
      const k = ky.create({ headers, fetch: f })
      return () => k.get(all(base)).json()
    },
  }
}

export { createConektaFake }
