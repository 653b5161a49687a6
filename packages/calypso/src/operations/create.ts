import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { CalypsoCreateWebhook } from '../options.js'
import { WebhookChannel } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import { createPayload, DESCRIPTION_WARNING, toWebhook } from '../mapping.js'
import { recoverCreate } from '../recovery.js'
import { checkCreateInput } from '../validation.js'

export function createWebhook(ctx: CalypsoContext, input: CalypsoCreateWebhook, call?: CallOptions) {
  const { client } = ctx
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(client.context('create'), [...checkCreateInput(input), ...issues], () => async () => {
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
