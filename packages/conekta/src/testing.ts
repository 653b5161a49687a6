/**
 * `@unihook/conekta/testing`: a stateful fake of Conekta's webhooks API, and helpers that sign deliveries
 * exactly as Conekta does, for testing receivers.
 *
 * @module @unihook/conekta/testing
 */

export {
  type ConektaFake,
  type ConektaFakeOptions,
  type ConektaFakeState,
  createConektaFake,
  type Ping,
  type StoredWebhook,
  type StoredWebhookKey,
} from './fake/index.js'
export type { Delivery } from './fake/delivery.js'
export { FAKE_API_VERSIONS, type FakeApiVersion } from './fake/versions.js'
export {
  type ConektaEventInput,
  type ConektaKeyPair,
  conektaEvent,
  generateConektaKeyPair,
  signConektaPayload,
  type SignedDelivery,
  signedConektaDelivery,
} from './signing.js'
