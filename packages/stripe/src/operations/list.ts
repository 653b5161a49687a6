import { type CallOptions, checkListQuery, guarded, type ListQuery, localValidation, type Page, type Webhook } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountHeaders, accountOf } from '../account.js'
import { STRIPE_CAPABILITIES } from '../capabilities.js'
import { WireList } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { STRIPE_PATHS } from '../endpoints.js'
import type { StripeEvent } from '../events.js'
import { toWebhook } from '../mapping.js'
import { cursorScope, nextCursor, startingAfter } from '../pagination.js'

export function listWebhooks({ client, settings }: StripeContext, given?: ListQuery, call?: CallOptions) {
  const errorContext = client.context('list')
  const refused = checkListQuery(STRIPE_CAPABILITIES, given, errorContext)
  if (refused) return TE.left(refused)
  const query: ListQuery = given ?? {}
  const { account, issues } = accountOf(settings, call)
  const scope = cursorScope(account)
  const position = startingAfter(query.cursor, scope)
  if (!position.ok) return TE.left(localValidation(errorContext, [...issues, { path: 'cursor', message: position.message }]))
  return guarded(errorContext, issues, () =>
    pipe(
      client.request({
        operation: 'list',
        method: 'GET',
        path: STRIPE_PATHS.collection,
        query: { limit: query.pageSize, starting_after: position.startingAfter },
        headers: accountHeaders(account),
        decode: WireList,
        call,
      }),
      TE.map((page): Page<Webhook<StripeEvent>> => {
        const items = page.data.map((wire) => toWebhook(wire, { account }))
        const cursor = nextCursor(page, scope)
        return cursor === undefined ? { items } : { items, nextCursor: cursor }
      }),
    ),
  )
}
