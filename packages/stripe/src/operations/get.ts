import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountHeaders, accountOf } from '../account.js'
import { WireEndpoint } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { STRIPE_PATHS } from '../endpoints.js'
import { toWebhook } from '../mapping.js'
import { checkEndpointId } from '../validation.js'

/** One endpoint as Stripe holds it; update reads it too when its patch changes nothing. */
export const readEndpoint = ({ client }: StripeContext, account: string | undefined, id: string, operation: string, call?: CallOptions) =>
  client.request({ operation, method: 'GET', path: STRIPE_PATHS.endpoint(id), headers: accountHeaders(account), decode: WireEndpoint, call })

export function getWebhook(ctx: StripeContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(ctx.client.context('get'), [...issues, ...checkEndpointId(id)], () =>
    pipe(
      readEndpoint(ctx, account, id, 'get', call),
      TE.map((wire) => toWebhook(wire, { account })),
    ),
  )
}
