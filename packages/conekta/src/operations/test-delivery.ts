import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'

export function testWebhook({ client, settings }: ConektaContext, id: string, call?: CallOptions) {
  return guarded(client.context('test'), checkConektaId(id), () =>
    pipe(
      client.request({
        operation: 'test',
        method: 'POST',
        path: `/webhooks/${id}/test`,
        // The spec declares no body; an empty object is accepted either way. A second ping is harmless, so it may be retried.
        body: {},
        idempotent: true,
        decode: WebhookResponse,
        call,
      }),
      TE.map((value) => asWebhook(settings, value, accountOf(settings, call).account)),
    ),
  )
}
