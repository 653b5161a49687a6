/**
 * `@unihook/calypso`: Calypso Finance webhook subscriptions behind unihook's common interface, and the
 * verifier of Calypso's signed deliveries. The fake lives in `@unihook/calypso/testing`.
 *
 * @module @unihook/calypso
 */

export { calypso, type CalypsoProvider } from './adapter.js'
export type { CalypsoCreateWebhook, CalypsoOptions, CalypsoUpdateWebhook } from './options.js'
export { CALYPSO_CAPABILITIES } from './capabilities.js'
export { CALYPSO_ACCOUNT_PATTERN, CALYPSO_BASE_URLS, CALYPSO_PATHS } from './endpoints.js'
export { CALYPSO_ERROR_CODES } from './errors.js'
export { CALYPSO_EVENTS, CALYPSO_LEVELS, CALYPSO_SERVICES, type CalypsoEvent, type CalypsoLevel, type CalypsoService } from './events.js'
export { calypsoSign, type Clock } from './signing.js'
export { checkCreateInput } from './validation.js'
export { type CalypsoSecrets, calypsoVerifier, type CalypsoVerifier, type CalypsoVerifierOptions } from './verify.js'
export type * from './payloads.js'
