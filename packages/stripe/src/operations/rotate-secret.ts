import { type CallOptions, type SecretRotation, unsupported, type WebhookError } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import type { StripeContext } from '../context.js'

/**
 * Stripe renews an endpoint's secret only through the Dashboard's "Roll secret" (which can keep the old
 * one signing for up to 24 hours); `/v1/webhook_endpoints` has no operation for it, and the secret is
 * returned only by the create. See docs/providers/stripe.md.
 */
export function rotateSecret({ client }: StripeContext, _id: string, _call?: CallOptions): TE.TaskEither<WebhookError, SecretRotation> {
  return TE.left(unsupported(client.context('rotateSecret'), 'rotating a webhook secret through the API (Stripe\'s "Roll secret" is a Dashboard action)'))
}
