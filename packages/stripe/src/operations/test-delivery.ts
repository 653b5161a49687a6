import { type CallOptions, unsupported, type Webhook, type WebhookError } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import type { StripeContext } from '../context.js'
import type { StripeEvent } from '../events.js'

/** Stripe's API has no "send a test event to this endpoint"; `stripe trigger` (the CLI) makes real test-mode objects instead. */
export function testWebhook({ client }: StripeContext, _id: string, _call?: CallOptions): TE.TaskEither<WebhookError, Webhook<StripeEvent>> {
  return TE.left(unsupported(client.context('test'), 'test deliveries (use `stripe trigger` in test mode)'))
}
