/**
 * How a Conekta create recovers on API 2.1.0: create, then update. A create that stopped half way. 2.1.0's create has no events field, so a create whose answer
 * lacks the requested events is followed by an update; when that update fails, the webhook exists but
 * is not what was asked for. The create then fails with the update's error (its tag says what went
 * wrong) carrying a `PartialCreate` in `details.partialCreate`: the webhook's id and what was done
 * about it. Read it with `partialCreateOf(error)`.
 */

import { type CallOptions, type CreateWebhook, mayHaveTakenEffect, sameEvents, type Webhook, type WebhookError, wasAborted, withNote } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { WebhookResponse } from './codecs.js'
import { asWebhook, type ConektaContext } from './context.js'
import type { ConektaEvent } from './events.js'
import { updateBody } from './mapping.js'
import { removeWebhook } from './operations/delete.js'

/** What a failed two-step create (API 2.1.0: create, then set events) left behind, carried in the error's `details`. */
export interface PartialCreate {
  readonly kind: 'partial-create'
  /** The id of the webhook the first step created. */
  readonly webhookId: string
  /** The step that failed: subscribing the new webhook to the requested events. */
  readonly failedStep: 'set-events'
  /**
   * `kept`: the webhook exists with the events the create answered (`onPartialCreate: 'keep'`, the default).
   * `rolled-back`: it was deleted again; nothing is left behind.
   * `rollback-failed`: deleting it failed too; it still exists.
   */
  readonly state: 'kept' | 'rolled-back' | 'rollback-failed'
  /** The webhook as the first step created it (absent once rolled back). */
  readonly webhook?: Webhook
  /** The error of the failed step. */
  readonly cause: WebhookError
  readonly rollbackError?: WebhookError
}

/** The `PartialCreate` a create error carries, if the webhook was created but its events were not set. */
export function partialCreateOf(error: WebhookError): PartialCreate | undefined {
  const details = error.details as { partialCreate?: PartialCreate } | undefined
  return details?.partialCreate?.kind === 'partial-create' ? details.partialCreate : undefined
}

export function partialCreateError(partial: PartialCreate): WebhookError {
  const { cause, webhookId, state } = partial
  const what = `created webhook ${webhookId} but could not subscribe it to the requested events (${cause._tag}: ${cause.message})`
  const outcome =
    state === 'kept'
      ? mayHaveTakenEffect(cause)
        ? 'The webhook exists; whether its events were set is unknown: get it, then update or delete it.'
        : `The webhook exists, subscribed to ${partial.webhook?.events.length ?? 0} events; update or delete it.`
      : state === 'rolled-back'
        ? 'It was deleted again; nothing is left behind.'
        : `Deleting it again failed too (${partial.rollbackError?._tag}: ${partial.rollbackError?.message}), so webhook ${webhookId} still exists; delete it.`
  // The cause's fields (already redacted) keep their meaning; repeating a create that left a webhook behind would make a second one.
  return Object.freeze({
    ...cause,
    operation: 'create',
    message: `${what}. ${outcome}`,
    retryable: state === 'rolled-back' ? cause.retryable : false,
    details: { partialCreate: partial, provider: cause.details },
  }) as WebhookError
}

/** The second step of a create: subscribe the new webhook to the events its answer lacks. */
export function recoverCreate(
  ctx: ConektaContext,
  created: WebhookResponse,
  account: string | undefined,
  input: CreateWebhook<ConektaEvent>,
  warnings: string[],
  call?: CallOptions,
): TE.TaskEither<WebhookError, Webhook<ConektaEvent>> {
  const { client, settings } = ctx
  const update = client.request({
    operation: 'create',
    method: 'PUT',
    path: `/webhooks/${created.id}`,
    body: updateBody(client.apiVersion, { url: input.url, events: input.events }),
    decode: WebhookResponse,
    call,
  })
  return pipe(
    update,
    TE.map((value) => {
      if (!sameEvents(value.subscribed_events ?? [], input.events)) {
        warnings.push('Conekta accepted the events update but its answer does not list the requested events; `events` shows what it holds')
      }
      return asWebhook(settings, value, account, warnings)
    }),
    TE.orElse((cause) => {
      const base = { kind: 'partial-create' as const, webhookId: created.id, failedStep: 'set-events' as const, cause }
      const kept: PartialCreate = { ...base, state: 'kept', webhook: asWebhook(settings, created, account) }
      if (settings.onPartialCreate !== 'rollback') return TE.left(partialCreateError(kept))
      return async () => {
        const rollback = await removeWebhook(ctx, 'create', created.id, call)()
        return E.left(
          partialCreateError(E.isRight(rollback) ? { ...base, state: 'rolled-back' } : { ...kept, state: 'rollback-failed', rollbackError: rollback.left }),
        )
      }
    }),
  )
}

/**
 * A create the caller aborted in flight may have happened all the same. No secret goes with it (Conekta
 * signs every delivery with the account's key), so the error says what to check rather than look it up.
 */
export const noteAbortedCreate = (error: WebhookError): WebhookError =>
  wasAborted(error)
    ? withNote(
        error,
        'the create was aborted in flight and may have happened: list the webhooks to see; deliveries are signed with the account key, so no secret is lost',
      )
    : error
