/**
 * The adapters as the reliability suites drive them: each built against its fake behind a
 * `FaultyFake` (extra faults, and a log of every request that reached the wire), mounted directly
 * (fetch calls the handler), under msw, or over loopback HTTP, with zero retry delays.
 */

import { calypso, CALYPSO_PATHS } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import type { RetryPolicy, TransportSettings, WebhookProvider } from '@unihook/core'
import { directFetch, type FakeHandler, type Faults, json, systemClock } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { mountFake } from '@unihook/core/testing/contract'
import { stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'

export type Mount = 'direct' | 'msw' | 'http'

/** Faults the core harness does not have, applied around the fake. */
export type ExtraFault =
  /** A gateway's HTML error page; the provider never saw the request. */
  | 'gateway-html'
  /** The provider acted, then its answer arrived with an empty body (its real status). */
  | 'empty-body'
  /** The provider acted, then answered JSON of a shape no codec knows (its real status). */
  | 'wrong-shape'
  /** The provider acted, then a gateway answered 502 in its place (the answer was lost behind it). */
  | 'gateway-after-work'
  /** An answer of our choosing, as text, before the provider sees the request (an echo of what was sent, say). */
  | { readonly status: number; readonly text: string; readonly contentType?: string }

export interface SentRequest {
  readonly method: string
  readonly path: string
}

/** Which requests a fault applies to: a method and a path, exactly or by pattern. */
export interface RequestMatch {
  readonly method: string
  readonly path: string | RegExp
}

const matches = (match: RequestMatch, request: SentRequest) =>
  match.method === request.method && (typeof match.path === 'string' ? match.path === request.path : match.path.test(request.path))

/** A fake with extra faults and a log of every request that reached it, faulted or not. */
export interface FaultyFake {
  readonly handle: FakeHandler
  readonly sent: SentRequest[]
  /** Applies `fault` to the next `count` requests with this method and path (any request when `match` is absent). */
  arm(count: number, fault: ExtraFault, match?: RequestMatch): void
  /** Removes every armed extra fault. */
  clear(): void
}

function faulty(inner: FakeHandler): FaultyFake {
  const sent: SentRequest[] = []
  const armed: { remaining: number; fault: ExtraFault; match?: RequestMatch }[] = []
  const take = (request: SentRequest) => {
    const hit = armed.find((a) => a.remaining > 0 && (!a.match || matches(a.match, request)))
    if (hit) hit.remaining--
    return hit?.fault
  }
  return {
    sent,
    arm: (count, fault, match) => armed.push({ remaining: count, fault, match }),
    clear: () => {
      armed.length = 0
    },
    handle: async (request) => {
      const seen = { method: request.method.toUpperCase(), path: new URL(request.url).pathname }
      sent.push(seen)
      const fault = take(seen)
      if (typeof fault === 'object')
        return new Response(fault.text, { status: fault.status, headers: { 'content-type': fault.contentType ?? 'application/json' } })
      if (fault === 'gateway-html')
        return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } })
      const response = await inner(request)
      if (fault === 'gateway-after-work')
        return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } })
      if (fault === 'empty-body') return new Response(null, { status: response.status, headers: { 'content-type': 'application/json' } })
      if (fault === 'wrong-shape') return json(response.status, { object: 'unexpected', data: { items: 42 } })
      return response
    },
  }
}

/** A webhook as the fake stores it, reduced to what a write changes. */
export interface Stored {
  readonly id: string
  readonly url: string
  readonly events: readonly string[]
}

export interface Built {
  readonly provider: WebhookProvider
  /** Another adapter on the same fake, with these options added (a drifted clock, say). */
  adapter(extra: Readonly<Record<string, unknown>>): WebhookProvider
  readonly fake: FaultyFake
  readonly faults: Faults
  /** The fake's store, sorted by id. */
  store(): Stored[]
  /** Delivery secrets the fake holds (Razorpay's given secrets, Calypso's generated keys): planted secrets too. */
  storedSecrets(): string[]
  /** The account-wide signing keys, where the provider has them (Conekta). */
  keyCount?(): number
  close(): Promise<void>
}

export interface BuildOptions {
  readonly mount: Mount
  readonly retry?: Partial<RetryPolicy>
  readonly timeoutMs?: number
  /** Room in the fake for this many webhooks per account (the provider's own limit when absent). */
  readonly maxWebhooks?: number
}

