import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, webhookPath } from '../account.js'
import { WireWebhook } from '../codecs.js'
import type { RazorpayContext } from '../context.js'
import { toWebhook } from '../mapping.js'
import { checkWebhookId } from '../validation.js'

/** One webhook as Razorpay holds it; update and rotateSecret read it too, under their own operation. */
export const readWebhook = ({ client }: RazorpayContext, account: string, id: string, operation: string, call?: CallOptions) =>
  client.request({ operation, method: 'GET', path: webhookPath(account, id), decode: WireWebhook, call })

export function getWebhook(ctx: RazorpayContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(ctx.client.context('get'), [...issues, ...checkWebhookId(id)], () =>
    pipe(
      readWebhook(ctx, account, id, 'get', call),
      TE.map((wire) => toWebhook(wire, { account })),
    ),
  )
}
