import { type CallOptions, guarded, secret, type SecretRotation } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { WebhookKeyResponse } from '../codecs.js'
import type { ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'
import { readWebhook } from './get.js'

/** Conekta's keys are account-wide: after checking the webhook exists, a new account key is created. */
export function rotateSecret(ctx: ConektaContext, id: string, call?: CallOptions) {
  const { client } = ctx
  return guarded(client.context('rotateSecret'), checkConektaId(id), () => {
    const refused = client.checkScope('rotateSecret', ['GET /webhooks/{id}', 'POST /webhook_keys'], call)
    if (refused) return TE.left(refused)
    return pipe(
      readWebhook(ctx, 'rotateSecret', id, call),
      TE.chain(() =>
        client.request({
          operation: 'rotateSecret',
          method: 'POST',
          path: '/webhook_keys',
          body: { active: true },
          decode: WebhookKeyResponse,
          call,
        }),
      ),
      TE.map(
        (value): SecretRotation => ({
          scope: 'account',
          webhookId: id,
          // The new key's public half (PEM), which receivers need to verify deliveries; not confidential, wrapped like every rotation result.
          ...(value.public_key === undefined ? {} : { secret: secret(value.public_key) }),
        }),
      ),
    )
  })
}
