/**
 * `razorpay(options)`: Razorpay's partner sub-merchant webhooks (`/v2/accounts/{account_id}/webhooks`)
 * behind the provider spec. Authenticates with the partner's key id and secret (HTTP Basic) and acts for
 * one sub-merchant account, set on the adapter and overridable per call.
 */

import { type CallOptions, keyedQueue, type SecretRotation, type Webhook, type WebhookError, type WebhookProvider } from '@unihook/core'
import type * as TE from 'fp-ts/TaskEither'
import { createRazorpayClient } from './client.js'
import type { RazorpayCreateWebhook, RazorpayOptions, RazorpayRotateOptions, RazorpayUpdateWebhook } from './options.js'
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
