/**
 * `calypso(options)`: Calypso Finance's webhook subscription API behind the common `WebhookProvider`.
 *
 * Every request is a signed JSON body `{account, timestamp, payload?}`: the body is rebuilt on each
 * attempt with a fresh millisecond timestamp, and the transport's `prepare` hook signs the exact bytes
 * of that attempt, so retries go out with a new timestamp and a new `Sign`.
 */

import {
  type CallOptions,
  checkEvents,
  checkId,
  checkListQuery,
  checkPatch,
  checkUrl,
  createTransport,
  type CreateWebhook,
  guarded,
  type Issue,
  mayHaveTakenEffect,
  type Page,
  type Secret,
  type SecretRotation,
  toSecret,
  type TransportSettings,
  unsupported,
  type UpdateWebhook,
  type Webhook,
  type WebhookError,
  webhookError,
  type WebhookProvider,
  withNote,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { CALYPSO_CAPABILITIES } from './capabilities.js'
import { MaybeChannels, NoContent, type WebhookChannel, WebhookChannel as WebhookChannelCodec, WebhookChannels } from './codecs.js'
import { CALYPSO_ACCOUNT_PATTERN, CALYPSO_BASE_URLS, CALYPSO_PATHS, SUBSCRIPTION_ID_PATTERN } from './endpoints.js'
import { calypsoFailureMapper } from './errors.js'
import { CALYPSO_EVENTS, CALYPSO_SERVICES, type CalypsoEvent, type CalypsoService } from './events.js'
import { changePayload, changesSomething, createPayload, PROVIDER, toWebhook } from './mapping.js'
import { calypsoSign, type Clock, KEY_HEADER, SIGN_HEADER, timestamps } from './signing.js'

export interface CalypsoOptions extends TransportSettings {
  /** The public API key, sent as the `Key` header. */
  readonly apiKey: string | Secret
  /** The API secret: the HMAC-SHA512 key of every request's `Sign`. */
  readonly apiSecret: string | Secret
  /** The merchant account id put in every body; `CallOptions.account` overrides it per call. */
  readonly account: string
  /** Default `https://api.calypso.finance`; the docs also name `https://api.calypso.money`. */
  readonly baseUrl?: string
  /** The clock request timestamps are read from (default: the system clock). */
  readonly clock?: Clock
  /**
   * The account format checked before any request. Default `^0x[0-9a-fA-F]{40}$`, which only the
   * calypso.money OpenAPI states; `false` accepts any non-empty string.
   */
  readonly accountPattern?: RegExp | false
}

type ServiceName = CalypsoService | (string & {})

export interface CalypsoCreateWebhook extends CreateWebhook<CalypsoEvent> {
  /** Whole service groups (`notificationServiceTypes`), alongside or instead of single events. */
  readonly services?: readonly ServiceName[]
  /**
   * The subscription id (`requestId`, a UUID). Default: a fresh random UUID per run. Passing your own
   * makes a create repeatable across processes: a second create with the same id and URL returns the
   * existing subscription.
   */
  readonly requestId?: string
}

export interface CalypsoUpdateWebhook extends UpdateWebhook<CalypsoEvent> {
  readonly services?: readonly ServiceName[]
}

export interface CalypsoProvider extends WebhookProvider<CalypsoEvent> {
  readonly services: readonly CalypsoService[]
  create(input: CalypsoCreateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>>
  update(id: string, patch: CalypsoUpdateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>>
}

const DESCRIPTION_WARNING = 'Calypso subscriptions have no description; it was not stored'

/** Service groups are optional and may be empty (events alone can make the subscription). */
const checkServices = (services: unknown, allowUnknown: boolean): Issue[] =>
  services === undefined
    ? []
    : checkEvents(services, CALYPSO_SERVICES, {
        allowUnknown,
        allowEmpty: true,
        noun: 'service',
        hint: `known: ${CALYPSO_SERVICES.join(', ')}; set allowUnknownEvents to send others`,
      }, 'services')

export function calypso(options: CalypsoOptions): CalypsoProvider {
  if (!options?.apiKey || !options.apiSecret) throw new TypeError('calypso(): apiKey and apiSecret are required')
  const clock: Clock = options.clock ?? { now: () => Date.now() }
  const nextTimestamp = timestamps(clock)
  const apiKey = toSecret(options.apiKey)
  const apiSecret = toSecret(options.apiSecret)
  const accountPattern = options.accountPattern === undefined ? CALYPSO_ACCOUNT_PATTERN : options.accountPattern

  const transport = createTransport({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? CALYPSO_BASE_URLS.finance,
    secrets: [apiKey, apiSecret],
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    fetch: options.fetch,
    headers: options.headers,
    authenticate: (outgoing) => outgoing.headers.set(KEY_HEADER, apiKey.reveal()),
    prepare: (outgoing) => {
      if (outgoing.body !== undefined) outgoing.headers.set(SIGN_HEADER, calypsoSign(apiSecret, outgoing.body))
    },
    mapFailure: calypsoFailureMapper(clock),
  })
  const context = transport.context

  /** The body of one attempt: rebuilt each time, so each attempt carries its own timestamp. */
  const envelope = (account: string | undefined, payload?: unknown) => () => ({
    ...(account === undefined ? {} : { account }),
    timestamp: nextTimestamp(),
    ...(payload === undefined ? {} : { payload }),
  })

  const accountOf = (opts?: CallOptions) => opts?.account ?? options.account
  const checkAccount = (account: unknown): Issue[] => {
    if (typeof account !== 'string' || account.trim() === '') return [{ path: 'account', message: 'a Calypso merchant account id is required' }]
    if (accountPattern && !accountPattern.test(account)) return [{ path: 'account', message: `must match ${accountPattern.source}` }]
    return []
  }
  const checkSubscriptionId = (id: unknown) => checkId(id, SUBSCRIPTION_ID_PATTERN, 'Calypso subscription id (a UUID requestId)')

  const fetchChannels = (operation: string, account: string, opts?: CallOptions) =>
    pipe(
      transport.request({
        operation,
        method: 'POST',
        path: CALYPSO_PATHS.list,
        body: envelope(account),
        // A read sent as POST: repeating it is harmless.
        idempotent: true,
        decode: WebhookChannels,
        call: opts,
      }),
      TE.map((answer) => answer.subscriptions),
    )

  const notFound = (operation: string, id: string, account: string) =>
    webhookError('NotFound', context(operation), `Calypso has no subscription ${id} in account ${account}`, { id })

  const findChannel = (operation: string, id: string, account: string, opts?: CallOptions) =>
    pipe(
      fetchChannels(operation, account, opts),
      TE.chain((channels) => {
        const found = channels.find((c) => c.requestId === id)
        return found ? TE.right(found) : TE.left<WebhookError, WebhookChannel>(notFound(operation, id, account))
      }),
    )

  /**
   * A 016 answer to a create means the `requestId` is taken. When the taken one is a subscription to the
   * same URL in this account, it is this create's own (an earlier attempt whose answer was lost, or a
   * repeated run with the caller's id): the create has happened, exactly once.
   */
  const resolveTaken = (conflict: WebhookError, requestId: string, url: string, account: string, warnings: string[], opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<CalypsoEvent>> =>
    pipe(
      fetchChannels('create', account, opts),
      TE.mapLeft((lookup) => withNote(conflict, `looking requestId ${requestId} up failed too: ${lookup._tag}`)),
      TE.chain((channels) => {
        const taken = channels.find((c) => c.requestId === requestId)
        if (!taken) return TE.left(conflict)
        if (taken.url !== url) {
          return TE.left<WebhookError, Webhook<CalypsoEvent>>(
            webhookError('Conflict', context('create'), `the subscription ${requestId} already exists with another URL`, {
              reason: 'exists',
              providerCode: conflict.providerCode,
              status: conflict.status,
              requestId: conflict.requestId,
            }),
          )
        }
        return TE.right(toWebhook(taken, account, warnings))
      }),
    )

  const provider: CalypsoProvider = {
    specificationVersion: 'v1',
    provider: PROVIDER,
    capabilities: CALYPSO_CAPABILITIES,
    events: CALYPSO_EVENTS,
    services: CALYPSO_SERVICES,

    create(input, opts) {
      const account = accountOf(opts)
      const allowUnknown = input?.allowUnknownEvents === true
      const hasServices = Array.isArray(input?.services) && input.services.length > 0
      const issues = [
        ...checkUrl(input?.url),
        ...(Array.isArray(input?.events) && input.events.length === 0 && !hasServices
          ? [{ path: 'events', message: 'must name at least one event (or set services)' }]
          : checkEvents(input?.events, CALYPSO_EVENTS, { allowUnknown, allowEmpty: true })),
        ...checkServices(input?.services, allowUnknown),
        ...(input?.requestId === undefined ? [] : checkSubscriptionId(input.requestId).map((i) => ({ ...i, path: 'requestId' }))),
        ...(input?.secret === undefined ? [] : [{ path: 'secret', message: "Calypso generates each subscription's secret key; it cannot be chosen" }]),
        ...checkAccount(account),
      ]
      return guarded(context('create'), issues, () => async () => {
        const warnings = input.description === undefined ? [] : [DESCRIPTION_WARNING]
        // Chosen once per run and reused by every attempt: the id is what makes a retried create safe.
        const requestId = input.requestId ?? globalThis.crypto.randomUUID()
        const created = await transport.request({
          operation: 'create',
          method: 'POST',
          path: CALYPSO_PATHS.create,
          body: envelope(account, createPayload(requestId, input)),
          idempotent: true,
          decode: WebhookChannelCodec,
          call: opts,
        })()
        if (E.isRight(created)) return E.right(toWebhook(created.right, account, warnings))
        const error = created.left
        if (error._tag === 'Conflict' && error.reason === 'exists') return resolveTaken(error, requestId, input.url, account, warnings, opts)()
        if (mayHaveTakenEffect(error)) return E.left(withNote(error, `the subscription may exist: get('${requestId}') tells`))
        return E.left(error)
      })
    },

    get(id, opts) {
      const account = accountOf(opts)
      return guarded(context('get'), [...checkSubscriptionId(id), ...checkAccount(account)], () =>
        pipe(findChannel('get', id, account, opts), TE.map((c) => toWebhook(c, account))),
      )
    },

    list(query = {}, opts) {
      const ctx = context('list')
      const refused = checkListQuery(CALYPSO_CAPABILITIES, query, ctx)
      if (refused) return TE.left(refused)
      const account = accountOf(opts)
      const issues = [
        ...(query.cursor === undefined ? [] : [{ path: 'cursor', message: 'Calypso returns every subscription in one page and issues no cursors' }]),
        ...checkAccount(account),
      ]
      return guarded(ctx, issues, () =>
        pipe(
          fetchChannels('list', account, opts),
          TE.map((channels): Page<Webhook<CalypsoEvent>> => ({ items: channels.map((c) => toWebhook(c, account)) })),
        ),
      )
    },

    update(id, patch, opts) {
      const account = accountOf(opts)
      const allowUnknown = patch?.allowUnknownEvents === true
      const issues = [
        ...checkSubscriptionId(id),
        ...checkPatch(patch, CALYPSO_EVENTS, { allowEmptyEvents: true }),
        ...checkServices(patch?.services, allowUnknown),
        ...(patch?.enabled === undefined || typeof patch.enabled === 'boolean' ? [] : [{ path: 'enabled', message: 'must be a boolean' }]),
        ...checkAccount(account),
      ]
      return guarded(context('update'), issues, () => {
        const warnings = patch.description === undefined ? [] : [DESCRIPTION_WARNING]
        const payload = changePayload(id, patch)
        if (!changesSomething(payload)) return pipe(findChannel('update', id, account, opts), TE.map((c) => toWebhook(c, account, warnings)))
        return pipe(
          transport.request({
            operation: 'update',
            method: 'POST',
            path: CALYPSO_PATHS.change,
            body: envelope(account, payload),
            // Setting the same fields twice leaves the same subscription.
            idempotent: true,
            decode: MaybeChannels,
            call: opts,
          }),
          TE.chain((answered) => {
            const changed = answered.find((c) => c.requestId === id)
            // The change answer is documented only as a channel; when it is not, the list tells.
            return changed ? TE.right(changed) : findChannel('update', id, account, opts)
          }),
          TE.map((c) => toWebhook(c, account, warnings)),
        )
      })
    },

    delete(id, opts) {
      const account = accountOf(opts)
      return guarded(context('delete'), [...checkSubscriptionId(id), ...checkAccount(account)], () =>
        pipe(
          transport.request({
            operation: 'delete',
            method: 'DELETE',
            path: CALYPSO_PATHS.delete,
            body: envelope(account, { requestId: id }),
            decode: NoContent,
            call: opts,
          }),
          TE.map(() => undefined),
        ),
      )
    },

    test(_id, _opts) {
      return TE.left(unsupported(context('test'), 'test deliveries'))
    },

    /**
     * Calypso regenerates the delivery keys of every subscription of the merchant at once (the request
     * names no subscription). `id` must name a subscription of the account: it is checked first, so an
     * unknown id rotates nothing; the answer carries that subscription's new secret and every
     * subscription of the account with its new keys.
     */
    rotateSecret(id, opts) {
      const account = accountOf(opts)
      return guarded(context('rotateSecret'), [...checkSubscriptionId(id), ...checkAccount(account)], () =>
        pipe(
          findChannel('rotateSecret', id, account, opts),
          TE.chain(() =>
            transport.request({
              operation: 'rotateSecret',
              method: 'DELETE',
              path: CALYPSO_PATHS.regenerateKeys,
              // The documented body is `{timestamp}` alone: the keys belong to the merchant, not one account.
              body: envelope(undefined),
              // Regenerating again after a lost answer leaves freshly regenerated keys, which the list below reads.
              idempotent: true,
              // Documented as one WebhookChannelDTO for an operation on every subscription: not relied upon.
              decode: NoContent,
              call: opts,
            }),
          ),
          TE.chain(() =>
            pipe(
              fetchChannels('rotateSecret', account, opts),
              TE.mapLeft((error) => withNote(error, 'the keys were regenerated; list() returns the new ones')),
            ),
          ),
          TE.map((channels): SecretRotation => {
            const target = channels.find((c) => c.requestId === id)
            return {
              scope: 'account',
              webhookId: id,
              ...(target?.secretKey ? { secret: target.secretKey } : {}),
              webhooks: channels.map((c) => toWebhook(c, account)),
            }
          }),
        ),
      )
    },
  }
  return provider
}

