/**
 * The provider spec, version `v1`. Every adapter returns an object of this shape.
 *
 * `test` and `rotateSecret` are always present: a provider without them answers `Unsupported`, so
 * provider-neutral code never gets a silent no-op from `provider.test?.(id)`.
 */

import type { TaskEither } from 'fp-ts/TaskEither'
import type { Capabilities } from './capabilities.js'
import type { WebhookError } from './errors.js'
import type { AlreadyDeleted, CallOptions, CreateWebhook, ListQuery, Page, SecretRotation, UpdateWebhook, Webhook } from './model.js'

export interface WebhookProvider<E extends string = string> {
  readonly specificationVersion: 'v1'
  readonly provider: string
  readonly capabilities: Capabilities
  /** The provider's event catalog, as far as it is documented. */
  readonly events: readonly E[]
  create(input: CreateWebhook<E>, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  get(id: string, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  list(query?: ListQuery, opts?: CallOptions): TaskEither<WebhookError, Page<Webhook<E>>>
  update(id: string, patch: UpdateWebhook<E>, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  /**
   * Deletes a webhook: `undefined` when the provider confirmed it, `AlreadyDeleted` when a retry found it
   * gone after an earlier attempt of this call went unanswered (that attempt deleted it).
   */
  delete(id: string, opts?: CallOptions): TaskEither<WebhookError, void | AlreadyDeleted>
  /** Asks the provider to send a test delivery (a ping). */
  test(id: string, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  /** Renews the delivery-signing secret; `capabilities.secret.rotation` says of what scope. */
  rotateSecret(id: string, opts?: CallOptions): TaskEither<WebhookError, SecretRotation>
}

/** The event-name type of a provider. */
export type EventOf<P> = P extends WebhookProvider<infer E> ? E : never
