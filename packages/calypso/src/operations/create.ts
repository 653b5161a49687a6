import { type CallOptions, guarded, sha256Hex } from '@unihook/core'
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
    // Chosen once per run and reused by every attempt: the id is what makes a retried create safe. An
    // idempotency key (apply derives one from the account and URL) makes it the same for every operator.
    const requestId = input.requestId ?? (input.idempotencyKey === undefined ? globalThis.crypto.randomUUID() : await requestIdFromKey(input.idempotencyKey))
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

/** A UUID (version 8, "custom") made from the key's SHA-256: the same key always names the same subscription. */
async function requestIdFromKey(key: string): Promise<string> {
  const hex = await sha256Hex(`calypso-request-id:${key}`)
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
