/**
 * `conekta(options)`: the Conekta webhooks adapter, pinned to API 2.3.0, 2.2.0 or 2.1.0 (`apiVersion`);
 * it decodes the answers of any of them.
 */

import { keyedQueue, type WebhookProvider } from '@unihook/core'
import { conektaCapabilities } from './capabilities.js'
import { createConektaClient } from './client.js'
import { type ConektaContext, conektaSettings } from './context.js'
import { CONEKTA_EVENTS, type ConektaEvent } from './events.js'
import type { ConektaOptions } from './options.js'
import { createWebhook } from './operations/create.js'
import { deleteWebhook } from './operations/delete.js'
import { getWebhook } from './operations/get.js'
import { listWebhooks } from './operations/list.js'
import { rotateSecret } from './operations/rotate-secret.js'
import { testWebhook } from './operations/test-delivery.js'
import { updateWebhook } from './operations/update.js'
import { createWebhookKeys, type WebhookKeys } from './webhook-keys.js'

export interface ConektaProvider extends WebhookProvider<ConektaEvent> {
  /** The account-wide delivery-signing keys (`/webhook_keys`). */
  readonly webhookKeys: WebhookKeys
}

/**
 * The Conekta adapter: a `WebhookProvider` over Conekta's `/webhooks` API, plus the account's delivery-
 * signing keys as `webhookKeys`. Throws a `TypeError` at construction only for settings no call could
 * use (no key, an unknown locale or API version); everything else is a typed error when a call runs.
 */
export function conekta(options: ConektaOptions): ConektaProvider {
  if (typeof options !== 'object' || options === null) throw new TypeError('conekta(): expects options, at least { apiKey }')
  const client = createConektaClient(options)
  const ctx: ConektaContext = { client, settings: conektaSettings(options), writes: keyedQueue() }
  return {
    specificationVersion: 'v1',
    provider: 'conekta',
    capabilities: conektaCapabilities(client.apiVersion),
    events: CONEKTA_EVENTS,
    create: (input, call) => createWebhook(ctx, input, call),
    get: (id, call) => getWebhook(ctx, id, call),
    list: (query, call) => listWebhooks(ctx, query, call),
    update: (id, patch, call) => updateWebhook(ctx, id, patch, call),
    delete: (id, call) => deleteWebhook(ctx, id, call),
    test: (id, call) => testWebhook(ctx, id, call),
    rotateSecret: (id, call) => rotateSecret(ctx, id, call),
    webhookKeys: createWebhookKeys(client, ctx.settings),
  }
}
