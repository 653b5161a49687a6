/**
 * A reference adapter for an imaginary provider, "acme", built only from core's machinery. It proves the
 * contract suite and the transport over HTTP before (and independently of) the real adapters, and shows
 * a third party how small an adapter is. Acme signs requests (HMAC over `timestamp.body`, like Calypso)
 * so the re-signing check has something to check.
 *
 * It has the shape of every adapter package (docs/adding-a-provider.md) in one file: a client, a context
 * `{ client, settings }`, one small function per operation, and `acme()` wiring them. Acme has no
 * accounts, no create recovery (a create is never retried), and its cursor is the last id seen.
 */

import {
  anything,
  array,
  type Capabilities,
  checkEvents,
  checkId,
  checkListQuery,
  checkPatch,
  checkUrl,
  createTransport,
  decodeCursor,
  encodeCursor,
  failureByStatus,
  guarded,
  hmacHex,
  makeWebhook,
  optional,
  type Secret,
  secret,
  struct,
  type Transport,
  type TransportSettings,
  unsupported,
  type Webhook,
  type WebhookProvider,
  webhookError,
  DateFromUnixSeconds,
  dateFromUnixSeconds,
  defineVerifier,
  eventPrototype,
  hmacKeys,
  matchHmacHex,
  type NormalizedEvent,
  normalizedEvent,
  readHeader,
  refuse,
  secretList,
  signatureHeader,
  type Verifier,
} from '@unihook/core'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import * as D from 'io-ts/Decoder'
import type { CallOptions, CreateWebhook, Issue, ListQuery, UpdateWebhook } from '@unihook/core'

export const ACME_EVENTS = ['invoice.paid', 'invoice.failed', 'payout.sent'] as const
export type AcmeEvent = (typeof ACME_EVENTS)[number]
export const ACME_ID = /^wh_[0-9a-f]{16}$/

export const acmeCapabilities: Capabilities = {
  operations: { create: 'native', get: 'native', list: 'native', update: 'native', delete: 'native', test: 'absent', rotateSecret: 'native' },
  pagination: { style: 'cursor', defaultPageSize: 10, maxPageSize: 25 },
  maxWebhooks: 12,
  eventFiltering: true,
  listFilters: ['url'],
  writableFields: { description: true, enabled: true },
  secret: { owner: 'provider', readable: false, rotation: 'webhook' },
  signature: { scheme: 'hmac-sha256-hex', headers: ['acme-signature'] },
  account: { scope: 'none', required: false },
  concurrency: { readModifyWrite: [] },
}

const AcmeHook = struct({
  id: D.string,
  url: D.string,
  events: array(D.string),
  enabled: D.boolean,
  description: optional(D.string),
  created: DateFromUnixSeconds,
})
type AcmeHook = D.TypeOf<typeof AcmeHook>
const AcmeList = struct({ data: array(AcmeHook), has_more: D.boolean })
const AcmeSecret = struct({ secret: D.string })

const AcmeErrorBody = struct({ error: struct({ type: D.string, message: D.string, request_id: optional(D.string) }) })

export interface AcmeOptions extends TransportSettings {
  readonly apiKey: string | Secret
  readonly signingKey: string | Secret
  readonly baseUrl: string
  readonly now?: () => number
}

export function signAcme(key: string | Secret, timestamp: string, body: string): string {
  return hmacHex('sha256', key, `${timestamp}.${body}`)
}

/** The headers of a delivery: `acme-webhook-signature`, hex HMAC-SHA256 of `timestamp.body` with the webhook's secret. */
export function signAcmeDelivery(secret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000))
  return { 'content-type': 'application/json', 'acme-webhook-timestamp': timestamp, 'acme-webhook-signature': signAcme(secret, timestamp, body) }
}

// client: the transport with bearer auth, request signing and the error envelope.
function createAcmeClient(options: AcmeOptions) {
  // Refused when the adapter is made: no call could use an empty credential.
  if (!options.apiKey || !options.signingKey) throw new TypeError('acme(): apiKey and signingKey are required')
  const apiKey = typeof options.apiKey === 'string' ? secret(options.apiKey) : options.apiKey
  const signingKey = typeof options.signingKey === 'string' ? secret(options.signingKey) : options.signingKey
  const now = options.now ?? Date.now
  return createTransport({
    ...options,
    provider: 'acme',
    secrets: [apiKey, signingKey],
    authenticate: (req) => req.headers.set('authorization', `Bearer ${apiKey.reveal()}`),
    prepare: (req) => {
      const timestamp = String(now())
      req.headers.set('acme-timestamp', timestamp)
      req.headers.set('acme-signature', signAcme(signingKey, timestamp, req.body ?? ''))
    },
    mapFailure: (failure, ctx) => {
      const body = AcmeErrorBody.decode(failure.body)
      const info = body._tag === 'Right' ? body.right.error : undefined
      const message = info?.message ?? `HTTP ${failure.status}`
      const extra = { requestId: info?.request_id, providerCode: info?.type }
      if (info?.type === 'limit_reached') {
        return webhookError('Conflict', ctx, message, { ...extra, status: failure.status, reason: 'limit', details: failure.body })
      }
      return failureByStatus(failure, ctx, message, extra)
    },
  })
}

// context: what every operation is given. Acme has no settings beyond the client's.
interface AcmeContext {
  readonly client: Transport
}

// mapping and validation
const toWebhook = (w: AcmeHook): Webhook<AcmeEvent> =>
  makeWebhook<AcmeEvent>({
    provider: 'acme',
    id: w.id,
    url: w.url,
    events: w.events,
    status: w.enabled ? 'active' : 'disabled',
    createdAt: w.created,
    description: w.description,
    secret: { kind: 'present' },
    raw: w,
  })

