/**
 * The seen-store: what makes redeliveries harmless. A delivery is processed in two phases, as the
 * Standard Webhooks guidance, Svix and Hookdeck's Outpost do it:
 *
 * 1. `claim` the event's key: `new` (this caller now holds a short lease and must handle the event),
 *    `in_flight` (someone else holds the lease right now) or `done` (already handled);
 * 2. `complete` it once handled, which keeps it `done` for a retention covering the provider's
 *    redelivery horizon, or `release` it when handling failed, so that the redelivery is processed.
 *
 * A lease that is never completed or released (the instance crashed) expires, and the next redelivery
 * claims the event again. Completion and release touch the claim only while the caller still holds it
 * (its token matches), so an instance whose lease expired cannot undo the work of the next one.
 *
 * Stores are drivers, one per file: the bounded in-memory default (`memorySeenStore`), Redis in
 * `@unihook/redis`, or your own on a database with a unique key.
 */

/** The answer to a claim: `new` with the token that completes or releases it, `in_flight`, or `done`. */
export type Claim = { readonly state: 'new'; readonly token: string } | { readonly state: 'in_flight' } | { readonly state: 'done' }

/**
 * Where claims are kept. Every method answers a promise; a rejection means the store could not be
 * reached, and the delivery is answered with a retryable 5xx so that the provider redelivers it.
 */
export interface SeenStore {
  /** Claims `key` for `leaseMs` milliseconds when nobody holds it and it is not done. */
  claim(key: string, leaseMs: number): Promise<Claim>
  /** Marks the claimed key done for `retentionMs`; false when the caller no longer holds the claim. */
  complete(key: string, token: string, retentionMs: number): Promise<boolean>
  /** Drops the claim so that the next delivery is processed; false when the caller no longer holds it. */
  release(key: string, token: string): Promise<boolean>
}

/**
 * How long a handled event stays `done`, per provider: its documented redelivery horizon with a margin.
 * - Razorpay retries for 24 hours after the event was created (https://razorpay.com/docs/webhooks/best-practices/): 48 h.
 * - Calypso retries 19 times, the intervals growing from 30 s to 125 430 s, about 91 hours in all
 *   (https://docs.calypso.finance/webhooks/overview): 7 days.
 * - Conekta documents no retry schedule (https://developers.conekta.com/resources/webhooks): 7 days.
 * Any other provider gets 7 days too.
 */
// Plain literals (48 h, 7 days), so that bundles which do not use them drop them.
export const DEFAULT_RETENTION_MS: Readonly<Record<string, number>> = { razorpay: 172_800_000, calypso: 604_800_000, conekta: 604_800_000 }

/** The retention of a provider with no entry above. */
export const FALLBACK_RETENTION_MS = 604_800_000

/**
 * The key of an event: provider, account (empty when the provider names none) and event id, each
 * escaped so that no two events share a key.
 */
export const seenKey = (provider: string, account: string | undefined, id: string): string => [provider, account ?? '', id].map(encodeURIComponent).join(':')

/** A claim token nobody else holds. */
export const claimToken = (): string => crypto.randomUUID()
