import { type CallOptions, guarded, type SecretRotation, withNote } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { NoContent } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import { toWebhook } from '../mapping.js'
import { checkSubscriptionId } from '../validation.js'
import { findChannel } from './get.js'
import { readChannels } from './list.js'

/**
 * Calypso regenerates the delivery keys of every subscription of the merchant at once (the request
 * names no subscription). `id` must name a subscription of the account: it is checked first, so an
 * unknown id rotates nothing; the answer carries that subscription's new secret and every
 * subscription of the account with its new keys.
 */
export function rotateSecret(ctx: CalypsoContext, id: string, call?: CallOptions) {
  const { client } = ctx
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(client.context('rotateSecret'), [...checkSubscriptionId(id), ...issues], () =>
    pipe(
      findChannel(ctx, 'rotateSecret', id, account, call),
      TE.chain(() =>
        client.request({
          operation: 'rotateSecret',
          method: 'DELETE',
          path: CALYPSO_PATHS.regenerateKeys,
          // The client sends the documented `{timestamp}` alone here (MERCHANT_WIDE_PATHS): the keys belong to the merchant.
          // Regenerating again after a lost answer leaves freshly regenerated keys, which the list below reads.
          idempotent: true,
          // Documented as one WebhookChannelDTO for an operation on every subscription: not relied upon.
          decode: NoContent,
          call,
        }),
      ),
      TE.chain(() =>
        pipe(
          readChannels(ctx, 'rotateSecret', call),
          TE.mapLeft((error) => withNote(error, 'the keys were regenerated; list() returns the new ones')),
        ),
      ),
      TE.map((channels): SecretRotation => {
        const target = channels.find((c) => c.requestId === id)
        return {
          scope: 'account',
          webhookId: id,
          ...(target?.secretKey ? { secret: target.secretKey } : {}),
          webhooks: channels.map((c) => toWebhook(c, account)),
        }
      }),
    ),
  )
}
