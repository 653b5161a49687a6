/**
 * Conekta's webhook object <-> the common model, and the request bodies the adapter sends.
 *
 * | common      | Conekta 2.1.0                                   | Conekta 2.2.0+        |
 * | ----------- | ----------------------------------------------- | --------------------- |
 * | id          | id                                              | id                    |
 * | url         | url                                             | url                   |
 * | events      | subscribed_events (duplicates removed)          | subscribed_events     |
 * | status      | status, production_enabled/development_enabled  | status, active        |
 * | description | –                                               | description           |
 * | account     | the X-Child-Company-Id the call was sent with   | same                  |
 * | secret      | always `account-key` (signed by /webhook_keys)  | same                  |
 * | createdAt   | – (webhooks carry no timestamps)                | –                     |
 */

import { makeWebhook, type Webhook, type WebhookStatus } from '@unihook/core'
import type { WebhookResponse } from './codecs.js'

/**
 * Conekta publishes no status enum. `listening` and `intermittent_errors` come from its mock,
 * `being_pinged` from the activation ping; anything else maps to `unknownStatus` with a warning.
 */
export const DEFAULT_STATUS_MAP: Readonly<Record<string, WebhookStatus>> = {
  listening: 'active',
  being_pinged: 'pending',
  intermittent_errors: 'failing',
}

export interface StatusSettings {
  /** Extra or overriding entries, merged over `DEFAULT_STATUS_MAP`. */
  readonly statusMap?: Readonly<Record<string, WebhookStatus>>
  /** What an unlisted status becomes (default `pending`: neither claimed healthy nor broken). */
  readonly unknownStatus?: WebhookStatus
}

export function statusOf(wire: WebhookResponse, settings: StatusSettings = {}): { status: WebhookStatus; warning?: string } {
  // An explicit switch-off wins over whatever `status` says.
  if (wire.active === false) return { status: 'disabled' }
  if (wire.production_enabled === false && wire.development_enabled === false) return { status: 'disabled' }
  const map = { ...DEFAULT_STATUS_MAP, ...settings.statusMap }
  const fallback = settings.unknownStatus ?? 'pending'
  if (wire.status === undefined) {
    return wire.active === true ? { status: 'active' } : { status: fallback, warning: `Conekta sent no status; reported as ${fallback}` }
  }
  const known = Object.prototype.hasOwnProperty.call(map, wire.status) ? map[wire.status] : undefined
  return known ? { status: known } : { status: fallback, warning: `unknown Conekta status ${JSON.stringify(wire.status)}; reported as ${fallback}` }
}

const unique = (items: readonly string[]) => [...new Set(items)]

export interface ToWebhookContext extends StatusSettings {
  /** The child company the call was scoped to, when the header was sent. */
  readonly account?: string
  readonly warnings?: readonly string[]
}

export function toWebhook<E extends string>(wire: WebhookResponse, context: ToWebhookContext = {}): Webhook<E> {
  const { status, warning } = statusOf(wire, context)
  const warnings = [...(context.warnings ?? []), ...(warning ? [warning] : [])]
  return makeWebhook<E>({
    provider: 'conekta',
    id: wire.id,
    url: wire.url,
    events: unique(wire.subscribed_events ?? []),
    status,
    description: wire.description,
    account: context.account,
    secret: { kind: 'account-key' },
    warnings: warnings.length ? warnings : undefined,
    raw: wire,
  })
}

/**
 * `POST /webhooks`. 2.1.0 requires `synchronous` and has no events field; 2.2.0 and Conekta's own
 * tutorial send `subscribed_events`, so it is sent (unless `sendEventsOnCreate: false`) and the answer is
 * checked (see the adapter's create).
 */
export const createBody = (url: string, events: readonly string[] | undefined) =>
  events === undefined ? { url, synchronous: false } : { url, synchronous: false, subscribed_events: [...events] }

/** Which key carries the events on `PUT /webhooks/{id}`: 2.1.0 says `events`, 2.2.0+ `subscribed_events`. */
export type UpdateEventsField = 'events' | 'subscribed_events' | 'both'

/** `PUT /webhooks/{id}`. 2.1.0 requires `url` even when only the events change. */
export function updateBody(url: string, events: readonly string[] | undefined, field: UpdateEventsField) {
  if (events === undefined) return { url }
  const list = [...events]
  if (field === 'events') return { url, events: list }
  if (field === 'subscribed_events') return { url, subscribed_events: list }
  return { url, events: list, subscribed_events: list }
}

/** API 2.1.0 has no description field on writes. */
export const DESCRIPTION_WARNING = 'Conekta API 2.1.0 cannot store a description; it was not sent'
