/**
 * `razorpay(options)`: Razorpay's partner sub-merchant webhooks (`/v2/accounts/{account_id}/webhooks`)
 * behind the provider spec. Authenticates with the partner's key id and secret (HTTP Basic) and acts for
 * one sub-merchant account, set on the adapter and overridable per call.
 */

import {
  type CallOptions,
  type Capabilities,
  checkEvents,
  checkPatch,
  checkId,
  checkListQuery,
  checkUrl,
  type CreateWebhook,
  createTransport,
  type ErrorContext,
  guarded,
  type Issue,
  isSecret,
  localValidation,
  type Page,
  redactDeep,
  revealSecret,
  sameEvents,
  type Secret,
  type SecretRotation,
  toSecret,
  type TransportSettings,
  type UpdateWebhook,
  mayHaveTakenEffect,
  unsupported,
  type Webhook,
  type WebhookError,
  type WebhookProvider,
  withNote,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type WireCreateBody, WireCollection, WireDeleted, type WirePatchBody, WireWebhook } from './codecs.js'
import { mapRazorpayFailure } from './errors.js'
import { RAZORPAY_EVENTS, type RazorpayEvent } from './events.js'
import { ACCOUNT_ID, MAX_PAGE_SIZE, MAX_URL_LENGTH, MAX_WEBHOOKS_PER_ACCOUNT, WEBHOOK_ID } from './ids.js'
import { listParams, listPosition, nextCursor, PROVIDER, toWebhook } from './mapping.js'
import { generateWebhookSecret } from './secrets.js'

export const DEFAULT_BASE_URL = 'https://api.razorpay.com'

export interface RazorpayOptions extends TransportSettings {
  /** The partner's key id (`rzp_live_…` / `rzp_test_…`). */
  readonly keyId: string
  /** The partner's key secret. */
  readonly keySecret: string | Secret
  /** The sub-merchant account (`acc_` + 14 characters) to act for; each call may name another. */
  readonly account?: string
  /** Default `https://api.razorpay.com`. */
  readonly baseUrl?: string
  /**
   * Make a secret for every create that gives none, send it, and return it once in `webhook.secret`
   * (default `true`). With `false`, such webhooks have no secret and their deliveries cannot be verified.
   */
  readonly generateSecrets?: boolean
  /** `alert_email` for creates that do not name one. */
  readonly alertEmail?: string
  /**
   * Send `active` on PATCH to honour `UpdateWebhook.enabled`. The v2 docs do not list it (the SDK typing
   * does), so it is off by default and `enabled` answers `Unsupported`.
   */
  readonly writableActive?: boolean
}

export interface RazorpayCreateWebhook extends CreateWebhook<RazorpayEvent> {
  /** Where Razorpay writes when deliveries keep failing. */
  readonly alertEmail?: string
  /** Overrides the adapter's `generateSecrets` for this call. */
  readonly generateSecret?: boolean
}

export interface RazorpayUpdateWebhook extends UpdateWebhook<RazorpayEvent> {
  readonly alertEmail?: string
}

export interface RazorpayRotateOptions extends CallOptions {
  /** The new secret; generated when absent. Passing one makes a failed rotation safe to repeat as is. */
  readonly secret?: string | Secret
}

