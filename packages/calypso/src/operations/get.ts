import { type CallOptions, decodeFailure, decodeWith, guarded, webhookError, type WebhookError } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { WebhookChannel, WebhookChannelIds } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { toWebhook } from '../mapping.js'
import { checkSubscriptionId } from '../validation.js'
import { requestList } from './list.js'

/**
 * Calypso has no "get one": the subscription is found in the account's list. Only the entry found is
 * decoded and mapped, so that a get in a large account costs reading the list, not decoding all of it.
 */
export const findChannel = (
  ctx: CalypsoContext,
  operation: string,
  id: string,
  account: string,
  call?: CallOptions,
): TE.TaskEither<WebhookError, WebhookChannel> =>
  pipe(
    requestList(ctx, operation, WebhookChannelIds, call),
    TE.chain((answer): TE.TaskEither<WebhookError, WebhookChannel> => {
      const errorContext = ctx.client.context(operation)
      const found = answer.subscriptions.find((c) => c.requestId === id)
      if (!found) return TE.left(webhookError('NotFound', errorContext, `Calypso has no subscription ${id} in account ${account}`, { id }))
      return TE.fromEither(
        pipe(
          decodeWith(WebhookChannel, found),
          E.mapLeft((issues) =>
            decodeFailure(
              errorContext,
              issues.map((i) => ({ ...i, path: i.path ? `subscriptions[${id}].${i.path}` : `subscriptions[${id}]` })),
            ),
          ),
        ),
      )
    }),
  )

export function getWebhook(ctx: CalypsoContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(ctx.client.context('get'), [...checkSubscriptionId(id), ...issues], () =>
    pipe(
      findChannel(ctx, 'get', id, account, call),
      TE.map((c) => toWebhook(c, account)),
    ),
  )
}
