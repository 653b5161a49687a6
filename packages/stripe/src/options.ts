/**
 * What `stripe()` and its operations take: the adapter's options, and the Stripe-specific fields of
 * create and update. Types only, so that the context and the operations need not import the adapter.
 */

import type { CreateWebhook, UpdateWebhook } from '@unihook/core'
import type { ClientSettings } from './client.js'
import type { StripeApiVersion, StripeEvent } from './events.js'
import type { MetadataPatch } from './mapping.js'

/** Settings of `stripe()`: the API key, the account to act for, and the transport settings every adapter takes. */
export interface StripeOptions extends ClientSettings {
  /**
   * The connected account (`acct_…`) to act for through `Stripe-Account`; each call may name another.
   * Absent: the platform's own account.
   */
  readonly account?: string
  /** Makes each call's `Idempotency-Key` (default: a random UUID); every attempt of a call reuses its key. */
  readonly idempotencyKey?: () => string
}

/** Stripe's own fields, reachable beside the common ones. */
interface StripeFields {
  /** `metadata`: up to 50 keys; `null` unsets a key on update. */
  readonly metadata?: MetadataPatch
  /**
   * This call's `Idempotency-Key`. Passing your own makes a create repeatable across processes for 24
   * hours: the repeat is answered with the endpoint the first one made, secret included.
   */
  readonly idempotencyKey?: string
}

export interface StripeCreateWebhook extends CreateWebhook<StripeEvent>, StripeFields {
  /** The API version the endpoint's events are rendered in (default: the account's); fixed at creation. */
  readonly apiVersion?: StripeApiVersion | (string & {})
  /** A Connect endpoint: it receives the events of every connected account, each carrying `account`. */
  readonly connect?: boolean
}

export interface StripeUpdateWebhook extends UpdateWebhook<StripeEvent>, StripeFields {}