export interface Subject {
  /** The provider's registry name (test/registry.test.ts checks every adapter package has subjects). */
  readonly name: string
  /** The name in test titles: the provider, and the API version where it is not the default. */
  readonly label: string
  readonly events: readonly [string, string]
  url(n: number | string): string
  /** An id of the provider's form that the fake does not hold. */
  readonly unknownId: string
  /** Every credential the adapter holds: none may appear in any output. */
  readonly secrets: readonly string[]
  /** Whether the adapter may repeat this request (idempotent by method, or keyed by a client-chosen id). */
  retriable(request: SentRequest): boolean
  /** Whether this request changes the provider's state. */
  isWrite(request: SentRequest): boolean
  build(options: BuildOptions): Promise<Built>
}

const sortById = (items: Stored[]) => items.sort((a, b) => a.id.localeCompare(b.id))
const stored = (id: string, url: string, events: readonly string[]): Stored => ({ id, url, events: [...events].sort() })

/** Mounts a faulty fake and returns the transport settings that reach it. */
async function mount(
  mode: Mount,
  fake: FaultyFake,
  mswBase: string,
): Promise<{ settings: Pick<TransportSettings, 'fetch'> & { baseUrl?: string }; close(): Promise<void> }> {
  if (mode === 'direct') return { settings: { fetch: directFetch(fake) }, close: async () => undefined }
  const mounted = await mountFake(mode, fake, mswBase)
  return { settings: { baseUrl: mounted.baseUrl }, close: mounted.close }
}

const ZERO_DELAYS: Partial<RetryPolicy> = { baseDelayMs: 0, maxDelayMs: 0 }

/** What differs between the providers' builds: the fake, where msw finds it, the factory and the store readers. */
interface Parts {
  readonly inner: { readonly handle: FakeHandler; readonly faults: Faults }
  readonly mswBase: string
  readonly create: (settings: Record<string, unknown>) => unknown
  readonly store: Built['store']
  readonly storedSecrets: Built['storedSecrets']
  readonly keyCount?: Built['keyCount']
}

/** Puts the fake behind a `FaultyFake`, mounts it, and builds adapters on it with the options' retry and timeout. */
async function assemble(options: BuildOptions, { inner, mswBase, create, ...readers }: Parts): Promise<Built> {
  const fake = faulty(inner.handle)
  const mounted = await mount(options.mount, fake, mswBase)
  const adapter = (extra = {}) =>
    create({ ...mounted.settings, retry: { ...ZERO_DELAYS, ...options.retry }, timeoutMs: options.timeoutMs ?? 5_000, ...extra }) as WebhookProvider
  return { provider: adapter(), adapter, fake, faults: inner.faults, ...readers, close: mounted.close }
}

export const CONEKTA_KEY = 'key_live_PLANTEDconekta7Hq2Lm9Xc4Vb'
export const RAZORPAY_KEY_ID = 'rzp_test_Cq4nF7kLm2Pz9X'
export const RAZORPAY_KEY_SECRET = 'PLANTEDrazorpayZx81pQw3Lr0T'
export const RAZORPAY_ACCOUNT = 'acc_H3kYHQ635sBwXG'
export const CALYPSO_KEY = 'c529e14832b34b74972365cf7bf0PLNT'
export const CALYPSO_SECRET = 'b823a6b9ea72408583cef9ec8d6PLANTD'
export const CALYPSO_ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
export const STRIPE_KEY = 'sk_test_51PLANTEDstripeKey7Hq2Lm9Xc4'

/** Conekta at its default API version, or pinned to another (2.1.0 creates in two requests). */
const conektaSubject = (apiVersion?: '2.1.0' | '2.2.0'): Subject => ({
  name: 'conekta',
  label: apiVersion ? `conekta ${apiVersion}` : 'conekta',
  events: ['order.paid', 'charge.refunded'],
  url: (n) => `https://hooks.example.com/conekta/${n}`,
  unknownId: '0123456789abcdef01234567',
  secrets: [CONEKTA_KEY],
  // POST creates a webhook or a key; only the test ping (POST /webhooks/{id}/test) is marked idempotent.
  retriable: (r) => r.method !== 'POST' || /^\/webhooks\/[^/]+\/test$/.test(r.path),
  isWrite: (r) => r.method !== 'GET',
  build: (options) => {
    const inner = createConektaFake({ apiKey: CONEKTA_KEY, maxWebhooks: options.maxWebhooks })
    return assemble(options, {
      inner,
      mswBase: 'https://api.conekta.io',
      create: (settings) => conekta({ apiKey: CONEKTA_KEY, ...(apiVersion ? { apiVersion } : {}), ...settings }),
      store: () => sortById(inner.webhooks().map((w) => stored(w.id, w.url, w.subscribed_events))),
      storedSecrets: () => [],
      keyCount: () => inner.webhookKeys().length,
    })
  },
})

