/**
 * `calypso(options)`: Calypso Finance's webhook subscription API behind the common `WebhookProvider`.
 *
 * Every request is a signed JSON body `{account, timestamp, payload?}`: the body is rebuilt on each
 * attempt with a fresh millisecond timestamp, and the transport's `prepare` hook signs the exact bytes
 * of that attempt, so retries go out with a new timestamp and a new `Sign`.
 */

import type { CallOptions, Webhook, WebhookError, WebhookProvider } from '@unihook/core'
import type * as TE from 'fp-ts/TaskEither'
import { CALYPSO_CAPABILITIES } from './capabilities.js'
import { createCalypsoClient } from './client.js'
import { type CalypsoContext, calypsoSettings } from './context.js'
import { CALYPSO_EVENTS, CALYPSO_SERVICES, type CalypsoEvent, type CalypsoService } from './events.js'
import { PROVIDER } from './mapping.js'
import { createWebhook } from './operations/create.js'
import { deleteWebhook } from './operations/delete.js'
import { getWebhook } from './operations/get.js'
import { listWebhooks } from './operations/list.js'
import { rotateSecret } from './operations/rotate-secret.js'
import { testWebhook } from './operations/test-delivery.js'
import { updateWebhook } from './operations/update.js'
import type { CalypsoCreateWebhook, CalypsoOptions, CalypsoUpdateWebhook } from './options.js'

export interface CalypsoProvider extends WebhookProvider<CalypsoEvent> {
  readonly services: readonly CalypsoService[]
  create(input: CalypsoCreateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>>
  update(id: string, patch: CalypsoUpdateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>>
}

/**
 * The Calypso adapter: a `WebhookProvider` over Calypso Finance's signed-key subscription API (every
 * request signed with HMAC-SHA512). Throws a `TypeError` at construction only for settings no call
 * could use; everything else is a typed error when a call runs.
 */
export function calypso(options: CalypsoOptions): CalypsoProvider {
  if (typeof options !== 'object' || options === null) throw new TypeError('calypso(): expects options, at least { apiKey, apiSecret, account }')
  const client = createCalypsoClient(options)
  const ctx: CalypsoContext = { client, settings: calypsoSettings(options) }
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    capabilities: CALYPSO_CAPABILITIES,
    events: CALYPSO_EVENTS,
    services: CALYPSO_SERVICES,
    create: (input, call) => createWebhook(ctx, input, call),
    get: (id, call) => getWebhook(ctx, id, call),
    list: (query, call) => listWebhooks(ctx, query, call),
    update: (id, patch, call) => updateWebhook(ctx, id, patch, call),
    delete: (id, call) => deleteWebhook(ctx, id, call),
    test: (id, call) => testWebhook(ctx, id, call),
    rotateSecret: (id, call) => rotateSecret(ctx, id, call),
  }
}
