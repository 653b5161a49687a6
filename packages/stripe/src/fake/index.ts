/**
 * `createStripeFake({ apiKey })`: a stateful in-memory Stripe webhook endpoint API for tests, mounted
 * under msw or served on loopback through `@unihook/core/testing`. It checks what Stripe checks (the key,
 * `Stripe-Version`, `Stripe-Account`, every parameter), answers in Stripe's error envelope with a
 * `Request-Id`, replays idempotent POSTs, pages both ways, enforces the endpoints-per-account limit,
 * and delivers events to the matching endpoints, signed as Stripe signs them.
 */

import { type Clock, createFakeRuntime, createFaults, type FakeRuntime, type Faults, postDelivery, systemClock } from '@unihook/core/testing'
import { MAX_ENDPOINTS_PER_ACCOUNT, STRIPE_API_VERSION } from '../endpoints.js'
import { STRIPE_API_VERSIONS, STRIPE_EVENTS } from '../events.js'
import { type SignedDelivery, signStripeDelivery, stripeEvent, type StripeEventInput, stripeId } from '../signing.js'
import { createRoutes } from './routes.js'
import { EndpointStore, type StoredEndpoint, toWire } from './store.js'

/** Settings of `createStripeFake`. */
export interface StripeFakeOptions {
  /** The secret key the fake accepts (default: a random `sk_test_…`). */
  readonly apiKey?: string
  /** Further keys it accepts (a restricted key, say). */
  readonly otherKeys?: readonly string[]
  /** Connected accounts a `Stripe-Account` header may name; others are refused with `account_invalid`. */
  readonly accounts?: readonly string[]
  /** Serve any well-formed `acct_…`, as if it were connected (for a sandbox). */
  readonly acceptAnyAccount?: boolean
  readonly clock?: Clock
  readonly faults?: Faults
  /** Event names `enabled_events` accepts (default: the OpenAPI enumeration). */
  readonly events?: readonly string[]
  /** Endpoints per account (default 16, Stripe's documented limit). */
  readonly maxEndpoints?: number
  /** Whether the fake plays live mode (default: test mode, `livemode: false`). */
  readonly livemode?: boolean
  /** How deliveries are sent (default: `globalThis.fetch`, read at delivery time). */
  readonly fetch?: typeof globalThis.fetch
}

/** One delivery the fake posted to an endpoint, and how the receiver answered. */
export interface DeliveryAttempt {
  readonly endpointId: string
  readonly url: string
  readonly eventId: string
  /** The receiver's HTTP status; absent when it could not be reached. */
  readonly status?: number
  /** Stripe counts any 2xx as delivered. */
  readonly delivered: boolean
  readonly error?: string
}

/** What `snapshot()` returns: every endpoint of every account, in creation order. */
export interface StripeFakeState {
  readonly endpoints: readonly StoredEndpoint[]
}

export interface StripeFake extends FakeRuntime {
  readonly apiKey: string
  readonly accounts: readonly string[]
  /** The stored endpoints of the platform (`account` absent) or of a connected account, as `webhook_endpoint`s with their secret. */
  endpoints(account?: string): readonly Record<string, unknown>[]
  /**
   * Delivers an event as Stripe does: to the platform's enabled endpoints taking its type (or `*`) for a
   * platform event; for an event on a connected account (`account` set), to the platform's Connect
   * endpoints and that account's own. Each delivery is signed with the endpoint's secret (and a rolled
   * one still signing), rendered in the endpoint's API version.
   */
  deliver(event: StripeEventInput): Promise<readonly DeliveryAttempt[]>
  /** The signed delivery of an event to one endpoint, without sending it. */
  signedFor(endpointId: string, event: StripeEventInput, account?: string): SignedDelivery
  /**
   * The Dashboard's "Roll secret", which the API lacks: a new secret, the old one still signing for
   * `expiresInHours` (0 to 24, default 0: stops at once). Returns the new secret.
   */
  rollSecret(endpointId: string, options?: { readonly account?: string; readonly expiresInHours?: number }): string
  /** Every endpoint with its secrets, as plain JSON, for a sandbox to persist. */
  snapshot(): StripeFakeState
  /** Replaces the stored endpoints with a snapshot's. */
  restore(state: StripeFakeState): void
  /** Forgets every endpoint, armed fault and recorded request. */
  reset(): void
}