export interface RazorpayProvider extends WebhookProvider<RazorpayEvent> {
  create(input: RazorpayCreateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>>
  update(id: string, patch: RazorpayUpdateWebhook, opts?: CallOptions): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>>
  rotateSecret(id: string, opts?: RazorpayRotateOptions): TE.TaskEither<WebhookError, SecretRotation>
}

export const RAZORPAY_CAPABILITIES: Capabilities = {
  operations: {
    create: 'native',
    get: 'native',
    list: 'native',
    update: 'native',
    delete: 'native',
    test: 'absent',
    // A PATCH of `secret`, preceded by a GET because PATCH needs `url` and `events`.
    rotateSecret: 'emulated',
  },
  pagination: { style: 'offset', defaultPageSize: 10, maxPageSize: MAX_PAGE_SIZE },
  maxWebhooks: MAX_WEBHOOKS_PER_ACCOUNT,
  eventFiltering: true,
  listFilters: ['createdAfter', 'createdBefore'],
  writableFields: { description: false, enabled: false },
  secret: { owner: 'caller', readable: false, rotation: 'webhook' },
  signature: { scheme: 'hmac-sha256-hex', headers: ['x-razorpay-signature'] },
  account: { scope: 'path', required: true },
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/
const URL_RULES = { maxLength: MAX_URL_LENGTH }
/** How far apart the client's and Razorpay's clocks may be when a lost create is looked up. */
const LOOKUP_WINDOW_S = 300

const isHttpUrl = (value: unknown): boolean => {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}


/**
 * An answer that may have been lost after Razorpay acted on the request, and is worth a look-up: not a
 * 5xx (Razorpay's own refusal, per its error docs), and not the caller's abort (a wish to stop, not to
 * send more requests).
 */
const ambiguous = (error: WebhookError) =>
  mayHaveTakenEffect(error) && error._tag !== 'ProviderError' && !(error._tag === 'NetworkError' && error.aborted)

export function razorpay(options: RazorpayOptions): RazorpayProvider {
  if (typeof options?.keyId !== 'string' || options.keyId.trim() === '') throw new TypeError('razorpay(): keyId is required')
  const keySecret = options.keySecret === undefined ? '' : revealSecret(options.keySecret)
  if (typeof keySecret !== 'string' || keySecret.trim() === '') throw new TypeError('razorpay(): keySecret is required')
  if (options.account !== undefined && !ACCOUNT_ID.test(options.account)) {
    throw new TypeError('razorpay(): account must be acc_ followed by 14 letters or digits')
  }
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL
  // Checked here, since a malformed one would otherwise throw out of every call. Not quoted: it may hold credentials.
  if (!isHttpUrl(baseUrl)) {
    throw new TypeError('razorpay(): baseUrl must be an absolute http(s) URL')
  }

  const token = Buffer.from(`${options.keyId}:${keySecret}`, 'utf8').toString('base64')
  const transport = createTransport({
    provider: PROVIDER,
    baseUrl,
    secrets: [keySecret, token],
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    fetch: options.fetch,
    headers: options.headers,
    authenticate: (request) => request.headers.set('authorization', `Basic ${token}`),
    mapFailure: mapRazorpayFailure,
  })
  const generateByDefault = options.generateSecrets ?? true
  const writableActive = options.writableActive === true
  const capabilities: Capabilities = writableActive
    ? { ...RAZORPAY_CAPABILITIES, writableFields: { description: false, enabled: true } }
    : RAZORPAY_CAPABILITIES

  const accountOf = (opts?: CallOptions): { account: string; issues: Issue[] } => {
    const account = opts?.account ?? options.account
    if (account === undefined || account === '') {
      return { account: '', issues: [{ path: 'account', message: 'a sub-merchant account (acc_…) is required: set it on the adapter or in the call options' }] }
    }
    return { account, issues: ACCOUNT_ID.test(account) ? [] : [{ path: 'account', message: 'must be acc_ followed by 14 letters or digits' }] }
  }
  const idIssues = (id: unknown) => checkId(id, WEBHOOK_ID, 'Razorpay webhook id (14 letters or digits)')
  const emailIssues = (email: unknown, path = 'alertEmail'): Issue[] =>
    email === undefined || (typeof email === 'string' && email.split(',').every((part) => EMAIL.test(part.trim())))
      ? []
      : [{ path, message: 'must be an email address' }]
  const secretIssues = (value: unknown, path: string): Issue[] =>
    value === undefined || ((typeof value === 'string' || isSecret(value)) && revealSecret(value).trim() !== '')
      ? []
      : [{ path, message: 'must be a non-empty string or Secret' }]

  const collectionPath = (account: string) => `/v2/accounts/${encodeURIComponent(account)}/webhooks`
  const webhookPath = (account: string, id: string) => `${collectionPath(account)}/${encodeURIComponent(id)}`

  /** Errors are built with the transport's secrets; a webhook secret sent in this call is scrubbed too. */
  const scrub = (value: Secret | undefined) => (error: WebhookError): WebhookError =>
    value ? (Object.freeze(redactDeep(error, [value])) as WebhookError) : error

  const fetchWire = (account: string, id: string, operation: string, call?: CallOptions) =>
    transport.request({ operation, method: 'GET', path: webhookPath(account, id), decode: WireWebhook, call })

  const patchWire = (account: string, id: string, operation: string, body: () => WirePatchBody, call?: CallOptions) =>
    transport.request({
      operation,
      method: 'PATCH',
      path: webhookPath(account, id),
      body,
      // The body states `url` and `events` (and the secret) in full, so sending it twice sets the same state.
      idempotent: true,
      decode: WireWebhook,
      call,
    })

  /**
   * A create whose answer was lost (connection dropped, timeout, unreadable 2xx body) may or may not have
   * happened, and creates are never retried blindly. Look the webhook up by URL and events instead.
   */
  const recoverCreate = (
    error: WebhookError,
    account: string,
    body: WireCreateBody,
    startedAt: number,
    value: Secret | undefined,
    warnings: string[],
    call?: CallOptions,
  ): TE.TaskEither<WebhookError, Webhook<RazorpayEvent>> => async () => {
    const since = Math.floor(startedAt / 1000) - LOOKUP_WINDOW_S
    const lookup = await transport.request({
      operation: 'create',
      method: 'GET',
      path: collectionPath(account),
      query: { count: MAX_PAGE_SIZE, from: since },
      decode: WireCollection,
      call,
    })()
    if (E.isLeft(lookup)) {
      return E.left(withNote(error, `Whether the webhook was created is unknown: looking it up failed too (${lookup.left._tag}). List the account's webhooks before creating it again.`))
    }
    const found = lookup.right.items.filter((w) => w.url === body.url && sameEvents(w.events, body.events))
    const [only] = found
    if (found.length === 1 && only) {
      const note = `The answer to create was lost (${error._tag}); the webhook was found afterwards by its URL and events.`
      return E.right(toWebhook(only, { account, secret: value, warnings: [...warnings, note] }))
    }
    if (found.length === 0) return E.left(withNote(error, 'No webhook with this URL and events exists afterwards: none was created.'))
    return E.left(withNote(error, `${found.length} webhooks with this URL and events were created in the last minutes; check which one is yours before creating it again.`))
  }

  const provider: RazorpayProvider = {
    specificationVersion: 'v1',
    provider: PROVIDER,
    capabilities,
    events: RAZORPAY_EVENTS,

    create(input, opts) {
      const ctx = transport.context('create')
      const { account, issues: accountIssues } = accountOf(opts)
      const alertEmail = input?.alertEmail ?? options.alertEmail
      const issues = [
        ...accountIssues,
        ...checkUrl(input?.url, URL_RULES),
        ...checkEvents(input?.events, RAZORPAY_EVENTS, { allowUnknown: input?.allowUnknownEvents === true }),
        ...emailIssues(alertEmail),
        ...secretIssues(input?.secret, 'secret'),
      ]
      return guarded(ctx, issues, () => {
        const value = input.secret !== undefined ? toSecret(input.secret) : (input.generateSecret ?? generateByDefault) ? generateWebhookSecret() : undefined
        const warnings = input.description === undefined ? [] : ['Razorpay webhooks have no description; it was not stored']
        const body: WireCreateBody = {
          url: input.url,
          events: [...input.events],
          ...(alertEmail === undefined ? {} : { alert_email: alertEmail }),
          ...(value === undefined ? {} : { secret: value.reveal() }),
        }
        const startedAt = Date.now()
        return pipe(
          transport.request({ operation: 'create', method: 'POST', path: collectionPath(account), body, decode: WireWebhook, call: opts }),
          TE.map((wire) => toWebhook(wire, { account, secret: value, warnings })),
          TE.orElse((error) => (ambiguous(error) ? recoverCreate(error, account, body, startedAt, value, warnings, opts) : TE.left(error))),
          TE.mapLeft(scrub(value)),
        )
      })
    },

    get(id, opts) {
      const ctx = transport.context('get')
      const { account, issues } = accountOf(opts)
      return guarded(ctx, [...issues, ...idIssues(id)], () =>
        pipe(fetchWire(account, id, 'get', opts), TE.map((wire) => toWebhook(wire, { account }))),
      )
    },

    list(query = {}, opts) {
      const ctx = transport.context('list')
      const refused = checkListQuery(capabilities, query, ctx)
      if (refused) return TE.left(refused)
      const { account, issues } = accountOf(opts)
      const position = listPosition(query)
      if (!position.ok) return TE.left(localValidation(ctx, [...issues, { path: 'cursor', message: position.message }]))
      return guarded(ctx, issues, () =>
        pipe(
          transport.request({
            operation: 'list',
            method: 'GET',
            path: collectionPath(account),
            query: listParams(position.position, query.pageSize),
            decode: WireCollection,
            call: opts,
          }),
          TE.map((collection): Page<Webhook<RazorpayEvent>> => {
            const items = collection.items.map((wire) => toWebhook(wire, { account }))
            const cursor = nextCursor(collection, position.position, query.pageSize)
            return cursor === undefined ? { items } : { items, nextCursor: cursor }
          }),
        ),
      )
    },

    update(id, patch, opts) {
      const ctx = transport.context('update')
      const { account, issues: accountIssues } = accountOf(opts)
      if (patch?.enabled !== undefined && !writableActive) {
        return TE.left(unsupported(ctx, 'enabling or disabling a webhook through its v2 API (set writableActive to send `active` anyway)'))
      }
      const writes = patch !== undefined && (patch.url !== undefined || patch.events !== undefined || patch.alertEmail !== undefined || patch.enabled !== undefined)
      const issues = [
        ...accountIssues,
        ...idIssues(id),
        ...checkPatch(patch, RAZORPAY_EVENTS, { url: (url) => checkUrl(url, URL_RULES) }),
        ...emailIssues(patch?.alertEmail),
        ...(writes || patch?.description !== undefined ? [] : [{ path: '', message: 'the patch changes nothing' }]),
      ]
      return guarded(ctx, issues, () => {
        const warnings = patch.description === undefined ? [] : ['Razorpay webhooks have no description; it was not stored']
        if (!writes) return pipe(fetchWire(account, id, 'update', opts), TE.map((wire) => toWebhook(wire, { account, warnings })))
        // The docs mark `url` and `events` mandatory on PATCH: fill what the patch lacks from the webhook.
        const { url, events } = patch
        const current: TE.TaskEither<WebhookError, { url: string; events: readonly string[] }> =
          url !== undefined && events !== undefined ? TE.right({ url, events }) : fetchWire(account, id, 'update', opts)
        return pipe(
          current,
          TE.chain((now) =>
            pipe(
              patchWire(account, id, 'update', () => ({
                url: url ?? now.url,
                events: [...(events ?? now.events)],
                ...(patch.alertEmail === undefined ? {} : { alert_email: patch.alertEmail }),
                ...(patch.enabled === undefined ? {} : { active: patch.enabled }),
              }), opts),
              TE.mapLeft((error) => (ambiguous(error) ? withNote(error, 'The update may or may not have been applied; repeating it is safe.') : error)),
            ),
          ),
          TE.map((wire) => toWebhook(wire, { account, warnings })),
        )
      })
    },

    delete(id, opts) {
      const ctx = transport.context('delete')
      const { account, issues } = accountOf(opts)
      return guarded(ctx, [...issues, ...idIssues(id)], () =>
        pipe(
          transport.request({ operation: 'delete', method: 'DELETE', path: webhookPath(account, id), decode: WireDeleted, call: opts }),
          TE.map(() => undefined),
          // Razorpay answers `[]`, and its docs print `{ [] }`: any body that came with a 2xx is a deletion.
          TE.orElse((error) =>
            error._tag === 'DecodeError' && error.status !== undefined && error.status >= 200 && error.status < 300 ? TE.right(undefined) : TE.left(error),
          ),
        ),
      )
    },

    test(_id, _opts) {
      return TE.left(unsupported(transport.context('test'), 'test deliveries (Razorpay has no ping endpoint)'))
    },

    rotateSecret(id, opts) {
      const ctx: ErrorContext = transport.context('rotateSecret')
      const { account, issues } = accountOf(opts)
      return guarded(ctx, [...issues, ...idIssues(id), ...secretIssues(opts?.secret, 'secret')], () => {
        const value = opts?.secret === undefined ? generateWebhookSecret() : toSecret(opts.secret)
        return pipe(
          fetchWire(account, id, 'rotateSecret', opts),
          TE.chain((now) =>
            pipe(
              patchWire(account, id, 'rotateSecret', () => ({ url: now.url, events: [...now.events], secret: value.reveal() }), opts),
              TE.mapLeft((error) =>
                ambiguous(error)
                  ? withNote(error, 'The secret may or may not have changed: rotate again, or repeat with the same `secret` option, to know which secret is set.')
                  : error,
              ),
            ),
          ),
          TE.map((wire): SecretRotation => ({ scope: 'webhook', webhookId: id, secret: value, webhooks: [toWebhook(wire, { account, secret: value })] })),
          TE.mapLeft(scrub(value)),
        )
      })
    },
  }
  return provider
}
