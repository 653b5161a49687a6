/**
 * How a Razorpay create recovers: look-up after a lost answer. A create whose answer was lost
 * (connection dropped, timeout, unreadable 2xx body) or that the caller aborted in flight may or may not
 * have happened, and creates are never retried blindly: the webhook is looked up by URL and events
 * instead. Razorpay never returns a secret, so the one this create sent is handed back with the webhook
 * found, or, when it may still exist, attached to the error (`possibleSecretOf`).
 */

import {
  type CallOptions,
  lookupAfterAbort,
  mayHaveTakenEffect,
  sameEvents,
  type Secret,
  type Webhook,
  type WebhookError,
  wasAborted,
  withNote,
  withPossibleSecret,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { collectionPath } from './account.js'
import { type WireCreateBody, WireCollection } from './codecs.js'
import type { RazorpayContext } from './context.js'
import type { RazorpayEvent } from './events.js'
import { MAX_PAGE_SIZE } from './ids.js'
import { toWebhook } from './mapping.js'

/** How far apart the client's and Razorpay's clocks may be when a lost create is looked up. */
const LOOKUP_WINDOW_S = 300

/**
 * An answer that may have been lost after Razorpay acted on the request, and is worth a look-up: not a
 * 5xx (Razorpay's own refusal, per its error docs). The caller's abort counts: a create already sent may
 * have happened, and its secret must not be dropped with the answer.
 */
export const ambiguous = (error: WebhookError) => mayHaveTakenEffect(error) && error._tag !== 'ProviderError'

export interface CreateAttempt {
  readonly account: string
  readonly body: WireCreateBody
  /** When the create was sent (ms): the look-up reads webhooks created since shortly before. */
  readonly startedAt: number
  readonly secret?: Secret
  readonly warnings: readonly string[]
}

export const recoverCreate =
  ({ client }: RazorpayContext, error: WebhookError, attempt: CreateAttempt, call?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>> =>
  async () => {
    const { account, body } = attempt
    const since = Math.floor(attempt.startedAt / 1000) - LOOKUP_WINDOW_S
    const aborted = wasAborted(error)
    const unknown = (note: string) => E.left(withPossibleSecret(withNote(error, `${note}${aborted ? ABORTED_SECRET_NOTE : ''}`), attempt.secret))
    const lookup = await client.request({
      operation: 'create',
      method: 'GET',
      path: collectionPath(account),
      query: { count: MAX_PAGE_SIZE, from: since },
      decode: WireCollection,
      call: aborted ? lookupAfterAbort(call) : call,
    })()
    if (E.isLeft(lookup)) {
      return unknown(
        `Whether the webhook was created is unknown: looking it up failed too (${lookup.left._tag}). List the account's webhooks before creating it again.`,
      )
    }
    const found = lookup.right.items.filter((w) => w.url === body.url && sameEvents(w.events, body.events))
    const [only] = found
    if (found.length === 1 && only) {
      const note = `The answer to create was lost (${error._tag}); the webhook was found afterwards by its URL and events.`
      return E.right(toWebhook(only, { account, secret: attempt.secret, warnings: [...attempt.warnings, note] }))
    }
    // An aborted request may still reach Razorpay after the look-up; an answer lost on the way back may not.
    if (found.length === 0 && aborted)
      return unknown('The create was aborted in flight and no webhook with this URL and events is listed yet, but Razorpay may still carry it out.')
    if (found.length === 0) return E.left(withNote(error, 'No webhook with this URL and events exists afterwards: none was created.'))
    return unknown(`${found.length} webhooks with this URL and events were created in the last minutes; check which one is yours before creating it again.`)
  }

const ABORTED_SECRET_NOTE = ' If it exists, its signing secret is the one this create sent (apply reports it; possibleSecretOf(error) returns it).'