/**
 * A stateful fake of Stripe's `/v1/webhook_endpoints`, faithful to its OpenAPI description. Mount it
 * with `mswHandler` or `serveFake`; point the adapter (or the official SDK) at it.
 */
export function createStripeFake(options: StripeFakeOptions = {}): StripeFake {
  const apiKey = options.apiKey ?? stripeId('sk_test', 24)
  const accounts = [...(options.accounts ?? [])]
  const clock = options.clock ?? systemClock
  const store = new EndpointStore()
  const route = createRoutes({
    apiKeys: [apiKey, ...(options.otherKeys ?? [])],
    accounts,
    acceptAnyAccount: options.acceptAnyAccount === true,
    store,
    clock,
    events: options.events ?? STRIPE_EVENTS,
    apiVersions: STRIPE_API_VERSIONS,
    maxEndpoints: options.maxEndpoints ?? MAX_ENDPOINTS_PER_ACCOUNT,
    livemode: options.livemode === true,
  })
  const runtime = createFakeRuntime(route, { clock, faults: options.faults ?? createFaults() })
  const endpointOf = (id: string, account = '') => {
    const found = store.find(account, id)
    if (!found) throw new Error(`the Stripe fake has no endpoint ${id}${account ? ` in ${account}` : ''}`)
    return found
  }
  const signingSecrets = (e: StoredEndpoint) => (e.rolledSecret && (e.rolledUntil ?? 0) > clock.now() ? [e.secret, e.rolledSecret] : [e.secret])
  const sign = (e: StoredEndpoint, event: StripeEventInput, id: string) =>
    signStripeDelivery({
      payload: stripeEvent({
        ...event,
        id,
        apiVersion: e.apiVersion ?? STRIPE_API_VERSION,
        createdAt: event.createdAt ?? new Date(clock.now()),
        livemode: e.livemode,
      }),
      secret: signingSecrets(e),
      timestamp: Math.floor(clock.now() / 1000),
    })
  const takes = (e: StoredEndpoint, type: string) => e.status === 'enabled' && (e.enabledEvents.includes(type) || e.enabledEvents.includes('*'))
  const targets = (event: StripeEventInput) =>
    event.account === undefined
      ? store.all('').filter((e) => !e.connect)
      : [...store.all('').filter((e) => e.connect), ...store.all(event.account).filter((e) => !e.connect)]

  return {
    ...runtime,
    apiKey,
    accounts,
    endpoints: (account) => store.all(account ?? '').map((e) => toWire(e, true)),
    signedFor: (endpointId, event, account) => sign(endpointOf(endpointId, account), event, event.id ?? stripeId('evt')),
    async deliver(event) {
      const id = event.id ?? stripeId('evt')
      const attempts: DeliveryAttempt[] = []
      for (const e of targets(event).filter((t) => takes(t, event.type))) {
        const { body, headers } = sign(e, event, id)
        const outcome = await postDelivery(options.fetch ?? globalThis.fetch, e.url, { headers, body })
        attempts.push(
          'status' in outcome
            ? { endpointId: e.id, url: e.url, eventId: id, status: outcome.status, delivered: outcome.status >= 200 && outcome.status < 300 }
            : { endpointId: e.id, url: e.url, eventId: id, delivered: false, error: outcome.error },
        )
      }
      return attempts
    },
    rollSecret(endpointId, rollOptions = {}) {
      const e = endpointOf(endpointId, rollOptions.account)
      const hours = rollOptions.expiresInHours ?? 0
      if (!(hours >= 0 && hours <= 24)) throw new RangeError('rollSecret: expiresInHours must be between 0 and 24')
      e.rolledSecret = e.secret
      e.rolledUntil = clock.now() + hours * 3_600_000
      e.secret = stripeId('whsec', 32)
      return e.secret
    },
    snapshot: () => ({ endpoints: store.all().map((e) => ({ ...e, enabledEvents: [...e.enabledEvents], metadata: { ...e.metadata } })) }),
    restore: (state) => store.load(state.endpoints),
    reset() {
      store.clear()
      runtime.faults.clear()
      runtime.clearRequests()
    },
  }
}
