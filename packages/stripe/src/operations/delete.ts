import { type CallOptions, deleteOutcome, guarded } from '@unihook/core'
import { accountHeaders, accountOf } from '../account.js'
import { WireDeleted } from '../codecs.js'
import type { StripeContext } from '../context.js'
import { STRIPE_PATHS } from '../endpoints.js'
import { checkEndpointId } from '../validation.js'

export function deleteWebhook({ client, settings }: StripeContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(settings, call)
  return guarded(client.context('delete'), [...issues, ...checkEndpointId(id)], () =>
    deleteOutcome(
      id,
      client.request({ operation: 'delete', method: 'DELETE', path: STRIPE_PATHS.endpoint(id), headers: accountHeaders(account), decode: WireDeleted, call }),
    ),
  )
}
