import { type CallOptions, unsupported, type Webhook, type WebhookError } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import type { CalypsoContext } from '../context.js'
import type { CalypsoEvent } from '../events.js'

/** Calypso documents no test delivery. */
export function testWebhook({ client }: CalypsoContext, _id: string, _call?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>> {
  return TE.left(unsupported(client.context('test'), 'test deliveries'))
}
