/**
 * `@unihook/razorpay/testing`: the stateful fake of Razorpay's partner webhooks API, and helpers that
 * sign deliveries exactly as Razorpay does, for testing your own receiver.
 *
 * @module @unihook/razorpay/testing
 */
export {
  createRazorpayFake,
  type DeliverInput,
  type DeliveryResult,
  type FakeWebhookView,
  type RazorpayFake,
  type RazorpayFakeOptions,
  type RazorpayFakeState,
} from './fake/index.js'
export {
  type EventInput,
  razorpayEvent,
  type RazorpayEventEnvelope,
  razorpayEventId,
  signRazorpayBody,
  signRazorpayDelivery,
  type SignedDelivery,
} from './signing.js'
