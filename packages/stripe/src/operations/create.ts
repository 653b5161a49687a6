import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountHeaders, accountOf } from '../account.js'
import type { StripeCreateWebhook } from '../options.js'
import { WireEndpoint } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { HEADERS, STRIPE_PATHS } from '../endpoints.js'
import { createParams, toWebhook } from '../mapping.js'
import { recoverCreate } from '../recovery.js'
import { checkCreateInput } from '../validation.js'

export function createWebhook(ctx: StripeContext, input: StripeCreateWebhook, call?: CallOptions) {
  const { client, settings } = ctx
  const { account, issues } = accountOf(settings, call)
  return guarded(client.context('create'), [...issues, ...checkCreateInput(input)], () => {
    // One key for every attempt of this call: a retried create is answered with the first one's result.
    const idempotencyKey = input.idempotencyKey ?? settings.idempotencyKey()
    return pipe(
      client.request({
        operation: 'create',
        method: 'POST',
        path: STRIPE_PATHS.collection,
        headers: { ...accountHeaders(account), [HEADERS.idempotencyKey]: idempotencyKey },
        body: createParams(input),
        idempotent: true,
        decode: WireEndpoint,
        call,
      }),
      TE.map((wire) => toWebhook(wire, { account })),
      TE.orElse((error) => recoverCreate(error, { idempotencyKey })),
    )
  })
}