const idIssues = (id: string) => checkId(id, ACME_ID, 'acme webhook id (wh_ + 16 hex)')

// pagination: the cursor holds the last id of the page.
const readCursor = (cursor: string | undefined) => {
  const after = cursor === undefined ? undefined : decodeCursor(cursor)?.after
  return typeof after === 'string' ? after : undefined
}

/** Everything `create` refuses before any request: exported, so that tools (the CLI's `plan`) refuse it too. */
export function checkCreateInput(input: unknown): Issue[] {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  return [...checkUrl(given.url), ...checkEvents(given.events, ACME_EVENTS, { allowUnknown: given.allowUnknownEvents === true })]
}

// operations
const createWebhook = ({ client }: AcmeContext, input: CreateWebhook<AcmeEvent>, call?: CallOptions) =>
  guarded(client.context('create'), checkCreateInput(input), () =>
    pipe(
      client.request({
        operation: 'create',
        method: 'POST',
        path: '/v1/hooks',
        body: { url: input.url, events: input.events, description: input.description },
        decode: AcmeHook,
        call,
      }),
      TE.map(toWebhook),
    ),
  )

const getWebhook = ({ client }: AcmeContext, id: string, call?: CallOptions) =>
  guarded(client.context('get'), idIssues(id), () =>
    pipe(client.request({ operation: 'get', method: 'GET', path: `/v1/hooks/${id}`, decode: AcmeHook, call }), TE.map(toWebhook)),
  )

function listWebhooks({ client }: AcmeContext, query: ListQuery = {}, call?: CallOptions) {
  const refused = checkListQuery(acmeCapabilities, query, client.context('list'))
  if (refused) return TE.left(refused)
  return pipe(
    client.request({
      operation: 'list',
      method: 'GET',
      path: '/v1/hooks',
      query: { limit: query.pageSize, url: query.url, starting_after: readCursor(query.cursor) },
      decode: AcmeList,
      call,
    }),
    TE.map((page) => {
      const items = page.data.map(toWebhook)
      const last = items[items.length - 1]
      return page.has_more && last ? { items, nextCursor: encodeCursor({ after: last.id }) } : { items }
    }),
  )
}

const updateWebhook = ({ client }: AcmeContext, id: string, patch: UpdateWebhook<AcmeEvent>, call?: CallOptions) =>
  guarded(client.context('update'), [...idIssues(id), ...checkPatch(patch, ACME_EVENTS)], () =>
    pipe(
      client.request({ operation: 'update', method: 'PATCH', path: `/v1/hooks/${id}`, body: patch, idempotent: true, decode: AcmeHook, call }),
      TE.map(toWebhook),
    ),
  )

const deleteWebhook = ({ client }: AcmeContext, id: string, call?: CallOptions) =>
  guarded(client.context('delete'), idIssues(id), () =>
    pipe(
      client.request({ operation: 'delete', method: 'DELETE', path: `/v1/hooks/${id}`, decode: anything, call }),
      TE.map(() => undefined),
    ),
  )

const rotateSecret = ({ client }: AcmeContext, id: string, call?: CallOptions) =>
  guarded(client.context('rotateSecret'), idIssues(id), () =>
    pipe(
      client.request({ operation: 'rotateSecret', method: 'POST', path: `/v1/hooks/${id}/secret`, decode: AcmeSecret, call }),
      TE.map((r) => ({ scope: 'webhook' as const, webhookId: id, secret: secret(r.secret) })),
    ),
  )

// adapter: settings in, operations wired to the context.
export function acme(options: AcmeOptions): WebhookProvider<AcmeEvent> {
  const ctx: AcmeContext = { client: createAcmeClient(options) }
  return {
    specificationVersion: 'v1',
    provider: 'acme',
    capabilities: acmeCapabilities,
    events: ACME_EVENTS,
    create: (input, call) => createWebhook(ctx, input, call),
    get: (id, call) => getWebhook(ctx, id, call),
    list: (query, call) => listWebhooks(ctx, query, call),
    update: (id, patch, call) => updateWebhook(ctx, id, patch, call),
    delete: (id, call) => deleteWebhook(ctx, id, call),
    // Acme has no test deliveries.
    test: () => TE.left(unsupported(ctx.client.context('test'), 'test deliveries')),
    rotateSecret: (id, call) => rotateSecret(ctx, id, call),
  }
}

// receiving: deliveries carry `acme-webhook-signature`, hex HMAC-SHA256 of `timestamp.body` with the webhook's secret.
const ACME_EVENT = eventPrototype((raw: { readonly created?: unknown }) => dateFromUnixSeconds(raw.created))

export function acmeVerifier(options: { readonly secrets: readonly string[] }): Verifier<'acme'> {
  const keys = hmacKeys('sha256', secretList('acmeVerifier(): secrets', options.secrets))
  return defineVerifier({
    provider: 'acme',
    signatureHeaders: ['acme-webhook-signature'],
    checkSignature: (body, headers) =>
      matchHmacHex({
        algorithm: 'sha256',
        signature: signatureHeader(headers, 'acme-webhook-signature'),
        body: `${readHeader(headers, 'acme-webhook-timestamp') ?? ''}.${typeof body === 'string' ? body : new TextDecoder().decode(body)}`,
        secrets: keys,
        header: 'acme-webhook-signature',
      }),
    toEvent: (payload) => {
      if (typeof payload.type !== 'string' || typeof payload.id !== 'string') refuse('payload_not_json', 'the payload is not an acme event')
      return normalizedEvent<NormalizedEvent<string, unknown, { readonly created?: unknown }, 'acme'>>(
        { provider: 'acme', id: payload.id, type: payload.type, data: payload.data, raw: payload },
        ACME_EVENT,
      )
    },
  })
}
