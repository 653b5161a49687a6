import { type CallOptions, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'

export function testWebhook({ client, settings }: ConektaContext, id: string, call?: CallOptions) {
  return guarded(client.context('test'), checkConektaId(id), () =>
    pipe(
      client.request({
        operation: 'test',
        route: 'POST /webhooks/{id}/test',
        path: `/webhooks/${id}/test`,
        // The spec declares no body; an empty object is accepted either way. A second ping is harmless, so it may be retried.
        body: {},
        idempotent: true,
        decode: WebhookResponse,
        call,
      }),
      TE.map(({ value, account }) => asWebhook(settings, value, account)),
    ),
  )
}
