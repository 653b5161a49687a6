/**
 * The Stripe fake's state: webhook endpoints per account (the platform's own under `''`), newest last,
 * with the secrets that sign their deliveries, and the saved answers of idempotent requests.
 */

/** An endpoint as the fake stores it (in `snapshot()` and `restore()` states). */
export interface StoredEndpoint {
  readonly id: string
  /** The connected account it belongs to; `''` for the platform's own. */
  readonly account: string
  url: string
  enabledEvents: string[]
  description: string | null
  metadata: Record<string, string>
  readonly apiVersion: string | null
  readonly connect: boolean
  status: 'enabled' | 'disabled'
  /** The secret Stripe signs with, and a rolled one still signing until `rolledUntil` (unix ms). */
  secret: string
  rolledSecret?: string
  rolledUntil?: number
  readonly created: number
  readonly livemode: boolean
}

/** `webhook_endpoint` as Stripe sends it; the secret only in the create answer. */
export function toWire(e: StoredEndpoint, withSecret = false): Record<string, unknown> {
  return {
    id: e.id,
    object: 'webhook_endpoint',
    api_version: e.apiVersion,
    application: null,
    created: e.created,
    description: e.description,
    enabled_events: [...e.enabledEvents],
    livemode: e.livemode,
    metadata: { ...e.metadata },
    ...(withSecret ? { secret: e.secret } : {}),
    status: e.status,
    url: e.url,
  }
}

/** Endpoints indexed by account, in creation order. */
export class EndpointStore {
  readonly #byAccount = new Map<string, Map<string, StoredEndpoint>>()

  /** The account's endpoints, oldest first; every account's when none is named. */
  all(account?: string): StoredEndpoint[] {
    if (account !== undefined) return [...(this.#byAccount.get(account)?.values() ?? [])]
    return [...this.#byAccount.values()].flatMap((m) => [...m.values()])
  }

  count(account: string): number {
    return this.#byAccount.get(account)?.size ?? 0
  }

  find(account: string, id: string): StoredEndpoint | undefined {
    return this.#byAccount.get(account)?.get(id)
  }

  add(e: StoredEndpoint): void {
    let mine = this.#byAccount.get(e.account)
    if (!mine) this.#byAccount.set(e.account, (mine = new Map()))
    mine.set(e.id, e)
  }

  remove(e: StoredEndpoint): void {
    this.#byAccount.get(e.account)?.delete(e.id)
  }

  clear(): void {
    this.#byAccount.clear()
  }

  load(endpoints: readonly StoredEndpoint[]): void {
    this.clear()
    for (const e of endpoints) this.add({ ...e, enabledEvents: [...e.enabledEvents], metadata: { ...e.metadata } })
  }
}

/** An idempotent request's saved answer (kept 24 hours, docs.stripe.com/api/idempotent_requests). */
export interface SavedAnswer {
  readonly fingerprint: string
  readonly status: number
  readonly body: unknown
  readonly requestId: string
  readonly at: number
}

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000
