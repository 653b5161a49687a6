/**
 * `@unihook/calypso/testing`: a stateful fake of Calypso's webhook API, and helpers that sign deliveries
 * exactly as Calypso does, for testing receivers.
 *
 * @module @unihook/calypso/testing
 */

export {
  CALYPSO_FAKE_ACCOUNT,
  type CalypsoFake,
  type CalypsoFakeOptions,
  type CalypsoFakeState,
  createCalypsoFake,
  type DeliveryAttempt,
} from './fake/index.js'
export type { RegenerateAnswer } from './fake/routes.js'
export { calypsoDeliveryPayload, type CalypsoDeliveryInput, deliveryDate, signCalypsoDelivery, type SignedDelivery } from './fake/sign.js'
export type { StoredSubscription } from './fake/store.js'
