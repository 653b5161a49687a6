/**
 * `@unihook/stripe`: Stripe webhook endpoints (Connect included) behind unihook's common interface, and
 * the verifier of Stripe's signed deliveries. The fake lives in `@unihook/stripe/testing`.
 *
 * @module @unihook/stripe
 */

export { stripe, type StripeProvider } from './adapter.js'
export type { StripeCreateWebhook, StripeOptions, StripeUpdateWebhook } from './options.js'
export { STRIPE_CAPABILITIES } from './capabilities.js'
export { ACCOUNT_ID, HEADERS, MAX_ENDPOINTS_PER_ACCOUNT, STRIPE_API_VERSION, STRIPE_BASE_URL, STRIPE_PATHS, WEBHOOK_ENDPOINT_ID } from './endpoints.js'
export { STRIPE_ERROR_TYPES } from './errors.js'
export { STRIPE_API_VERSIONS, STRIPE_EVENTS, type StripeApiVersion, type StripeDeliveredEvent, type StripeEvent } from './events.js'
export { formEncode } from './form.js'
export type { MetadataPatch } from './mapping.js'
export { stripeSignature } from './signing.js'
export { checkCreateInput } from './validation.js'
export { stripeVerifier, type StripeVerifier, type StripeVerifierOptions } from './verify.js'
export type * from './payloads.js'
