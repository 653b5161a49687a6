/**
 * `@unihook/razorpay`: Razorpay partner sub-account webhooks behind unihook's common interface, and the
 * verifier of Razorpay's signed deliveries. The fake lives in `@unihook/razorpay/testing`.
 *
 * @module @unihook/razorpay
 */

export { RAZORPAY_CAPABILITIES } from './capabilities.js'
export { DEFAULT_BASE_URL } from './client.js'
export { razorpay, type RazorpayProvider } from './adapter.js'
export type { RazorpayCreateWebhook, RazorpayOptions, RazorpayRotateOptions, RazorpayUpdateWebhook } from './options.js'
export { mapRazorpayFailure } from './errors.js'
export { RAZORPAY_EVENTS, type RazorpayEvent } from './events.js'
export type * from './payloads.js'
export { ACCOUNT_ID, EVENT_ID_HEADER, MAX_PAGE_SIZE, MAX_URL_LENGTH, MAX_WEBHOOKS_PER_ACCOUNT, SIGNATURE_HEADER, WEBHOOK_ID } from './ids.js'
export { generateWebhookSecret } from './secrets.js'
export { razorpayVerifier, type RazorpayVerifier, type RazorpayVerifierOptions } from './verify.js'
export { checkCreateInput } from './validation.js'
