/**
 * What every Stripe operation is given: the client (transport with the key, version, form bodies and
 * error mapping) and the adapter's settings, resolved once when the adapter is made.
 */

import type { StripeClient } from './client.js'
import type { StripeOptions } from './options.js'

export interface StripeSettings {
  /** The connected account calls act for unless they name another; absent: the platform's own. */
  readonly account?: string
  /** Makes each call's idempotency key (default: a random UUID per call). */
  readonly idempotencyKey: () => string
}

export interface StripeContext {
  readonly client: StripeClient
  readonly settings: StripeSettings
}

export const stripeSettings = (options: StripeOptions): StripeSettings => ({
  account: options.account,
  idempotencyKey: options.idempotencyKey ?? (() => globalThis.crypto.randomUUID()),
})
