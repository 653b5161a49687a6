/** The fake's state: webhooks kept per sub-merchant account, rendered as Razorpay's webhook entity. */

import { randomBytes } from 'node:crypto'

export interface StoredWebhook {
  readonly id: string
  readonly account: string
  /** Insertion order, to order webhooks created in the same second. */
  readonly seq: number
  url: string
  events: string[]
  alertEmail?: string
  secret?: string
  active: boolean
  createdAt: number
  updatedAt: number
  /** Unix seconds, 0 while enabled. */
  disabledAt: number
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export function newWebhookId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = Array.from(randomBytes(14), (b) => BASE62[b % 62]).join('')
    if (!taken(id)) return id
  }
}

/** Created-earlier first; within a second, by insertion order. */
const older = (a: StoredWebhook, b: StoredWebhook) => a.createdAt - b.createdAt || a.seq - b.seq

/** The first index in `list` (sorted by `older`) whose `createdAt` is not below `seconds`. */
function lowerBound(list: readonly StoredWebhook[], seconds: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((list[mid] as StoredWebhook).createdAt < seconds) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface PageQuery {
  readonly skip: number
  readonly count: number
  /** Unix seconds, inclusive. */
  readonly from?: number
  readonly to?: number
}

/**
 * Webhooks per account, kept in creation order, so that a page costs work in proportion to the page
 * (two binary searches and a slice), not to the account's whole store.
 */
export function createStore() {
  const accounts = new Map<string, { byId: Map<string, StoredWebhook>; ordered: StoredWebhook[] }>()
  const ids = new Set<string>()
  let seq = 0
  const of = (account: string) => {
    let held = accounts.get(account)
    if (!held) accounts.set(account, (held = { byId: new Map(), ordered: [] }))
    return held
  }
  return {
    nextSeq: () => ++seq,
    get: (account: string, id: string) => accounts.get(account)?.byId.get(id),
    count: (account: string) => accounts.get(account)?.byId.size ?? 0,
    add(webhook: StoredWebhook): void {
      const { byId, ordered } = of(webhook.account)
      byId.set(webhook.id, webhook)
      ids.add(webhook.id)
      // Nearly always the newest: found at the end without a search.
      let at = ordered.length
      while (at > 0 && older(webhook, ordered[at - 1] as StoredWebhook) < 0) at--
      ordered.splice(at, 0, webhook)
    },
    remove(webhook: StoredWebhook): void {
      const { byId, ordered } = of(webhook.account)
      byId.delete(webhook.id)
      ids.delete(webhook.id)
      const at = ordered.indexOf(webhook)
      if (at >= 0) ordered.splice(at, 1)
    },
    /** Newest first, as Razorpay lists collections. */
    sorted: (account: string) => [...(accounts.get(account)?.ordered ?? [])].reverse(),
    /** One page, newest first, of the webhooks created within `from`..`to`. */
    page(account: string, query: PageQuery): StoredWebhook[] {
      const ordered = accounts.get(account)?.ordered ?? []
      const lo = query.from === undefined ? 0 : lowerBound(ordered, query.from)
      const hi = query.to === undefined ? ordered.length : lowerBound(ordered, query.to + 1)
      const out: StoredWebhook[] = []
      for (let i = hi - 1 - query.skip; i >= lo && out.length < query.count; i--) out.push(ordered[i] as StoredWebhook)
      return out
    },
    isTaken: (id: string) => ids.has(id),
    clear: () => {
      accounts.clear()
      ids.clear()
    },
    /** Every stored webhook, oldest first, for a snapshot. */
    all: () => [...accounts.values()].flatMap((held) => held.ordered).sort((a, b) => a.seq - b.seq),
  }
}

export type Store = ReturnType<typeof createStore>

export function entity(webhook: StoredWebhook, service: string): Record<string, unknown> {
  return {
    id: webhook.id,
    created_at: webhook.createdAt,
    updated_at: webhook.updatedAt,
    service,
    owner_id: webhook.account.replace(/^acc_/, ''),
    owner_type: 'merchant',
    context: [],
    disabled_at: webhook.disabledAt,
    url: webhook.url,
    ...(webhook.alertEmail === undefined ? {} : { alert_email: webhook.alertEmail }),
    // "If no secret is sent in the request, this parameter does not appear in the response."
    ...(webhook.secret === undefined ? {} : { secret_exists: true }),
    entity: 'webhook',
    active: webhook.active,
    events: [...webhook.events],
  }
}
