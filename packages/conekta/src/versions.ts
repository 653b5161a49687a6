/**
 * Conekta's API versions and what each one's webhook schemas accept, in one table that the adapter
 * (which builds its request bodies from it) and the fake (which refuses what a version does not know,
 * and adds 2.0.0 in `fake/versions.ts`) share, so the two cannot drift apart. The version is chosen per
 * request with `Accept: application/vnd.conekta-v<version>+json`. Sources are in docs/providers/conekta.md.
 */

/** The versions the adapter can be pinned to, oldest first (the fake also serves 2.0.0: `fake/versions.ts`). */
export const CONEKTA_API_VERSIONS = ['2.1.0', '2.2.0', '2.3.0'] as const
export type ConektaApiVersion = (typeof CONEKTA_API_VERSIONS)[number]

/**
 * The newest version whose webhook schema is confirmed (conekta/openapi at 82ce68e, `version: 2.3.0`;
 * the webhook schemas are unchanged since the 2.2.0 release, and the official `conekta@9` SDK sends it).
 */
export const DEFAULT_API_VERSION: ConektaApiVersion = '2.3.0'

export const acceptFor = (version: ConektaApiVersion) => `application/vnd.conekta-v${version}+json`

export type FieldKind = 'url' | 'boolean' | 'string' | 'events'

export interface FieldRule {
  readonly kind: FieldKind
  readonly required?: boolean
}

export type BodySchema = Readonly<Record<string, FieldRule>>

export interface WebhookSchemas {
  /** `webhook_request` (POST /webhooks). */
  readonly create: BodySchema
  /** `update_webhook` (PUT /webhooks/{id}). */
  readonly update: BodySchema
  /** Which response shape the version answers: 2.1.0's enabled flags or 2.2.0's `active` and `description`. */
  readonly response: 'flags' | 'active'
}

// 2.1.0: conekta/openapi cf9ef7f (the last `version: 2.1.0`), schemas/webhooks/webhook_request.yml and
// webhook_update_request.yml (the update's events key is `events` since hotfix 0cf9448).
export const V2_1: WebhookSchemas = {
  create: { url: { kind: 'url', required: true }, synchronous: { kind: 'boolean', required: true } },
  update: { url: { kind: 'url', required: true }, synchronous: { kind: 'boolean' }, events: { kind: 'events' } },
  response: 'flags',
}

// 2.2.0 and 2.3.0: conekta/openapi dcecc39 ("Release v2.2.0") through 82ce68e (`version: 2.3.0`).
const V2_2: WebhookSchemas = {
  create: { url: { kind: 'url', required: true }, subscribed_events: { kind: 'events' } },
  update: { url: { kind: 'url' }, subscribed_events: { kind: 'events' }, active: { kind: 'boolean' } },
  response: 'active',
}

export const WEBHOOK_SCHEMAS: Readonly<Record<ConektaApiVersion, WebhookSchemas>> = {
  '2.1.0': V2_1,
  '2.2.0': V2_2,
  '2.3.0': V2_2,
}

/** Whether the pinned version's create takes the events, so a create is one request. */
export const createTakesEvents = (version: ConektaApiVersion) => WEBHOOK_SCHEMAS[version].create.subscribed_events !== undefined

/** Whether the pinned version's update requires `url` (2.1.0 does, so a patch without one reads the webhook first). */
export const updateNeedsUrl = (version: ConektaApiVersion) => WEBHOOK_SCHEMAS[version].update.url?.required === true

/** Whether the pinned version's update writes `active` (2.2.0+). */
export const updateTakesActive = (version: ConektaApiVersion) => WEBHOOK_SCHEMAS[version].update.active !== undefined
