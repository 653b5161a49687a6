/**
 * `@unihook/conekta`: Conekta webhooks behind unihook's common interface, the account's webhook signing
 * keys, and the verifier of Conekta's signed deliveries. The fake lives in `@unihook/conekta/testing`.
 *
 * @module @unihook/conekta
 */

export { conekta, type ConektaProvider } from './adapter.js'
export type { ConektaOptions } from './options.js'
export { CHILD_COMPANY_ROUTES, type ChildCompanyHeader, type Route as ConektaRoute } from './account.js'
export { CONEKTA_CAPABILITIES, conektaCapabilities } from './capabilities.js'
export { CONEKTA_BASE_URL, type ConektaLocale } from './client.js'
export * as codecs from './codecs.js'
export { mapConektaFailure } from './errors.js'
export { CONEKTA_EVENTS, type ConektaEvent, PING_EVENT } from './events.js'
export type * from './payloads.js'
export { DEFAULT_STATUS_MAP, type StatusSettings, statusOf, toWebhook } from './mapping.js'
export { type PartialCreate, partialCreateOf } from './recovery.js'
export { CONEKTA_ID, checkCreateInput, MAX_PAGE_SIZE, MAX_WEBHOOKS } from './validation.js'
export { type ConektaPublicKey, conektaVerifier, type ConektaVerifier, type ConektaVerifierOptions, DIGEST_HEADER } from './verify.js'
export { type WebhookKey, type WebhookKeyQuery, type WebhookKeys, toWebhookKey } from './webhook-keys.js'
export { acceptFor, CONEKTA_API_VERSIONS, type ConektaApiVersion, DEFAULT_API_VERSION } from './versions.js'
