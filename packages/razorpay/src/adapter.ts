/**
 * `razorpay(options)`: Razorpay's partner sub-merchant webhooks (`/v2/accounts/{account_id}/webhooks`)
 * behind the provider spec. Authenticates with the partner's key id and secret (HTTP Basic) and acts for
 * one sub-merchant account, set on the adapter and overridable per call.
 */

import {
  type CallOptions,
  type CreateWebhook,
  keyedQueue,
  type Secret,
  type SecretRotation,
  type UpdateWebhook,
  type Webhook,
  type WebhookError,
  type WebhookProvider,
} from '@unihook/core'
import type * as TE from 'fp-ts/TaskEither'
import { type ClientSettings, createRazorpayClient } from './client.js'
import { type RazorpayContext, razorpaySettings } from './context.js'
import { RAZORPAY_EVENTS, type RazorpayEvent } from './events.js'
import { PROVIDER } from './mapping.js'
import { createWebhook } from './operations/create.js'
import { deleteWebhook } from './operations/delete.js'
import { getWebhook } from './operations/get.js'
import { listWebhooks } from './operations/list.js'
import { rotateSecret } from './operations/rotate-secret.js'
import { testWebhook } from './operations/test-delivery.js'
import { updateWebhook } from './operations/update.js'

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

export interface RazorpayProvider extends WebhookProvider<RazorpayEvent> {
  create(input: RazorpayCreateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>>
  update(id: string, patch: RazorpayUpdateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>>
  rotateSecret(id: string, opts?: RazorpayRotateOptions): TE.TaskEither<WebhookError, SecretRotation>
}

/**
 * The Razorpay adapter: a `WebhookProvider` over the partner API's sub-merchant webhooks
 * (`/v2/accounts/{id}/webhooks`). Throws a `TypeError` at construction only for settings no call could
 * use (a missing key, a malformed account or base URL); everything else is a typed error when a call runs.
 */
export function razorpay(options: RazorpayOptions): RazorpayProvider {
  if (typeof options !== 'object' || options === null) throw new TypeError('razorpay(): expects options, at least { keyId, keySecret }')
  const client = createRazorpayClient(options)
  const ctx: RazorpayContext = { client, settings: razorpaySettings(options), writes: keyedQueue() }
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    capabilities: ctx.settings.capabilities,
    events: RAZORPAY_EVENTS,
    create: (input, call) => createWebhook(ctx, input, call),
    get: (id, call) => getWebhook(ctx, id, call),
    list: (query, call) => listWebhooks(ctx, query, call),
    update: (id, patch, call) => updateWebhook(ctx, id, patch, call),
    delete: (id, call) => deleteWebhook(ctx, id, call),
    test: (id, call) => testWebhook(ctx, id, call),
    rotateSecret: (id, call) => rotateSecret(ctx, id, call),
  }
}