export const SUBJECTS: readonly Subject[] = [
  conektaSubject(),
  conektaSubject('2.1.0'),
  {
    name: 'razorpay',
    label: 'razorpay',
    events: ['payment.captured', 'refund.created'],
    url: (n) => `https://hooks.example.com/razorpay/${n}`,
    unknownId: 'HK890egfiItP3H',
    secrets: [RAZORPAY_KEY_SECRET, Buffer.from(`${RAZORPAY_KEY_ID}:${RAZORPAY_KEY_SECRET}`).toString('base64')],
    // PATCH carries the whole url and events, so the adapter marks it idempotent; POST creates.
    retriable: (r) => r.method !== 'POST',
    isWrite: (r) => r.method !== 'GET',
    build: (options) => {
      const inner = createRazorpayFake({
        keyId: RAZORPAY_KEY_ID,
        keySecret: RAZORPAY_KEY_SECRET,
        accounts: [RAZORPAY_ACCOUNT],
        maxWebhooksPerAccount: options.maxWebhooks,
      })
      return assemble(options, {
        inner,
        mswBase: 'https://api.razorpay.com',
        create: (settings) => razorpay({ keyId: RAZORPAY_KEY_ID, keySecret: RAZORPAY_KEY_SECRET, account: RAZORPAY_ACCOUNT, ...settings }),
        store: () => sortById(inner.webhooks(RAZORPAY_ACCOUNT).map((w) => stored(w.id, w.url, w.events))),
        storedSecrets: () => inner.webhooks(RAZORPAY_ACCOUNT).flatMap((w) => (w.secret ? [w.secret] : [])),
      })
    },
  },
  {
    name: 'calypso',
    label: 'calypso',
    events: ['INVOICE_PAID', 'PAYOUT_CHANGE_STATUS'],
    url: (n) => `https://hooks.example.com/calypso/${n}`,
    unknownId: '00000000-0000-4000-8000-000000000000',
    secrets: [CALYPSO_KEY, CALYPSO_SECRET],
    // Every Calypso request is keyed (create by its client-chosen requestId) or a read sent as POST.
    retriable: () => true,
    isWrite: (r) => !(r.method === 'POST' && r.path === CALYPSO_PATHS.list),
    build: (options) => {
      const inner = createCalypsoFake({
        apiKey: CALYPSO_KEY,
        apiSecret: CALYPSO_SECRET,
        accounts: [CALYPSO_ACCOUNT],
        clock: systemClock,
        maxSubscriptions: options.maxWebhooks,
      })
      return assemble(options, {
        inner,
        mswBase: 'https://api.calypso.finance',
        create: (settings) => calypso({ apiKey: CALYPSO_KEY, apiSecret: CALYPSO_SECRET, account: CALYPSO_ACCOUNT, ...settings }),
        store: () =>
          sortById(
            inner
              .subscriptions(CALYPSO_ACCOUNT)
              .map((s) => stored(String(s.requestId), String(s.url), (s.notificationEventTypes as string[] | undefined) ?? [])),
          ),
        storedSecrets: () => inner.subscriptions().flatMap((s) => [s.publicKey, s.secretKey].filter((k): k is string => typeof k === 'string')),
      })
    },
  },
  {
    name: 'stripe',
    label: 'stripe',
    events: ['payment_intent.succeeded', 'charge.dispute.created'],
    url: (n) => `https://hooks.example.com/stripe/${n}`,
    unknownId: 'we_1NoSuchEndpoint000000000',
    secrets: [STRIPE_KEY],
    // Every POST carries an Idempotency-Key kept across the call's attempts; GET and DELETE are idempotent by method.
    retriable: () => true,
    isWrite: (r) => r.method !== 'GET',
    build: (options) => {
      const inner = createStripeFake({ apiKey: STRIPE_KEY, maxEndpoints: options.maxWebhooks })
      return assemble(options, {
        inner,
        mswBase: 'https://api.stripe.com',
        create: (settings) => stripe({ apiKey: STRIPE_KEY, ...settings }),
        store: () => sortById(inner.endpoints().map((e) => stored(String(e.id), String(e.url), e.enabled_events as string[]))),
        storedSecrets: () => inner.endpoints().map((e) => String(e.secret)),
      })
    },
  },
]
