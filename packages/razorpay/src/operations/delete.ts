import { type CallOptions, deleteOutcome, guarded } from '@unihook/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, webhookPath } from '../account.js'
import { WireDeleted } from '../codecs.js'
import type { RazorpayContext } from '../context.js'
import { checkWebhookId } from '../validation.js'

export function deleteWebhook({ client, settings }: RazorpayContext, id: string, call?: CallOptions) {
  const { account, issues } = accountOf(settings, call)
  return guarded(client.context('delete'), [...issues, ...checkWebhookId(id)], () =>
    deleteOutcome(
      id,
      pipe(
        client.request({ operation: 'delete', method: 'DELETE', path: webhookPath(account, id), decode: WireDeleted, call }),
        // Razorpay answers `[]`, and its docs print `{ [] }`: any body that came with a 2xx is a deletion.
        TE.orElse((error) =>
          error._tag === 'DecodeError' && error.status !== undefined && error.status >= 200 && error.status < 300 ? TE.right([]) : TE.left(error),
        ),
      ),
    ),
  )
}
