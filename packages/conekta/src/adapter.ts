/**
 * `conekta(options)`: the Conekta webhooks adapter, pinned to API 2.3.0, 2.2.0 or 2.1.0 (`apiVersion`);
 * it decodes the answers of any of them.
 */

import { keyedQueue, type WebhookProvider } from '@unihook/core'
import type { ChildCompanyHeader } from './account.js'
import { conektaCapabilities } from './capabilities.js'
import { type ClientSettings, createConektaClient } from './client.js'
import { type ConektaContext, conektaSettings } from './context.js'
import { CONEKTA_EVENTS, type ConektaEvent } from './events.js'
import type { StatusSettings } from './mapping.js'
import { createWebhook } from './operations/create.js'
import { deleteWebhook } from './operations/delete.js'
import { getWebhook } from './operations/get.js'
import { listWebhooks } from './operations/list.js'
import { rotateSecret } from './operations/rotate-secret.js'
import { testWebhook } from './operations/test-delivery.js'
import { updateWebhook } from './operations/update.js'
import { createWebhookKeys, type WebhookKeys } from './webhook-keys.js'

/**
 * Settings of `conekta()`: the private API key, the API version, the language of errors, the child
 * company to act for, and the transport settings every adapter takes.
 */
export interface ConektaOptions extends ClientSettings, StatusSettings {
  /** Your private API key, sent as `Authorization: Bearer`. Never appears in errors or logs. */
  readonly apiKey: ClientSettings['apiKey']
  /** Default `https://api.conekta.io`. */
  readonly baseUrl?: string
  /** `Accept-Language`: the language of Conekta's error messages. Default `es`. */
  readonly locale?: NonNullable<ClientSettings['locale']>
  /** The child company to act for (`X-Child-Company-Id`); `CallOptions.account` overrides it per call. */
  readonly childCompanyId?: string
  /** Where the child-company header may go: only where API 2.1.0 declares it (default), or everywhere. */
  readonly childCompanyHeader?: ChildCompanyHeader
  /**
   * Child companies' own private keys, by child company id. A call for a child company on a request
   * that does not declare `X-Child-Company-Id` (create, delete, test) is sent with that child's key
   * instead of being refused. Never appear in errors or logs.
   */
  readonly childCompanyKeys?: ClientSettings['childCompanyKeys']
  /**
   * The API version every request pins (`Accept: application/vnd.conekta-v<version>+json`): `'2.3.0'`
   * (default, the newest with a published webhook schema), `'2.2.0'` or `'2.1.0'`. Request bodies and
   * the capability table follow it.
   */
  readonly apiVersion?: NonNullable<ClientSettings['apiVersion']>
  /** 2.1.0 only: what a create does when its second step (setting the events) fails: keep the webhook (default) or delete it. */
  readonly onPartialCreate?: 'keep' | 'rollback'
  /** Accept localhost/127.0.0.1 URLs; only for a fake started with `allowLocalhost` (Conekta refuses them). */
  readonly allowLocalhostUrls?: boolean
}

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
    webhookKeys: createWebhookKeys(client),
  }
}
