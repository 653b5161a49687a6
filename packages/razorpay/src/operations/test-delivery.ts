import { type CallOptions, unsupported, type Webhook, type WebhookError } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import type { RazorpayContext } from '../context.js'
import type { RazorpayEvent } from '../events.js'

/** Razorpay has no ping endpoint. */
export function testWebhook({ client }: RazorpayContext, _id: string, _call?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>> {
  return TE.left(unsupported(client.context('test'), 'test deliveries (Razorpay has no ping endpoint)'))
}
