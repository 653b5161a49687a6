/**
 * How a Stripe create recovers: Idempotency-Key replay. Every POST carries an idempotency key chosen once
 * per call, and every attempt of that call sends the same key, so a retried create never makes a second
 * endpoint: Stripe answers the retry with the saved answer of the first (docs.stripe.com/api/idempotent_requests).
 * When the attempts are spent without a clear answer, the error says how to finish the create safely:
 * repeat it with the same key within 24 hours, which returns the endpoint (and its secret) if it was made.
 */

import { mayHaveTakenEffect, type Webhook, type WebhookError, withNote } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import type { StripeEvent } from './events.js'

export interface CreateAttempt {
  readonly idempotencyKey: string
}

export function recoverCreate(error: WebhookError, attempt: CreateAttempt): TE.TaskEither<WebhookError, Webhook<StripeEvent>> {
  if (!mayHaveTakenEffect(error)) return TE.left(error)
  return TE.left(
    withNote(
      error,
      `the endpoint may have been created: repeat the create with idempotencyKey '${attempt.idempotencyKey}' within 24 hours, and Stripe answers with the endpoint it made (secret included) or makes it once`,
    ),
  )
}
