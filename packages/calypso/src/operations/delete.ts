import { type CallOptions, deleteOutcome, guarded } from '@unihook/core'
import { accountOf } from '../account.js'
import { NoContent } from '../codecs.js'
import type { CalypsoContext } from '../context.js'
import { CALYPSO_PATHS } from '../endpoints.js'
import { checkSubscriptionId } from '../validation.js'

export function deleteWebhook({ client, settings }: CalypsoContext, id: string, call?: CallOptions) {
  const { issues } = accountOf(settings, call)
  return guarded(client.context('delete'), [...checkSubscriptionId(id), ...issues], () =>
    deleteOutcome(
      id,
      client.request({
        operation: 'delete',
        method: 'DELETE',
        path: CALYPSO_PATHS.delete,
        body: { requestId: id },
        decode: NoContent,
        call,
      }),
    ),
  )
}
