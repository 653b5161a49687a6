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

export function createStore() {
  const accounts = new Map<string, Map<string, StoredWebhook>>()
  let seq = 0
  const of = (account: string) => {
    let webhooks = accounts.get(account)
    if (!webhooks) accounts.set(account, (webhooks = new Map()))
    return webhooks
  }
  return {
    of,
    nextSeq: () => ++seq,
    /** Newest first, as Razorpay lists collections. */
    sorted: (account: string) => [...of(account).values()].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq),
    isTaken: (id: string) => [...accounts.values()].some((m) => m.has(id)),
    clear: () => accounts.clear(),
    /** Every stored webhook, oldest first, for a snapshot. */
    all: () => [...accounts.values()].flatMap((m) => [...m.values()]).sort((a, b) => a.seq - b.seq),
    /** Replaces the contents with these webhooks (oldest first), renumbering their insertion order. */
    load: (webhooks: readonly Omit<StoredWebhook, 'seq'>[]) => {
      accounts.clear()
      seq = 0
      for (const w of webhooks) of(w.account).set(w.id, { ...w, events: [...w.events], seq: ++seq })
    },
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
