import type { CallOptions } from '@unihook/core'
import { guarded } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'

/** One webhook as Conekta holds it; update and rotateSecret read it too, under their own operation. */
export const readWebhook = ({ client }: ConektaContext, operation: 'get' | 'update' | 'rotateSecret', id: string, call?: CallOptions) =>
  client.request({ operation, route: 'GET /webhooks/{id}', path: `/webhooks/${id}`, decode: WebhookResponse, call })

export function getWebhook(ctx: ConektaContext, id: string, call?: CallOptions) {
  return guarded(ctx.client.context('get'), checkConektaId(id), () =>
    TE.map(({ value, account }: { value: WebhookResponse; account?: string }) => asWebhook(ctx.settings, value, account))(readWebhook(ctx, 'get', id, call)),
  )
}
