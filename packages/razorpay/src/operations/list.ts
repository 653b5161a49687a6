import { type CallOptions, checkListQuery, guarded, type ListQuery, localValidation, type Page, type Webhook } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, collectionPath } from '../account.js'
import { WireCollection } from '../codecs.js'
import type { RazorpayContext } from '../context.js'
import type { RazorpayEvent } from '../events.js'
import { toWebhook } from '../mapping.js'
import { cursorScope, listParams, listPosition, nextCursor } from '../pagination.js'

export function listWebhooks({ client, settings }: RazorpayContext, given?: ListQuery, call?: CallOptions) {
  const ctx = client.context('list')
  const refused = checkListQuery(settings.capabilities, given, ctx)
  if (refused) return TE.left(refused)
  const query: ListQuery = given ?? {}
  const { account, issues } = accountOf(settings, call)
  const scope = cursorScope(account)
  const position = listPosition(query, scope)
  if (!position.ok) return TE.left(localValidation(ctx, [...issues, { path: 'cursor', message: position.message }]))
  return guarded(ctx, issues, () =>
    pipe(
      client.request({
        operation: 'list',
        method: 'GET',
        path: collectionPath(account),
        query: listParams(position.position, query.pageSize),
        decode: WireCollection,
        call,
      }),
      TE.map((collection): Page<Webhook<RazorpayEvent>> => {
        const mapping = { account }
        const items = collection.items.map((wire) => toWebhook(wire, mapping))
        const cursor = nextCursor(collection, position.position, query.pageSize, scope)
        return cursor === undefined ? { items } : { items, nextCursor: cursor }
      }),
    ),
  )
}
