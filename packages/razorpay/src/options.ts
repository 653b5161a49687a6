/**
 * What `razorpay()` and its operations take: the adapter's options, and the Razorpay-specific fields of
 * create, update and rotate. Types only, so that the context and the operations need not import the adapter.
 */

import type { CallOptions, CreateWebhook, Secret, UpdateWebhook } from '@unihook/core'
import type { ClientSettings } from './client.js'
import type { RazorpayEvent } from './events.js'

/**
 * Settings of `razorpay()`: the partner's API key, the sub-merchant account to act for, and the
 * transport settings every adapter takes.
 */
export interface RazorpayOptions extends ClientSettings {
  /** The partner's key id (`rzp_live_…` / `rzp_test_…`). */
  readonly keyId: string
  /** The partner's key secret. */
  readonly keySecret: string | Secret
  /** The sub-merchant account (`acc_` + 14 characters) to act for; each call may name another. */
  readonly account?: string
  /** Default `https://api.razorpay.com`. */
  readonly baseUrl?: string
  /**
   * Make a secret for every create that gives none, send it, and return it once in `webhook.secret`
   * (default `true`). With `false`, such webhooks have no secret and their deliveries cannot be verified.
   */
  readonly generateSecrets?: boolean
  /** `alert_email` for creates that do not name one. */
  readonly alertEmail?: string
  /**
   * Send `active` on PATCH to honour `UpdateWebhook.enabled`. The v2 docs do not list it (the SDK typing
   * does), so it is off by default and `enabled` answers `Unsupported`.
   */
  readonly writableActive?: boolean
}

export interface RazorpayCreateWebhook extends CreateWebhook<RazorpayEvent> {
  /** Where Razorpay writes when deliveries keep failing. */
  readonly alertEmail?: string
  /** Overrides the adapter's `generateSecrets` for this call. */
  readonly generateSecret?: boolean
}

export interface RazorpayUpdateWebhook extends UpdateWebhook<RazorpayEvent> {
  readonly alertEmail?: string
}

export interface RazorpayRotateOptions extends CallOptions {
  /** The new secret; generated when absent. Passing one makes a failed rotation safe to repeat as is. */
  readonly secret?: string | Secret
}
