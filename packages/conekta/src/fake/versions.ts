/**
 * The versions the fake serves: the adapter's (`../versions.ts`) plus 2.0.0, which Conekta's own
 * tutorial still sends, and how a request names one.
 */

import { type BodySchema, CONEKTA_API_VERSIONS, V2_1, WEBHOOK_SCHEMAS, type WebhookSchemas } from '../versions.js'

export const FAKE_API_VERSIONS = ['2.0.0', ...CONEKTA_API_VERSIONS] as const
export type FakeApiVersion = (typeof FAKE_API_VERSIONS)[number]

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

export const FAKE_SCHEMAS: Readonly<Record<FakeApiVersion, WebhookSchemas>> = { '2.0.0': V2_0, ...WEBHOOK_SCHEMAS }

/** `webhook_key_request` and `webhook_key_update_request`: the same in every version. */
export const WEBHOOK_KEY_SCHEMA: BodySchema = { active: { kind: 'boolean' } }

/** The version an `Accept` header asks for: `undefined` when it names none, the raw text when it names one Conekta does not have. */
export function requestedVersion(accept: string | null): { version?: FakeApiVersion; unknown?: string } {
  const named = /application\/vnd\.conekta-v([^+;,\s]+)\+json/i.exec(accept ?? '')?.[1]
  if (named === undefined) return {}
  return (FAKE_API_VERSIONS as readonly string[]).includes(named) ? { version: named as FakeApiVersion } : { unknown: named }
}
