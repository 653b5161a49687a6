/**
 * A create that stopped half way. Conekta's 2.1.0 create has no events field, so a create whose answer
 * lacks the requested events is followed by an update; when that update fails, the webhook exists but
 * is not what was asked for. The create then fails with the update's error (its tag says what went
 * wrong) carrying a `PartialCreate` in `details.partialCreate`: the webhook's id and what was done
 * about it. Read it with `partialCreateOf(error)`.
 */

import type { Webhook, WebhookError } from '@unihook/core'

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

export function partialCreateOf(error: WebhookError): PartialCreate | undefined {
  const details = error.details as { partialCreate?: PartialCreate } | undefined
  return details?.partialCreate?.kind === 'partial-create' ? details.partialCreate : undefined
}

export function partialCreateError(partial: PartialCreate): WebhookError {
  const { cause, webhookId, state } = partial
  const what = `created webhook ${webhookId} but could not subscribe it to the requested events (${cause._tag}: ${cause.message})`
  const outcome =
    state === 'kept'
      ? `The webhook exists, subscribed to ${partial.webhook?.events.length ?? 0} events; update or delete it.`
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
