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

import { makeWebhook, type SecretInfo, type Webhook, type WebhookStatus } from '@unihook/core'
import type { WebhookResponse } from './codecs.js'
import { type ConektaApiVersion, WEBHOOK_SCHEMAS } from './versions.js'

/**
 * Conekta publishes no status enum. `listening` and `intermittent_errors` come from its mock,
 * `being_pinged` from the activation ping; anything else maps to `unknownStatus` with a warning.
 */
export const DEFAULT_STATUS_MAP: Readonly<Record<string, WebhookStatus>> = {
  listening: 'active',
  being_pinged: 'pending',
  intermittent_errors: 'failing',
}

/** How Conekta's free-form webhook `status` strings map to `WebhookStatus`. */
export interface StatusSettings {
  /** Extra or overriding entries, merged over `DEFAULT_STATUS_MAP`. */
  readonly statusMap?: Readonly<Record<string, WebhookStatus>>
  /** What an unlisted status becomes (default `pending`: neither claimed healthy nor broken). */
  readonly unknownStatus?: WebhookStatus
}

const entryOf = (map: Readonly<Record<string, WebhookStatus>> | undefined, key: string): WebhookStatus | undefined =>
  map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined

/** The `WebhookStatus` of a Conekta webhook, with a warning when its status string is unknown. */
export function statusOf(wire: WebhookResponse, settings: StatusSettings = {}): { status: WebhookStatus; warning?: string } {
  // An explicit switch-off wins over whatever `status` says.
  if (wire.active === false) return { status: 'disabled' }
  if (wire.production_enabled === false && wire.development_enabled === false) return { status: 'disabled' }
  const fallback = settings.unknownStatus ?? 'pending'
  if (wire.status === undefined) {
    return wire.active === true ? { status: 'active' } : { status: fallback, warning: `Conekta sent no status; reported as ${fallback}` }
  }
  // The caller's entries over the defaults, looked up in turn rather than merged for every item.
  const known = entryOf(settings.statusMap, wire.status) ?? entryOf(DEFAULT_STATUS_MAP, wire.status)
  return known ? { status: known } : { status: fallback, warning: `unknown Conekta status ${JSON.stringify(wire.status)}; reported as ${fallback}` }
}

/** Every Conekta webhook is signed with the account's key (see `webhook-keys.ts`); one frozen value serves them all. */
const ACCOUNT_KEY: SecretInfo = /* @__PURE__ */ Object.freeze({ kind: 'account-key' })

/** The events, each once: Conekta 2.1.0 may list one twice. A fresh array either way, never the decoded one. */
function uniqueEvents(items: readonly string[] | undefined): string[] {
  if (items === undefined) return []
  const set = new Set(items)
  return set.size === items.length ? items.slice() : [...set]
}

export interface ToWebhookContext extends StatusSettings {
  /** The child company the call was scoped to, when the header was sent. */
  readonly account?: string
  readonly warnings?: readonly string[]
}

/** Maps a decoded Conekta webhook to the common `Webhook`. `context` is built once per answer and shared by its items. */
export function toWebhook<E extends string>(wire: WebhookResponse, context: ToWebhookContext = {}): Webhook<E> {
  const { status, warning } = statusOf(wire, context)
  const given = context.warnings
  const warnings = warning !== undefined ? [...(given ?? []), warning] : given !== undefined && given.length > 0 ? [...given] : undefined
  return makeWebhook<E>({
    provider: 'conekta',
    id: wire.id,
    url: wire.url,
    events: uniqueEvents(wire.subscribed_events),
    status,
    description: wire.description,
    account: context.account,
    secret: ACCOUNT_KEY,
    warnings,
    raw: wire,
  })
}

/**
 * `POST /webhooks` in the pinned version's schema (`versions.ts`): 2.1.0 takes `{url, synchronous}` and
 * no events, so its events are set by a follow-up update; 2.2.0+ take `{url, subscribed_events}`.
 */
export function createBody(version: ConektaApiVersion, url: string, events: readonly string[]): Record<string, unknown> {
  const schema = WEBHOOK_SCHEMAS[version].create
  return {
    url,
    ...(schema.synchronous ? { synchronous: false } : {}),
    ...(schema.subscribed_events ? { subscribed_events: [...events] } : {}),
  }
}

export interface WirePatch {
  readonly url?: string
  readonly events?: readonly string[]
  readonly enabled?: boolean
}

/** `PUT /webhooks/{id}` in the pinned version's schema: the events go in 2.1.0's `events` or 2.2.0's `subscribed_events`. */
export function updateBody(version: ConektaApiVersion, patch: WirePatch): Record<string, unknown> {
  const schema = WEBHOOK_SCHEMAS[version].update
  const eventsKey = schema.events ? 'events' : 'subscribed_events'
  return {
    ...(patch.url === undefined ? {} : { url: patch.url }),
    ...(patch.events === undefined ? {} : { [eventsKey]: [...patch.events] }),
    ...(patch.enabled === undefined || !schema.active ? {} : { active: patch.enabled }),
  }
}

/** No version's request schema has `description` (2.2.0+ answers carry it; Conekta's dashboard sets it). */
export const DESCRIPTION_WARNING = 'Conekta’s API cannot write a description (in any version; set it in the dashboard); it was not sent'
