import { type CallOptions, checkListQuery, guarded, type ListQuery, type Page, type Webhook } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type * as D from 'io-ts/Decoder'
import { accountOf } from '../account.js'
import { CALYPSO_CAPABILITIES } from '../capabilities.js'
import { WebhookChannels } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import type { CalypsoEvent } from '../events.js'
import { toWebhook } from '../mapping.js'
import { checkCursor } from '../pagination.js'

/** The account's list call, its answer read with `decode` (every subscription, or only their ids). */
export const requestList = <A>({ client }: CalypsoContext, operation: string, decode: D.Decoder<unknown, A>, call?: CallOptions) =>
  client.request({
    operation,
    method: 'POST',
    path: CALYPSO_PATHS.list,
    // A read sent as POST: repeating it is harmless.
    idempotent: true,
    decode,
    call,
  })

/** Every subscription of the account; the other operations find theirs in it too. */
export const readChannels = (ctx: CalypsoContext, operation: string, call?: CallOptions) =>
  pipe(
    requestList(ctx, operation, WebhookChannels, call),
    TE.map((answer) => answer.subscriptions),
  )

export function listWebhooks(ctx: CalypsoContext, given?: ListQuery, call?: CallOptions) {
  const errorContext = ctx.client.context('list')
  const refused = checkListQuery(CALYPSO_CAPABILITIES, given, errorContext)
  if (refused) return TE.left(refused)
  const query: ListQuery = given ?? {}
  const { account, issues } = accountOf(ctx.settings, call)
  return guarded(errorContext, [...checkCursor(query.cursor), ...issues], () =>
    pipe(
      readChannels(ctx, 'list', call),
      TE.map((channels): Page<Webhook<CalypsoEvent>> => ({ items: channels.map((c) => toWebhook(c, account)) })),
    ),
  )
}
