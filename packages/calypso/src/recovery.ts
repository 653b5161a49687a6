/**
 * How a Calypso create recovers: requestId resolution. The subscription id (`requestId`) is chosen by
 * the client once per create and reused by every attempt, so a retried create is safe; a 016 answer
 * ("already exists") means the id is taken, and the list tells whether it is this create's own.
 */

import { type CallOptions, lookupAfterAbort, mayHaveTakenEffect, type Webhook, type WebhookError, wasAborted, webhookError, withNote } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CalypsoContext } from './context.js'
import type { CalypsoEvent } from './events.js'
import { toWebhook } from './mapping.js'
import { readChannels } from './operations/list.js'

export interface CreateAttempt {
  readonly requestId: string
  readonly url: string
  readonly account: string
  readonly warnings: readonly string[]
}

/**
 * When the taken `requestId` is a subscription to the same URL in this account, it is this create's own
 * (an earlier attempt whose answer was lost, or a repeated run with the caller's id): the create has
 * happened, exactly once.
 */
function resolveTaken(
  ctx: CalypsoContext,
  conflict: WebhookError,
  attempt: CreateAttempt,
  call?: CallOptions,
): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>> {
  const { requestId, url, account } = attempt
  return pipe(
    readChannels(ctx, 'create', call),
    TE.mapLeft((lookup) => withNote(conflict, `looking requestId ${requestId} up failed too: ${lookup._tag}`)),
    TE.chain((channels) => {
      const taken = channels.find((c) => c.requestId === requestId)
      if (!taken) return TE.left(conflict)
      if (taken.url !== url) {
        return TE.left<WebhookError, Webhook<CalypsoEvent>>(
          webhookError('Conflict', ctx.client.context('create'), `the subscription ${requestId} already exists with another URL`, {
            reason: 'exists',
            providerCode: conflict.providerCode,
            status: conflict.status,
            requestId: conflict.requestId,
          }),
        )
      }
      return TE.right(toWebhook(taken, account, attempt.warnings))
    }),
  )
}

export function recoverCreate(
  ctx: CalypsoContext,
  error: WebhookError,
  attempt: CreateAttempt,
  call?: CallOptions,
): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>> {
  if (error._tag === 'Conflict' && error.reason === 'exists') return resolveTaken(ctx, error, attempt, call)
  if (wasAborted(error)) return findAborted(ctx, error, attempt, call)
  if (mayHaveTakenEffect(error)) return TE.left(withNote(error, `the subscription may exist: get('${attempt.requestId}') tells`))
  return TE.left(error)
}

/**
 * A create the caller aborted in flight may have happened; its subscription is looked up by `requestId`
 * (without the aborted signal), so that a subscription that exists comes back with its keys.
 */
function findAborted(ctx: CalypsoContext, error: WebhookError, attempt: CreateAttempt, call?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>> {
  const { requestId, account } = attempt
  const unknown = `the create was aborted in flight; the subscription may exist: get('${requestId}') tells, with its keys`
  return pipe(
    readChannels(ctx, 'create', lookupAfterAbort(call)),
    TE.mapLeft((lookup) => withNote(error, `${unknown} (looking it up failed: ${lookup._tag})`)),
    TE.chain((channels) => {
      const found = channels.find((c) => c.requestId === requestId)
      return found ? TE.right(toWebhook(found, account, attempt.warnings)) : TE.left(withNote(error, `${unknown}; it is not listed yet`))
    }),
  )
}
