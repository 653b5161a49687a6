import { type CallOptions, checkEvents, type CreateWebhook, guarded, type Issue, sameEvents } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { CONEKTA_EVENTS, type ConektaEvent } from '../events.js'
import { createBody, DESCRIPTION_WARNING } from '../mapping.js'
import { recoverCreate } from '../recovery.js'
import { checkWebhookUrl } from '../validation.js'

const SECRET_REFUSAL = 'Conekta signs every delivery with an account-wide key (adapter.webhookKeys); a webhook cannot have its own secret'

export function createWebhook(ctx: ConektaContext, input: CreateWebhook<ConektaEvent>, call?: CallOptions) {
  const { client, settings } = ctx
  const issues: Issue[] = [
    ...checkWebhookUrl(input?.url, settings.urlPolicy),
    ...checkEvents(input?.events, CONEKTA_EVENTS, { allowUnknown: input?.allowUnknownEvents === true }),
    ...(input?.secret === undefined ? [] : [{ path: 'secret', message: SECRET_REFUSAL }]),
  ]
  const warnings = input?.description === undefined ? [] : [DESCRIPTION_WARNING]
  return guarded(client.context('create'), issues, () =>
    pipe(
      client.request({
        operation: 'create',
        route: 'POST /webhooks',
        path: '/webhooks',
        body: createBody(input.url, settings.sendEventsOnCreate ? input.events : undefined),
        decode: WebhookResponse,
        call,
      }),
      TE.chain(({ value, account }) =>
        sameEvents(value.subscribed_events ?? [], input.events)
          ? TE.right(asWebhook(settings, value, account, warnings))
          : recoverCreate(ctx, value, account, input, [...warnings], call),
      ),
    ),
  )
}
