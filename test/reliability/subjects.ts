/**
 * The adapters as the reliability suites drive them, one per adapter package's descriptor (and per
 * variant it declares): each built from the descriptor's sandbox credentials against its test fake
 * (`contract.testFake`) behind a `FaultyFake` (extra faults, and a log of every request that reached
 * the wire), mounted directly (fetch calls the handler), under msw, or over loopback HTTP, with zero
 * retry delays. What differs by provider (which requests a retry may repeat, how the store reads) comes
 * from the descriptor; nothing here names a provider.
 */

import type { AnyProviderDescriptor, RetryPolicy, TransportSettings, WebhookProvider } from '@unihook/core'
import { directFetch, type FakeHandler, type Faults, json } from '@unihook/core/testing'
import { credentialSecrets, mountFake } from '@unihook/core/testing/contract'
import { PACKAGED_DESCRIPTORS } from '../providers.generated.js'

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

/** Whether the adapter may send a request again: the descriptor says, else any but a POST unless creates are keyed. */
const retriableBy = (d: AnyProviderDescriptor) => (r: SentRequest) =>
  d.contract.retriable?.(r) ?? (d.contract.createRetry === 'idempotent-key' || r.method !== 'POST')

/** The subject of a descriptor, at its default settings or under one of its `contract.variants`. */
function descriptorSubject(d: AnyProviderDescriptor, variant?: { readonly label: string; readonly options: Readonly<Record<string, unknown>> }): Subject {
  const testFake = d.contract.testFake
  if (!testFake) throw new Error(`${d.name}: its descriptor has no contract.testFake, which the reliability suites drive`)
  const [first, second] = d.samples.events
  const account = d.sandbox.accounts[0]
  const credentials = d.sandbox.credentials
  return {
    name: d.name,
    label: variant?.label ?? d.name,
    events: [first, second],
    url: (n) => `https://hooks.example.com/${d.name}/${n}`,
    unknownId: d.contract.unknownId,
    secrets: credentialSecrets(d, credentials),
    retriable: retriableBy(d),
    isWrite: (r) => d.contract.isWrite?.(r) ?? r.method !== 'GET',
    build: (options) => {
      const inner = testFake({ ...(options.maxWebhooks === undefined ? {} : { maxWebhooks: options.maxWebhooks }) })
      const keyCount = inner.signingKeyCount
      return assemble(options, {
        inner: inner.runtime,
        mswBase: `https://api.${d.name}.example`,
        create: ({ baseUrl, ...settings }) =>
          d.credentials.build({
            credentials,
            ...(typeof baseUrl === 'string' ? { baseUrl } : {}),
            ...(account === undefined ? {} : { account }),
            options: { ...variant?.options, ...settings },
          }),
        store: () => sortById(inner.webhooks().map((w) => stored(w.id, w.url, w.events))),
        storedSecrets: () => inner.webhooks().flatMap((w) => w.secrets),
        ...(keyCount ? { keyCount: () => keyCount() } : {}),
      })
    },
  }
}

/** Every adapter package's subject, and one per variant its descriptor declares (Conekta's API 2.1.0). */
export const SUBJECTS: readonly Subject[] = PACKAGED_DESCRIPTORS.flatMap((d) => [
  descriptorSubject(d),
  ...(d.contract.variants ?? []).map((v) => descriptorSubject(d, v)),
])

/** The registered descriptor of `name`, for suites checking one provider's own defects. */
export const descriptorNamed = (name: string): AnyProviderDescriptor => PACKAGED_DESCRIPTORS.find((d) => d.name === name)!
