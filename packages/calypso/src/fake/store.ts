/**
 * The fake's state: subscriptions per merchant account, with the keys Calypso generates for each, and
 * the delivery bookkeeping behind `errorCount` and blocking.
 */

import { randomBytes } from 'node:crypto'

export interface StoredSubscription {
  readonly account: string
  readonly requestId: string
  url: string
  events: string[]
  services: string[]
  publicKey: string
  secretKey: string
  readonly createdDate: string
  enabled: boolean
  blockedByErrorCount: boolean
  errorCount: number
  errorFirstDate: string | null
  errorLastDate: string | null
  /** When recent deliveries failed, for the "more than 100 errors within 10 minutes" block. */
  failures: number[]
}

/** 32 lowercase hex characters, the shape of the keys in Calypso's docs. */
export const newKey = () => randomBytes(16).toString('hex')

/** `WebhookChannelDTO` as Calypso sends it. */
export function toWire(s: StoredSubscription): Record<string, unknown> {
  return {
    requestId: s.requestId,
    notificationEventTypes: [...s.events],
    notificationServiceTypes: [...s.services],
    url: s.url,
    publicKey: s.publicKey,
    secretKey: s.secretKey,
    createdDate: s.createdDate,
    enabled: s.enabled,
    blockedByErrorCount: s.blockedByErrorCount,
    errorCount: s.errorCount,
    errorFirstDate: s.errorFirstDate,
    errorLastDate: s.errorLastDate,
  }
}

export const BLOCK_AFTER_FAILURES = 100
export const BLOCK_WINDOW_MS = 10 * 60_000

export function recordDelivery(s: StoredSubscription, ok: boolean, now: number): void {
  if (ok) {
    s.errorCount = 0
    s.errorFirstDate = null
    s.errorLastDate = null
    s.failures = []
    return
  }
  const at = new Date(now).toISOString()
  s.errorCount++
  s.errorFirstDate ??= at
  s.errorLastDate = at
  s.failures = [...s.failures.filter((t) => now - t < BLOCK_WINDOW_MS), now]
  if (s.failures.length > BLOCK_AFTER_FAILURES) s.blockedByErrorCount = true
}

/** Indexed by id and by account, so that an account's list and a look-up cost nothing in the rest of the store. */
export class SubscriptionStore {
  readonly #byId = new Map<string, StoredSubscription>()
  readonly #byAccount = new Map<string, Map<string, StoredSubscription>>()

  /** Every subscription of the merchant, or of one account, in creation order. */
  all(account?: string): StoredSubscription[] {
    return [...(account === undefined ? this.#byId : (this.#byAccount.get(account) ?? [])).values()]
  }

  count(account: string): number {
    return this.#byAccount.get(account)?.size ?? 0
  }

  /** A `requestId` is taken merchant-wide: it is an idempotency key, not a per-account name. */
  taken(requestId: string): boolean {
    return this.#byId.has(requestId)
  }

  find(account: string, requestId: string): StoredSubscription | undefined {
    return this.#byAccount.get(account)?.get(requestId)
  }

  add(s: StoredSubscription): void {
    this.#byId.set(s.requestId, s)
    let mine = this.#byAccount.get(s.account)
    if (!mine) this.#byAccount.set(s.account, (mine = new Map()))
    mine.set(s.requestId, s)
  }

  remove(s: StoredSubscription): void {
    this.#byId.delete(s.requestId)
    this.#byAccount.get(s.account)?.delete(s.requestId)
  }

  regenerateKeys(): void {
    for (const s of this.#byId.values()) {
      s.publicKey = newKey()
      s.secretKey = newKey()
    }
  }

  clear(): void {
    this.#byId.clear()
    this.#byAccount.clear()
  }

  /** Replaces the contents with these subscriptions, in creation order. */
  load(subscriptions: readonly StoredSubscription[]): void {
    this.clear()
    for (const s of subscriptions) this.add({ ...s, events: [...s.events], services: [...s.services], failures: [...s.failures] })
  }
}
