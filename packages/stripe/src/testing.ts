/**
 * `@unihook/stripe/testing`: a stateful fake of Stripe's webhook endpoint API, and helpers that build and
 * sign deliveries exactly as Stripe does, for testing receivers.
 *
 * @module @unihook/stripe/testing
 */

export { createStripeFake, type DeliveryAttempt, type StripeFake, type StripeFakeOptions, type StripeFakeState } from './fake/index.js'
export type { StoredEndpoint } from './fake/store.js'
export {
  type SignedDelivery,
  signStripeDelivery,
  stripeEvent,
  type StripeEventInput,
  stripeId,
  stripeSignature,
  stripeSignatureHeader,
} from './signing.js'
