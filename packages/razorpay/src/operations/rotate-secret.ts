import { guarded, type SecretRotation, toSecret, withNote } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import type { RazorpayRotateOptions } from '../options.js'
import type { RazorpayContext } from '../context.js'
import { toWebhook } from '../mapping.js'
import { ambiguous } from '../recovery.js'
import { generateWebhookSecret, scrubSecret } from '../secrets.js'
import { checkSecretValue, checkWebhookId } from '../validation.js'
import { readWebhook } from './get.js'
import { patchWebhook } from './update.js'

const MAYBE_ROTATED = 'The secret may or may not have changed: rotate again, or repeat with the same `secret` option, to know which secret is set.'

/** A PATCH of the webhook's `secret`, with the `url` and `events` PATCH requires read first. */
export function rotateSecret(ctx: RazorpayContext, id: string, call?: RazorpayRotateOptions) {
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(ctx.client.context('rotateSecret'), [...issues, ...checkWebhookId(id), ...checkSecretValue(call?.secret, 'secret')], () => {
    const secret = call?.secret === undefined ? generateWebhookSecret() : toSecret(call.secret)
    const rotation = pipe(
      readWebhook(ctx, account, id, 'rotateSecret', call),
      TE.chain((now) =>
        pipe(
          patchWebhook(ctx, account, id, 'rotateSecret', () => ({ url: now.url, events: [...now.events], secret: secret.reveal() }), call),
          TE.mapLeft((error) => (ambiguous(error) ? withNote(error, MAYBE_ROTATED) : error)),
        ),
      ),
      TE.map((wire): SecretRotation => ({ scope: 'webhook', webhookId: id, secret, webhooks: [toWebhook(wire, { account, secret })] })),
      TE.mapLeft(scrubSecret(secret)),
    )
    // The PATCH resends the URL and events just read: serialised with updates of the same webhook.
    return ctx.writes.run(`${account}/${id}`, rotation)
  })
}
