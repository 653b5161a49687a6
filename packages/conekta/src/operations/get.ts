import type { CallOptions } from '@unihook/core'
import { guarded } from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from '../account.js'
import { WebhookResponse } from '../codecs.js'
import { asWebhook, type ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'

/** One webhook as Conekta holds it; update and rotateSecret read it too, under their own operation. */
export const readWebhook = ({ client }: ConektaContext, operation: 'get' | 'update' | 'rotateSecret', id: string, call?: CallOptions) =>
  client.request({ operation, method: 'GET', path: `/webhooks/${id}`, decode: WebhookResponse, call })

export function getWebhook(ctx: ConektaContext, id: string, call?: CallOptions) {
  return guarded(ctx.client.context('get'), checkConektaId(id), () =>
    TE.map((value: WebhookResponse) => asWebhook(ctx.settings, value, accountOf(ctx.settings, call).account))(readWebhook(ctx, 'get', id, call)),
  )
}
