import { type CallOptions, checkListQuery, type ListQuery, localValidation, type Page, type Webhook } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { CONEKTA_CAPABILITIES } from '../capabilities.js'
import { WebhookList } from '../codecs.js'
import { type ConektaContext, webhookMapper } from '../context.js'
import type { ConektaEvent } from '../events.js'
import { cursorScope, nextCursor, readCursor } from '../pagination.js'

export function listWebhooks({ client, settings }: ConektaContext, given?: ListQuery, call?: CallOptions) {
  const ctx = client.context('list')
  const query: ListQuery = given ?? {}
  const refused = checkListQuery(CONEKTA_CAPABILITIES, query, ctx)
  if (refused) return TE.left(refused)
  if (query.url !== undefined && (typeof query.url !== 'string' || query.url.trim() === '')) {
    return TE.left(localValidation(ctx, [{ path: 'url', message: 'must be a non-empty URL to filter by' }]))
  }
  const { account } = accountOf(settings, call)
  const scope = cursorScope(account)
  const next = readCursor(query.cursor, scope, ctx)
  if (E.isLeft(next)) return TE.left(next.left)
  return pipe(
    client.request({
      operation: 'list',
      method: 'GET',
      path: '/webhooks',
      query: { limit: query.pageSize, next: next.right, url: query.url },
      decode: WebhookList,
      call,
    }),
    TE.map((value): Page<Webhook<ConektaEvent>> => {
      const items = value.data.map(webhookMapper(settings, account))
      const cursor = nextCursor(value, scope)
      return cursor === undefined ? { items } : { items, nextCursor: cursor }
    }),
  )
}
