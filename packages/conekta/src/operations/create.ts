import { type CallOptions, type CreateWebhook, guarded, sameEvents } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import type { ConektaEvent } from '../events.js'
import { createBody, DESCRIPTION_WARNING } from '../mapping.js'
import { noteAbortedCreate, recoverCreate } from '../recovery.js'
import { checkCreateInput } from '../validation.js'
import { createTakesEvents } from '../versions.js'

const EVENTS_UNCONFIRMED = 'Conekta accepted the create but its answer does not list the requested events; `events` shows what it holds'

export function createWebhook(ctx: ConektaContext, input: CreateWebhook<ConektaEvent>, call?: CallOptions) {
  const { client, settings } = ctx
  const { account } = accountOf(settings, call)
  const issues = checkCreateInput(input, settings.urlPolicy)
  const warnings = input?.description === undefined ? [] : [DESCRIPTION_WARNING]
  return guarded(client.context('create'), issues, () =>
    pipe(
      client.request({
        operation: 'create',
        method: 'POST',
        path: '/webhooks',
        body: createBody(client.apiVersion, input.url, input.events),
        decode: WebhookResponse,
        call,
      }),
      TE.mapLeft(noteAbortedCreate),
      TE.chain((value) => {
        if (sameEvents(value.subscribed_events ?? [], input.events)) return TE.right(asWebhook(settings, value, account, warnings))
        // 2.2.0+ took the events in the one request: say so rather than send a second one.
        if (createTakesEvents(client.apiVersion)) return TE.right(asWebhook(settings, value, account, [...warnings, EVENTS_UNCONFIRMED]))
        return recoverCreate(ctx, value, account, input, [...warnings], call)
      }),
    ),
  )
}
