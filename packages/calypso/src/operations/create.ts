import { type CallOptions, checkEvents, guarded, type Issue } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { CalypsoCreateWebhook } from '../options.js'
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
    // Chosen once per run and reused by every attempt: the id is what makes a retried create safe.
    const requestId = input.requestId ?? globalThis.crypto.randomUUID()
    const created = client.request({
      operation: 'create',
      method: 'POST',
      path: CALYPSO_PATHS.create,
      body: createPayload(requestId, input),
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
