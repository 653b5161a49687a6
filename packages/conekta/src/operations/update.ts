import { type CallOptions, checkPatch, guarded, type Issue, sameEvents, unsupported, type UpdateWebhook, type WebhookError } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { CONEKTA_EVENTS, type ConektaEvent } from '../events.js'
import { DESCRIPTION_WARNING, updateBody } from '../mapping.js'
import { checkConektaId, checkWebhookUrl } from '../validation.js'
import { updateNeedsUrl, updateTakesActive } from '../versions.js'
import { readWebhook } from './get.js'

/** What the answer to an update does not confirm of the patch, said as warnings. */
function unconfirmed(value: WebhookResponse, patch: UpdateWebhook<ConektaEvent>): string[] {
  const notes: string[] = []
  if (patch.events !== undefined && !sameEvents(value.subscribed_events ?? [], patch.events)) {
    notes.push('Conekta accepted the update but its answer does not list the requested events; `events` shows what it holds')
  }
  if (patch.url !== undefined && value.url !== patch.url) {
    notes.push('Conekta accepted the update but its answer carries a different URL; `url` shows what it holds')
  }
  if (patch.enabled !== undefined && value.active !== patch.enabled) {
    notes.push('Conekta accepted the update but its answer does not show the requested `active`; `status` shows what it holds')
  }
  return notes
}

export function updateWebhook(ctx: ConektaContext, id: string, given: UpdateWebhook<ConektaEvent>, call?: CallOptions) {
  const { client, settings } = ctx
  const errorContext = client.context('update')
  const patch: UpdateWebhook<ConektaEvent> = given ?? {}
  const version = client.apiVersion
  if (patch?.enabled !== undefined && !updateTakesActive(version)) {
    return TE.left(unsupported(errorContext, `enabling or disabling a webhook (API ${version} has no writable \`active\`; pin apiVersion 2.2.0 or later)`))
  }
  const issues: Issue[] = [...checkConektaId(id), ...checkPatch(given, CONEKTA_EVENTS, { url: (url) => checkWebhookUrl(url, settings.urlPolicy) })]
  const warnings = patch.description === undefined ? [] : [DESCRIPTION_WARNING]
  const { account } = accountOf(settings, call)
  return guarded(errorContext, issues, () => {
    if (patch.url === undefined && patch.events === undefined && patch.enabled === undefined) {
      return TE.map((value: WebhookResponse) => asWebhook(settings, value, account, warnings))(readWebhook(ctx, 'update', id, call))
    }
    // 2.1.0 requires `url` on every update: keep the current one when the patch does not change it. That
    // read-then-write is serialised per webhook, so a concurrent update through this adapter is not undone.
    const currentUrl: TE.TaskEither<WebhookError, string | undefined> =
      patch.url === undefined && updateNeedsUrl(version)
        ? TE.map((value: WebhookResponse) => value.url)(readWebhook(ctx, 'update', id, call))
        : TE.right(patch.url)
    const write = pipe(
      currentUrl,
      TE.chain((url) =>
        client.request({
          operation: 'update',
          method: 'PUT',
          path: `/webhooks/${id}`,
          body: updateBody(version, { url, events: patch.events, enabled: patch.enabled }),
          decode: WebhookResponse,
          call,
        }),
      ),
      TE.map((value) => asWebhook(settings, value, account, [...warnings, ...unconfirmed(value, patch)])),
    )
    return ctx.writes.run(id, write)
  })
}
