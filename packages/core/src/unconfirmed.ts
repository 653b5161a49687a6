/**
 * Creates whose outcome is unknown. A create aborted in flight, or whose answer was lost, may have been
 * carried out: when the secret it sent is one the caller never saw (unihook generated it), dropping the
 * error would lose that secret for good. Adapters attach it to the error here, out of every view of the
 * error (errors stay plain, serialisable and secret-free), and `apply` hands it back in its report.
 */

import { isWebhookError, type WebhookError } from './errors.js'
import type { CallOptions } from './model.js'
import type { Secret } from './secret.js'

// Keyed by the error object itself: nothing is added to the error, so no view of it can show the secret.
const carried = new WeakMap<object, Secret>()

/**
 * The same error, remembered as a create that may have happened with `secret`. Attach it last: a copy of
 * the error (a note added afterwards) does not carry it.
 */
export function withPossibleSecret<T extends WebhookError>(error: T, secret: Secret | undefined): T {
  if (secret !== undefined) carried.set(error, secret)
  return error
}

/**
 * The secret a failed create sent, when the webhook may exist with it (an aborted create not found
 * afterwards, a lost answer whose look-up failed). Undefined when the create surely did not happen.
 */
export function possibleSecretOf(error: WebhookError): Secret | undefined {
  return isWebhookError(error) ? carried.get(error) : undefined
}

/** Whether the caller's own signal ended the request. */
export const wasAborted = (error: WebhookError): boolean => error._tag === 'NetworkError' && error.aborted === true

/**
 * The call options for finding out what an aborted create did: the caller's signal is already aborted, so
 * the look-up runs without it, bounded by the per-attempt timeout like any call.
 */
export function lookupAfterAbort(call: CallOptions | undefined): CallOptions | undefined {
  if (!call?.signal) return call
  const { signal: _signal, ...rest } = call
  return rest
}
