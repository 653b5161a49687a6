import { type CallOptions, checkPatch, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountHeaders, accountOf } from '../account.js'
import type { StripeUpdateWebhook } from '../options.js'
import { WireEndpoint } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { HEADERS, STRIPE_PATHS } from '../endpoints.js'
import { STRIPE_EVENTS } from '../events.js'
import { changesSomething, toWebhook, updateParams } from '../mapping.js'
import { checkDescription, checkEndpointId, checkEndpointUrl, checkIdempotencyKey, checkMetadata } from '../validation.js'
import { readEndpoint } from './get.js'

export function updateWebhook(ctx: StripeContext, id: string, given: StripeUpdateWebhook, call?: CallOptions) {
  const { client, settings } = ctx
  const patch: StripeUpdateWebhook = typeof given === 'object' && given !== null ? given : {}
  const { account, issues: accountIssues } = accountOf(settings, call)
  const issues = [
    ...accountIssues,
    ...checkEndpointId(id),
    ...checkPatch(given, STRIPE_EVENTS, { url: (url) => checkEndpointUrl(url) }),
    // checkPatch refuses a description that is not a string; Stripe adds a length.
    ...(typeof patch.description === 'string' ? checkDescription(patch.description) : []),
    ...checkMetadata(patch.metadata),
    ...checkIdempotencyKey(patch.idempotencyKey),
  ]
  return guarded(client.context('update'), issues, () => {
    const params = updateParams(patch)
    const written = changesSomething(params)
      ? client.request({
          operation: 'update',
          method: 'POST',
          path: STRIPE_PATHS.endpoint(id),
          headers: { ...accountHeaders(account), [HEADERS.idempotencyKey]: patch.idempotencyKey ?? settings.idempotencyKey() },
          body: params,
          // The same key on every attempt: a retry is answered with the first attempt's result.
          idempotent: true,
          decode: WireEndpoint,
          call,
        })
      : readEndpoint(ctx, account, id, 'update', call)
    return pipe(
      written,
      TE.map((wire) => toWebhook(wire, { account })),
    )
  })
}
