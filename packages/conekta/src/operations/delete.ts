import { anything, type CallOptions, deleteOutcome, guarded } from '@unihook/core'
import type { ConektaContext } from '../context.js'
import { checkConektaId } from '../validation.js'

/** Deletes a webhook; a create that rolls back its half-made webhook deletes it too. */
export const removeWebhook = ({ client }: ConektaContext, operation: 'delete' | 'create', id: string, call?: CallOptions) =>
  client.request({ operation, method: 'DELETE', path: `/webhooks/${id}`, decode: anything, call })

export function deleteWebhook(ctx: ConektaContext, id: string, call?: CallOptions) {
  return guarded(ctx.client.context('delete'), checkConektaId(id), () => deleteOutcome(id, removeWebhook(ctx, 'delete', id, call)))
}
