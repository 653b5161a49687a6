import { type CallOptions, guarded, possibleSecretOf, toSecret, withPossibleSecret } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, collectionPath } from '../account.js'
import type { RazorpayCreateWebhook } from '../options.js'
import { type WireCreateBody, WireWebhook } from '../codecs.js'
import type { RazorpayContext } from '../context.js'
import { DESCRIPTION_WARNING, toWebhook } from '../mapping.js'
import { ambiguous, recoverCreate } from '../recovery.js'
import { generateWebhookSecret, scrubSecret } from '../secrets.js'
import { checkCreateInput } from '../validation.js'

export function createWebhook(ctx: RazorpayContext, input: RazorpayCreateWebhook, call?: CallOptions) {
  const { client, settings } = ctx
  const { account, issues: accountIssues } = accountOf(settings, call)
  const alertEmail = input?.alertEmail ?? settings.alertEmail
  const issues = [...accountIssues, ...checkCreateInput({ ...input, alertEmail })]
  return guarded(client.context('create'), issues, () => {
    const secret =
      input.secret !== undefined ? toSecret(input.secret) : (input.generateSecret ?? settings.generateSecrets) ? generateWebhookSecret() : undefined
    const warnings = input.description === undefined ? [] : [DESCRIPTION_WARNING]
    const body: WireCreateBody = {
      url: input.url,
      events: [...input.events],
      ...(alertEmail === undefined ? {} : { alert_email: alertEmail }),
      ...(secret === undefined ? {} : { secret: secret.reveal() }),
    }
    const attempt = { account, body, startedAt: Date.now(), secret, warnings }
    return pipe(
      client.request({ operation: 'create', method: 'POST', path: collectionPath(account), body, decode: WireWebhook, call }),
      TE.map((wire) => toWebhook(wire, { account, secret, warnings })),
      TE.orElse((error) => (ambiguous(error) ? recoverCreate(ctx, error, attempt, call) : TE.left(error))),
      // Scrubbing copies the error; the secret it may have been created with goes with the copy.
      TE.mapLeft((error) => withPossibleSecret(scrubSecret(secret)(error), possibleSecretOf(error))),
    )
  })
}
