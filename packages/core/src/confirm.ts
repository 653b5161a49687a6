/**
 * Confirming creates where the provider has no idempotency key (Razorpay, Conekta). Two operators who
 * both planned a create for the same URL both create it; nothing on the wire can stop that. After its
 * creates, `apply` lists the account once, and for every URL it created keeps the oldest webhook (then
 * the smallest id: the order in duplicates.ts) and deletes the others.
 *
 * Why this converges to one webhook: each operator lists after its own create completed, so the last
 * operator to list sees every create. Any earlier operator saw a subset of those webhooks; if the
 * overall keeper was in its view it was also that view's keeper (it is the smallest of everything), so
 * nobody deletes it, and the last operator deletes every other one. This holds when the provider's list
 * shows a completed create at once (read-after-write), which is what the fakes do and what the
 * providers' documentation implies without promising it.
 */

import * as E from 'fp-ts/Either'
import { byUrl } from './duplicates.js'
import type { WebhookError } from './errors.js'
import type { CallOptions, Webhook } from './model.js'
import { listAll } from './pagination.js'
import type { WebhookProvider } from './provider.js'

/** What confirming one created URL found: the webhook kept, and the others removed (another operator's, or ours). */
export interface RaceOutcome<E extends string = string> {
  readonly url: string
  readonly kept: Webhook<E>
  /** Ids of the webhooks deleted because they repeated the URL. */
  readonly removed: readonly string[]
  /** Deletes that failed: the duplicate is still there, and the next plan reports it. */
  readonly failed: readonly { readonly id: string; readonly error: WebhookError }[]
}

/** The result of confirming an account's creates: the URLs that raced, or the error that stopped the listing. */
export type Confirmation<E extends string> = E.Either<WebhookError, readonly RaceOutcome<E>[]>

/**
 * Lists the account and resolves every created URL held more than once. `pageSize` and `maxItems` as
 * `plan` reads. A deleted duplicate that is already gone (the other operator removed it) counts as removed.
 */
export async function confirmCreates<E extends string>(
  provider: WebhookProvider<E>,
  urls: ReadonlySet<string>,
  call: CallOptions,
  read: { readonly pageSize?: number; readonly maxItems: number },
): Promise<Confirmation<E>> {
  const current = await listAll(provider, read, call)()
  if (E.isLeft(current)) return current
  const outcomes: RaceOutcome<E>[] = []
  for (const [url, [kept, ...extras]] of byUrl(current.right)) {
    if (!urls.has(url) || !kept || extras.length === 0) continue
    const removed: string[] = []
    const failed: { id: string; error: WebhookError }[] = []
    for (const extra of extras) {
      const deleted = await provider.delete(extra.id, call)()
      if (E.isRight(deleted) || deleted.left._tag === 'NotFound') removed.push(extra.id)
      else failed.push({ id: extra.id, error: deleted.left })
    }
    outcomes.push({ url, kept, removed, failed })
  }
  return E.right(outcomes)
}
