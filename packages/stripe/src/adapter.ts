/**
 * `stripe(options)`: Stripe's webhook endpoints (`/v1/webhook_endpoints`) behind the common
 * `WebhookProvider`. Authenticates with a secret or restricted key, pins `Stripe-Version`, sends
 * form-encoded bodies with an `Idempotency-Key` on every POST, and acts for the platform or, through
 * `Stripe-Account`, for one of its connected accounts.
 */

import type { CallOptions, Webhook, WebhookError, WebhookProvider } from '@unihook/core'
import type * as TE from 'fp-ts/TaskEither'
import { STRIPE_CAPABILITIES } from './capabilities.js'
import { createStripeClient } from './client.js'
import { type StripeContext, stripeSettings } from './context.js'
import { STRIPE_EVENTS, type StripeEvent } from './events.js'
import { PROVIDER } from './mapping.js'
import { createWebhook } from './operations/create.js'
import { deleteWebhook } from './operations/delete.js'
import { getWebhook } from './operations/get.js'
import { listWebhooks } from './operations/list.js'
import { rotateSecret } from './operations/rotate-secret.js'
import { testWebhook } from './operations/test-delivery.js'
import { updateWebhook } from './operations/update.js'
import type { StripeCreateWebhook, StripeOptions, StripeUpdateWebhook } from './options.js'

export interface StripeProvider extends WebhookProvider<StripeEvent> {
  create(input: StripeCreateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<StripeEvent>>
  update(id: string, patch: StripeUpdateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<StripeEvent>>
}

/**
 * The Stripe adapter: a `WebhookProvider` over `/v1/webhook_endpoints`. Throws a `TypeError` at
 * construction only for settings no call could use (a key that is not a secret or restricted key, a
 * malformed account, version or base URL); everything else is a typed error when a call runs.
 */
export function stripe(options: StripeOptions): StripeProvider {
  if (typeof options !== 'object' || options === null) throw new TypeError('stripe(): expects options, at least { apiKey }')
  const client = createStripeClient(options)
  const ctx: StripeContext = { client, settings: stripeSettings(options) }
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    capabilities: STRIPE_CAPABILITIES,
    events: STRIPE_EVENTS,
    create: (input, call) => createWebhook(ctx, input, call),
    get: (id, call) => getWebhook(ctx, id, call),
    list: (query, call) => listWebhooks(ctx, query, call),
    update: (id, patch, call) => updateWebhook(ctx, id, patch, call),
    delete: (id, call) => deleteWebhook(ctx, id, call),
    test: (id, call) => testWebhook(ctx, id, call),
    rotateSecret: (id, call) => rotateSecret(ctx, id, call),
  }
}
