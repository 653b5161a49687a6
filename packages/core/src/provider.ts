/**
 * The provider spec, version `v1`. Every adapter returns an object of this shape.
 *
 * `test` and `rotateSecret` are always present: a provider without them answers `Unsupported`, so
 * provider-neutral code never gets a silent no-op from `provider.test?.(id)`.
 */

import type { TaskEither } from 'fp-ts/TaskEither'
import type { Capabilities } from './capabilities.js'
import type { Issue, WebhookError } from './errors.js'
import type { Transport } from './http.js'
import type { AlreadyDeleted, CallOptions, CreateWebhook, ListQuery, Page, SecretRotation, UpdateWebhook, Webhook } from './model.js'

/**
 * The one interface every adapter implements (specification `v1`). Every operation is a lazy
 * `TaskEither`: nothing is sent until it is run; wrap the provider with `promised` for plain async
 * methods.
 */
export interface WebhookProvider<E extends string = string> {
  readonly specificationVersion: 'v1'
  readonly provider: string
  readonly capabilities: Capabilities
  /** The provider's event catalog, as far as it is documented. */
  readonly events: readonly E[]
  /** Creates a webhook. Bad input is a local `ValidationError`, before any request. */
  create(input: CreateWebhook<E>, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  /** Reads one webhook. */
  get(id: string, opts?: CallOptions): TaskEither<WebhookError, Webhook<E>>
  /** Reads one page of webhooks; pass `nextCursor` back as `cursor` for the next (or use `iterate`). */
  list(query?: ListQuery, opts?: CallOptions): TaskEither<WebhookError, Page<Webhook<E>>>
  /** Changes the given fields of a webhook and returns it as it now is. */
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

/**
 * The client an adapter's operations send every request through (its `client.ts`): core's transport
 * `request` and error `context`, the same shape in every adapter, whatever the provider adds underneath
 * (authentication, request signing, a body envelope, account headers).
 */
export interface AdapterClient {
  /** Sends one request (retried where safe) and decodes the answer; every failure is a `WebhookError`. */
  readonly request: Transport['request']
  /** The error context of an operation, carrying the secrets to scrub. */
  readonly context: Transport['context']
}

/**
 * The account a call acts for (its `CallOptions.account`, else the adapter's), and what is wrong with
 * it: what every adapter's `accountOf(settings, call)` (its `account.ts`) returns. `A` is `string | undefined`
 * where a call may act for no account.
 */
export interface CallAccount<A extends string | undefined = string> {
  readonly account: A
  readonly issues: Issue[]
}
