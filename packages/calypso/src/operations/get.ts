import { type CallOptions, guarded, webhookError, type WebhookError } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { WebhookChannel } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { toWebhook } from '../mapping.js'
import { checkSubscriptionId } from '../validation.js'
import { readChannels } from './list.js'

/** Calypso has no "get one": the subscription is found in the account's list. */
export const findChannel = (ctx: CalypsoContext, operation: string, id: string, account: string, call?: CallOptions) =>
  pipe(
    readChannels(ctx, operation, account, call),
    TE.chain((channels) => {
      const found = channels.find((c) => c.requestId === id)
      return found
        ? TE.right(found)
        : TE.left<WebhookError, WebhookChannel>(webhookError('NotFound', ctx.client.context(operation), `Calypso has no subscription ${id} in account ${account}`, { id }))
    }),
  )

export function getWebhook(ctx: CalypsoContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(ctx.client.context('get'), [...checkSubscriptionId(id), ...issues], () =>
    pipe(findChannel(ctx, 'get', id, account, call), TE.map((c) => toWebhook(c, account))),
  )
}
