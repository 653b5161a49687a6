/**
 * Conekta's API versions and what each one's webhook schemas accept, in one table that the adapter
 * (which builds its request bodies from it) and the fake (which refuses what a version does not know)
 * share, so the two cannot drift apart. The version is chosen per request with
 * `Accept: application/vnd.conekta-v<version>+json`. Sources are in docs/providers/conekta.md.
 */

/** The versions the fake serves, oldest first. The adapter speaks 2.1.0 and 2.2.0+. */
export const CONEKTA_API_VERSIONS = ['2.0.0', '2.1.0', '2.2.0', '2.3.0'] as const
export type ConektaApiVersion = (typeof CONEKTA_API_VERSIONS)[number]

/** The versions the adapter can be pinned to. */
export const ADAPTER_API_VERSIONS = ['2.1.0', '2.2.0', '2.3.0'] as const satisfies readonly ConektaApiVersion[]
export type AdapterApiVersion = (typeof ADAPTER_API_VERSIONS)[number]

/**
 * The newest version whose webhook schema is confirmed (conekta/openapi at 82ce68e, `version: 2.3.0`;
 * the webhook schemas are unchanged since the 2.2.0 release, and the official `conekta@9` SDK sends it).
 */
export const DEFAULT_API_VERSION: AdapterApiVersion = '2.3.0'

export const acceptFor = (version: ConektaApiVersion) => `application/vnd.conekta-v${version}+json`

/** The version an `Accept` header asks for: `undefined` when it names none, the raw text when it names one Conekta does not have. */
export function requestedVersion(accept: string | null): { version?: ConektaApiVersion; unknown?: string } {
  const named = /application\/vnd\.conekta-v([^+;,\s]+)\+json/i.exec(accept ?? '')?.[1]
  if (named === undefined) return {}
  return (CONEKTA_API_VERSIONS as readonly string[]).includes(named) ? { version: named as ConektaApiVersion } : { unknown: named }
}

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
const V2_1: WebhookSchemas = {
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

/**
 * 2.0.0 has no published schema. Assumed from Conekta's own 2.0.0 tutorial (which creates with
 * `{url, status, subscribed_events}` and is answered with `synchronous: false` and the enabled flags):
 * 2.1.0's shapes, plus `subscribed_events` and `status` on create and `synchronous` optional there.
 */
const V2_0: WebhookSchemas = {
  create: { url: { kind: 'url', required: true }, synchronous: { kind: 'boolean' }, subscribed_events: { kind: 'events' }, status: { kind: 'string' } },
  update: V2_1.update,
  response: 'flags',
}

export const WEBHOOK_SCHEMAS: Readonly<Record<ConektaApiVersion, WebhookSchemas>> = {
  '2.0.0': V2_0,
  '2.1.0': V2_1,
  '2.2.0': V2_2,
  '2.3.0': V2_2,
}

/** Whether the pinned version's create takes the events, so a create is one request. */
export const createTakesEvents = (version: AdapterApiVersion) => WEBHOOK_SCHEMAS[version].create.subscribed_events !== undefined

/** Whether the pinned version's update requires `url` (2.1.0 does, so a patch without one reads the webhook first). */
export const updateNeedsUrl = (version: AdapterApiVersion) => WEBHOOK_SCHEMAS[version].update.url?.required === true

/** Whether the pinned version's update writes `active` (2.2.0+). */
export const updateTakesActive = (version: AdapterApiVersion) => WEBHOOK_SCHEMAS[version].update.active !== undefined

/** `webhook_key_request` and `webhook_key_update_request`: the same in every version. */
export const WEBHOOK_KEY_SCHEMA: BodySchema = { active: { kind: 'boolean' } }
