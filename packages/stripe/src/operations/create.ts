import { type CallOptions, checkEvents, guarded, type Issue } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountHeaders, accountOf } from '../account.js'
import type { StripeCreateWebhook } from '../options.js'
import { WireEndpoint } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { HEADERS, STRIPE_PATHS } from '../endpoints.js'
import { STRIPE_EVENTS } from '../events.js'
import { createParams, toWebhook } from '../mapping.js'
import { recoverCreate } from '../recovery.js'
import { checkApiVersion, checkBoolean, checkDescription, checkEndpointUrl, checkIdempotencyKey, checkMetadata } from '../validation.js'

function createIssues(input: StripeCreateWebhook): Issue[] {
  return [
    ...checkEndpointUrl(input?.url),
    ...checkEvents(input?.events, STRIPE_EVENTS, { allowUnknown: input?.allowUnknownEvents === true }),
    ...checkDescription(input?.description),
    ...checkMetadata(input?.metadata),
    ...checkApiVersion(input?.apiVersion),
    ...checkBoolean(input?.connect, 'connect'),
    ...checkIdempotencyKey(input?.idempotencyKey),
    ...(input?.secret === undefined ? [] : [{ path: 'secret', message: "Stripe makes each endpoint's signing secret (whsec_…); it cannot be chosen" }]),
  ]
}

export function createWebhook(ctx: StripeContext, input: StripeCreateWebhook, call?: CallOptions) {
  const { client, settings } = ctx
  const { account, issues } = accountOf(settings, call)
  return guarded(client.context('create'), [...issues, ...createIssues(input)], () => {
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
