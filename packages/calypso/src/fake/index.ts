/**
 * `createCalypsoFake()`: a stateful in-memory Calypso webhook API for tests, mounted under msw or served
 * on loopback through `@unihook/core/testing`. It checks what Calypso checks (the `Key`, the `Sign` over
 * the received bytes, the ±3-minute timestamp window against its own clock, the account), answers with
 * Calypso's error envelope and codes, generates each subscription's keys, refuses a `requestId` twice,
 * regenerates keys, and delivers events, signed, to the matching subscriptions.
 */

import { type Clock, createFakeRuntime, createFaults, type FakeRuntime, type Faults, postDelivery, systemClock } from '@unihook/core/testing'
import { CALYPSO_EVENTS, CALYPSO_SERVICES } from '../events.js'
import { createRoutes, type RegenerateAnswer } from './routes.js'
import { calypsoDeliveryPayload, type CalypsoDeliveryInput, serviceOf, signCalypsoDelivery } from './sign.js'
import { newKey, recordDelivery, type StoredSubscription, SubscriptionStore, toWire } from './store.js'

/** The merchant account a fake serves when none are given. */
export const CALYPSO_FAKE_ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

/** Settings of `createCalypsoFake`. */
export interface CalypsoFakeOptions {
  /** The merchant's public API key (default: random). */
  readonly apiKey?: string
  /** The merchant's API secret (default: random). */
  readonly apiSecret?: string
  /** The merchant's accounts; others get `004` (default: `CALYPSO_FAKE_ACCOUNT`). */
  readonly accounts?: readonly string[]
  /** Serve any well-formed account id (`0x` + 40 hex), as if it were opened on first use (for a sandbox). */
  readonly acceptAnyAccount?: boolean
  /** The server's clock, against which request timestamps are checked (default: the system clock). */
  readonly clock?: Clock
  readonly faults?: Faults
  /** Event names the fake accepts (default: the documented catalog). */
  readonly events?: readonly string[]
  /** Service groups the fake accepts (default: the documented ones). */
  readonly services?: readonly string[]
  /** A subscription limit per account. Calypso documents none, so by default there is none. */
  readonly maxSubscriptions?: number
  /** What key regeneration answers, its response being documented only loosely (default `channel`). */
  readonly regenerateAnswer?: RegenerateAnswer
  /** How deliveries are sent (default: `globalThis.fetch`, read at delivery time). */
  readonly fetch?: typeof globalThis.fetch
}

/** One delivery the Calypso fake posted to a subscription's URL, and how the receiver answered. */
export interface DeliveryAttempt {
  readonly requestId: string
  readonly url: string
  /** The receiver's HTTP status; absent when it could not be reached. */
  readonly status?: number
  /** Calypso counts only 200 as delivered. */
  readonly delivered: boolean
  readonly error?: string
}

export interface CalypsoFake extends FakeRuntime {
  readonly apiKey: string
  readonly apiSecret: string
  /** The first (default) account. */
  readonly account: string
  readonly accounts: readonly string[]
  /** The stored subscriptions, as `WebhookChannelDTO`s, of one account or of the whole merchant. */
  subscriptions(account?: string): readonly Record<string, unknown>[]
  /**
   * Delivers an event to every enabled, unblocked subscription that takes its event type or service,
   * signed with each subscription's keys, and books the outcome (`errorCount`, blocking) as Calypso does.
   */
  deliver(event: CalypsoDeliveryInput, options?: { readonly account?: string }): Promise<readonly DeliveryAttempt[]>
  /** Every subscription with its keys, as plain JSON, for a sandbox to persist. */
  snapshot(): CalypsoFakeState
  /** Replaces the stored subscriptions with a snapshot's. */
  restore(state: CalypsoFakeState): void
  /** Forgets every subscription, armed fault and recorded request. */
  reset(): void
}

/** What `snapshot()` returns: every subscription of every account, in creation order. */
export interface CalypsoFakeState {
  readonly subscriptions: readonly StoredSubscription[]
}

/**
 * A stateful fake of Calypso's subscription API: checks request signatures and timestamps as Calypso
 * does, and can deliver signed events. Mount it with `mswHandler` or `serveFake`.
 */
export function createCalypsoFake(options: CalypsoFakeOptions = {}): CalypsoFake {
  const apiKey = options.apiKey ?? newKey()
  const apiSecret = options.apiSecret ?? newKey()
  const accounts = options.accounts?.length ? [...options.accounts] : [CALYPSO_FAKE_ACCOUNT]
  const clock = options.clock ?? systemClock
  const store = new SubscriptionStore()
  const route = createRoutes({
    apiKey,
    apiSecret,
    accounts,
    acceptAnyAccount: options.acceptAnyAccount === true,
    store,
    clock,
    events: options.events ?? CALYPSO_EVENTS,
    services: options.services ?? CALYPSO_SERVICES,
    maxSubscriptions: options.maxSubscriptions,
    regenerateAnswer: options.regenerateAnswer ?? 'channel',
  })
  const runtime = createFakeRuntime(route, { clock, faults: options.faults ?? createFaults() })
  let nextEventId = 1

  return {
    ...runtime,
    apiKey,
    apiSecret,
    account: accounts[0]!,
    accounts,
    subscriptions: (account) => store.all(account).map(toWire),
    async deliver(event, deliveryOptions = {}) {
      const service = event.service ?? serviceOf(event.eventType)
      const targets = store
        .all(deliveryOptions.account)
        .filter((s) => s.enabled && !s.blockedByErrorCount)
        .filter((s) => s.events.includes(event.eventType) || (service !== undefined && s.services.includes(service)))
      const id = event.id ?? nextEventId++
      const attempts: DeliveryAttempt[] = []
      for (const s of targets) {
        const payload = calypsoDeliveryPayload({ ...event, id, requestId: s.requestId }, clock.now())
        const { body, headers } = signCalypsoDelivery(payload, s)
        const outcome = await postDelivery(options.fetch ?? globalThis.fetch, s.url, { headers, body })
        const attempt: DeliveryAttempt =
          'status' in outcome
            ? { requestId: s.requestId, url: s.url, status: outcome.status, delivered: outcome.status === 200 }
            : { requestId: s.requestId, url: s.url, delivered: false, error: outcome.error }
        recordDelivery(s, attempt.delivered, clock.now())
        attempts.push(attempt)
      }
      return attempts
    },
    snapshot: () => ({ subscriptions: store.all().map((s) => ({ ...s, events: [...s.events], services: [...s.services], failures: [...s.failures] })) }),
    restore: (state) => store.load(state.subscriptions),
    reset() {
      store.clear()
      runtime.faults.clear()
      runtime.clearRequests()
    },
  }
}
