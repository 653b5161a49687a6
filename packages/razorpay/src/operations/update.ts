import { type CallOptions, checkPatch, checkUrl, guarded, unsupported, type WebhookError, withNote } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, webhookPath } from '../account.js'
import type { RazorpayUpdateWebhook } from '../options.js'
import { type WirePatchBody, WireWebhook } from '../codecs.js'
import type { RazorpayContext } from '../context.js'
import { RAZORPAY_EVENTS } from '../events.js'
import { DESCRIPTION_WARNING, toWebhook } from '../mapping.js'
import { ambiguous } from '../recovery.js'
import { checkAlertEmail, checkWebhookId, URL_RULES } from '../validation.js'
import { readWebhook } from './get.js'

/** A PATCH; rotateSecret sends one too, under its own operation. */
export const patchWebhook = ({ client }: RazorpayContext, account: string, id: string, operation: string, body: () => WirePatchBody, call?: CallOptions) =>
  client.request({
    operation,
    method: 'PATCH',
    path: webhookPath(account, id),
    body,
    // The body states `url` and `events` (and the secret) in full, so sending it twice sets the same state.
    idempotent: true,
    decode: WireWebhook,
    call,
  })

const writesSomething = (patch: RazorpayUpdateWebhook | undefined): boolean =>
  patch !== undefined && (patch.url !== undefined || patch.events !== undefined || patch.alertEmail !== undefined || patch.enabled !== undefined)

export function updateWebhook(ctx: RazorpayContext, id: string, given: RazorpayUpdateWebhook, call?: CallOptions) {
  const { client, settings } = ctx
  // A patch that is not an object is refused by checkPatch below; read as empty until then.
  const patch: RazorpayUpdateWebhook = typeof given === 'object' && given !== null ? given : {}
  const errorContext = client.context('update')
  const { account, issues: accountIssues } = accountOf(settings, call)
  if (patch.enabled !== undefined && !settings.writableActive) {
    return TE.left(unsupported(errorContext, 'enabling or disabling a webhook through its v2 API (set writableActive to send `active` anyway)'))
  }
  const writes = writesSomething(patch)
  const issues = [
    ...accountIssues,
    ...checkWebhookId(id),
    ...checkPatch(given, RAZORPAY_EVENTS, { url: (url) => checkUrl(url, URL_RULES) }),
    ...checkAlertEmail(patch.alertEmail),
    ...(writes || patch.description !== undefined ? [] : [{ path: '', message: 'the patch changes nothing' }]),
  ]
  return guarded(errorContext, issues, () => {
    const warnings = patch.description === undefined ? [] : [DESCRIPTION_WARNING]
    if (!writes)
      return pipe(
        readWebhook(ctx, account, id, 'update', call),
        TE.map((wire) => toWebhook(wire, { account, warnings })),
      )
    // The docs mark `url` and `events` mandatory on PATCH: fill what the patch lacks from the webhook.
    const { url, events } = patch
    const current: TE.TaskEither<WebhookError, { url: string; events: readonly string[] }> =
      url !== undefined && events !== undefined ? TE.right({ url, events }) : readWebhook(ctx, account, id, 'update', call)
    const body = (now: { url: string; events: readonly string[] }) => (): WirePatchBody => ({
      url: url ?? now.url,
      events: [...(events ?? now.events)],
      ...(patch.alertEmail === undefined ? {} : { alert_email: patch.alertEmail }),
      ...(patch.enabled === undefined ? {} : { active: patch.enabled }),
    })
    const write = pipe(
      current,
      TE.chain((now) =>
        pipe(
          patchWebhook(ctx, account, id, 'update', body(now), call),
          TE.mapLeft((error) => (ambiguous(error) ? withNote(error, 'The update may or may not have been applied; repeating it is safe.') : error)),
        ),
      ),
      TE.map((wire) => toWebhook(wire, { account, warnings })),
    )
    // Read, then write what was read: one at a time per webhook, so a concurrent update or rotation through this adapter is not undone.
    return ctx.writes.run(`${account}/${id}`, write)
  })
}
