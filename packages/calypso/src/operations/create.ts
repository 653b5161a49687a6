import { type CallOptions, checkEvents, guarded, type Issue, sha256Hex } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { CalypsoCreateWebhook } from '../adapter.js'
import { WebhookChannel } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import { CALYPSO_EVENTS } from '../events.js'
import { createPayload, DESCRIPTION_WARNING, toWebhook } from '../mapping.js'
import { recoverCreate } from '../recovery.js'
import { checkServices, checkSubscriptionId, checkWebhookUrl } from '../validation.js'

function createIssues(input: CalypsoCreateWebhook): Issue[] {
  const allowUnknown = input?.allowUnknownEvents === true
  const hasServices = Array.isArray(input?.services) && input.services.length > 0
  return [
    ...checkWebhookUrl(input?.url),
    ...(Array.isArray(input?.events) && input.events.length === 0 && !hasServices
      ? [{ path: 'events', message: 'must name at least one event (or set services)' }]
      : checkEvents(input?.events, CALYPSO_EVENTS, { allowUnknown, allowEmpty: true })),
    ...checkServices(input?.services, allowUnknown),
    ...(input?.requestId === undefined ? [] : checkSubscriptionId(input.requestId).map((i) => ({ ...i, path: 'requestId' }))),
    ...(input?.secret === undefined ? [] : [{ path: 'secret', message: "Calypso generates each subscription's secret key; it cannot be chosen" }]),
  ]
}

export function createWebhook(ctx: CalypsoContext, input: CalypsoCreateWebhook, call?: CallOptions) {
  const { client } = ctx
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(client.context('create'), [...createIssues(input), ...issues], () => async () => {
    const warnings = input.description === undefined ? [] : [DESCRIPTION_WARNING]
    // Chosen once per run and reused by every attempt: the id is what makes a retried create safe. An
    // idempotency key (apply derives one from the account and URL) makes it the same for every operator.
    const requestId = input.requestId ?? (input.idempotencyKey === undefined ? globalThis.crypto.randomUUID() : await requestIdFromKey(input.idempotencyKey))
    const created = client.request({
      operation: 'create',
      method: 'POST',
      path: CALYPSO_PATHS.create,
      body: client.envelope(account, createPayload(requestId, input)),
      idempotent: true,
      decode: WebhookChannel,
      call,
    })
    return pipe(
      created,
      TE.map((channel) => toWebhook(channel, account, warnings)),
      TE.orElse((error) => recoverCreate(ctx, error, { requestId, url: input.url, account, warnings }, call)),
    )()
  })
}

/** A UUID (version 8, "custom") made from the key's SHA-256: the same key always names the same subscription. */
async function requestIdFromKey(key: string): Promise<string> {
  const hex = await sha256Hex(`calypso-request-id:${key}`)
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
