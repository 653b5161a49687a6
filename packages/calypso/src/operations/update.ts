import { type CallOptions, checkPatch, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { CalypsoUpdateWebhook } from '../options.js'
import { MaybeChannels } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import { CALYPSO_EVENTS } from '../events.js'
import { changePayload, changesSomething, DESCRIPTION_WARNING, toWebhook } from '../mapping.js'
import { checkServices, checkSubscriptionId, checkWebhookUrl } from '../validation.js'
import { findChannel } from './get.js'

export function updateWebhook(ctx: CalypsoContext, id: string, patch: CalypsoUpdateWebhook, call?: CallOptions) {
  const { client } = ctx
  const { account, issues: accountIssues } = accountOf(ctx.settings, call)
  const issues = [
    ...checkSubscriptionId(id),
    ...checkPatch(patch, CALYPSO_EVENTS, { url: checkWebhookUrl, allowEmptyEvents: true }),
    ...checkServices(patch?.services, patch?.allowUnknownEvents === true),
    ...(patch?.enabled === undefined || typeof patch.enabled === 'boolean' ? [] : [{ path: 'enabled', message: 'must be a boolean' }]),
    ...accountIssues,
  ]
  return guarded(client.context('update'), issues, () => {
    const warnings = patch.description === undefined ? [] : [DESCRIPTION_WARNING]
    const payload = changePayload(id, patch)
    if (!changesSomething(payload))
      return pipe(
        findChannel(ctx, 'update', id, account, call),
        TE.map((c) => toWebhook(c, account, warnings)),
      )
    return pipe(
      client.request({
        operation: 'update',
        method: 'POST',
        path: CALYPSO_PATHS.change,
        body: payload,
        // Setting the same fields twice leaves the same subscription.
        idempotent: true,
        decode: MaybeChannels,
        call,
      }),
      TE.chain((answered) => {
        const changed = answered.find((c) => c.requestId === id)
        // The change answer is documented only as a channel; when it is not, the list tells.
        return changed ? TE.right(changed) : findChannel(ctx, 'update', id, account, call)
      }),
      TE.map((c) => toWebhook(c, account, warnings)),
    )
  })
}
