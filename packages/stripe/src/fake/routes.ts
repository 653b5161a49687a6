/**
 * The Stripe fake's HTTP behaviour for `/v1/webhook_endpoints`, as the OpenAPI description and
 * docs.stripe.com describe it: Bearer (or Basic) secret-key authentication, `Stripe-Version` and
 * `Stripe-Account` headers, form-encoded parameters checked against each operation's schema (unknown
 * parameters refused), the error envelope with a `Request-Id` on every answer, `resource_missing`,
 * idempotent POSTs replayed from a saved answer for 24 hours, cursor paging both ways, and the
 * endpoints-per-account limit.
 */

import type { Clock, RecordedRequest } from '@unihook/core/testing'
import { json } from '@unihook/core/testing'
import {
  ACCOUNT_ID,
  DEFAULT_PAGE_SIZE,
  HEADERS,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  MAX_PAGE_SIZE,
  MAX_TEXT_LENGTH,
  METADATA_LIMITS,
  STRIPE_API_VERSION,
  STRIPE_PATHS,
} from '../endpoints.js'
import { stripeId } from '../signing.js'
import { formDecode, type Parsed } from './form.js'
import { type EndpointStore, IDEMPOTENCY_WINDOW_MS, type SavedAnswer, type StoredEndpoint, toWire } from './store.js'

export interface RouteConfig {
  readonly apiKeys: readonly string[]
  /** Connected accounts a `Stripe-Account` header may name. */
  readonly accounts: readonly string[]
  readonly acceptAnyAccount: boolean
  readonly store: EndpointStore
  readonly clock: Clock
  readonly events: readonly string[]
  readonly apiVersions: readonly string[]
  readonly maxEndpoints: number
  readonly livemode: boolean
}

type Params = Record<string, Parsed>

/** A refusal in Stripe's envelope; `saved` when the endpoint had begun to run (its answer is kept for the idempotency key). */
class Refusal {
  constructor(
    readonly status: number,
    readonly error: { type: string; message: string; code?: string; param?: string },
    readonly saved = false,
  ) {}
}

const invalid = (message: string, param?: string, code?: string): never => {
  throw new Refusal(400, { type: 'invalid_request_error', message, ...(code ? { code } : {}), ...(param ? { param } : {}) })
}

const docUrl = (code: string) => `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`

const CREATE_PARAMS = new Set(['url', 'enabled_events', 'api_version', 'connect', 'description', 'expand', 'metadata'])
const UPDATE_PARAMS = new Set(['url', 'enabled_events', 'description', 'disabled', 'expand', 'metadata'])
const LIST_PARAMS = new Set(['limit', 'starting_after', 'ending_before', 'expand'])
const READ_PARAMS = new Set(['expand'])

function onlyKnown(params: Params, known: Set<string>): void {
  for (const name of Object.keys(params)) if (!known.has(name)) invalid(`Received unknown parameter: ${name}`, name, 'parameter_unknown')
}

const text = (value: Parsed | undefined, param: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') return invalid(`Invalid string: ${param} must be a string`, param)
  if (value.length > MAX_TEXT_LENGTH) invalid(`Invalid string: ${param} must be at most ${MAX_TEXT_LENGTH} characters`, param)
  return value
}

const bool = (value: Parsed | undefined, param: string): boolean | undefined => {
  if (value === undefined) return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  return invalid(`Invalid boolean: ${String(value)}`, param)
}

function urlOf(value: Parsed | undefined): string {
  const url = text(value, 'url')
  if (url === undefined || url === '') return invalid('Missing required param: url.', 'url', 'parameter_missing')
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return url
  } catch {
    // refused below
  }
  return invalid(`Invalid URL: ${url}. URLs must begin with http or https.`, 'url', 'url_invalid')
}

function eventsOf(value: Parsed | undefined, known: readonly string[]): string[] {
  if (value === undefined || value === '') return invalid('Missing required param: enabled_events.', 'enabled_events', 'parameter_missing')
  if (!Array.isArray(value)) return invalid('Invalid array', 'enabled_events')
  const names = value.map((name, i) => {
    if (typeof name !== 'string' || !known.includes(name)) invalid(`Invalid enabled_events[${i}]: must be one of ${known.join(', ')}`, `enabled_events[${i}]`)
    return name as string
  })
  if (names.length === 0) invalid('Missing required param: enabled_events.', 'enabled_events', 'parameter_missing')
  return [...new Set(names)]
}

/** The metadata after applying a patch: `''` unsets a key, `metadata=` unsets them all. */
function metadataOf(value: Parsed | undefined, current: Record<string, string>): Record<string, string> {
  if (value === undefined) return current
  if (value === '') return {}
  if (typeof value !== 'object' || Array.isArray(value)) return invalid('Invalid hash', 'metadata')
  const next = { ...current }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') invalid(`Invalid string: metadata[${key}] must be a string`, `metadata[${key}]`)
    if (key.length > METADATA_LIMITS.keyLength) invalid(`Metadata keys can have at most ${METADATA_LIMITS.keyLength} characters.`, `metadata[${key}]`)
    if ((v as string).length > METADATA_LIMITS.valueLength)
      invalid(`Metadata values can have at most ${METADATA_LIMITS.valueLength} characters.`, `metadata[${key}]`)
    if (v === '') delete next[key]
    else next[key] = v as string
  }
  if (Object.keys(next).length > METADATA_LIMITS.keys) invalid(`You can have at most ${METADATA_LIMITS.keys} keys in metadata.`, 'metadata')
  return next
}

const limitOf = (value: Parsed | undefined): number => {
  if (value === undefined) return DEFAULT_PAGE_SIZE
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return invalid(`Invalid integer: ${String(value)}`, 'limit')
  const limit = Number(value)
  if (limit < 1) invalid('This value must be greater than or equal to 1.', 'limit')
  if (limit > MAX_PAGE_SIZE) invalid(`This value must be less than or equal to ${MAX_PAGE_SIZE}.`, 'limit')
  return limit
}

const missing = (id: string, param = 'id'): never => {
  throw new Refusal(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such webhook endpoint: '${id}'`, param }, true)
}

function authorized(request: RecordedRequest, keys: readonly string[]): void {
  const header = request.headers.get('authorization') ?? ''
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]
  const basic = /^Basic\s+(.+)$/i.exec(header)?.[1]
  const key = bearer ?? (basic ? atob(basic).replace(/:.*$/, '') : undefined)
  if (!key) {
    throw new Refusal(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    })
  }
  if (!keys.includes(key)) {
    throw new Refusal(401, {
      type: 'invalid_request_error',
      code: 'api_key_invalid',
      message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
    })
  }
}

export function createRoutes(config: RouteConfig) {
  const { store, clock } = config
  const saved = new Map<string, SavedAnswer>()
  const seconds = () => Math.floor(clock.now() / 1000)

  const accountOf = (request: RecordedRequest): string => {
    const account = request.headers.get(HEADERS.account)
    if (account === null) return ''
    if (!ACCOUNT_ID.test(account) || (!config.acceptAnyAccount && !config.accounts.includes(account))) {
      throw new Refusal(403, {
        type: 'invalid_request_error',
        code: 'account_invalid',
        message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
      })
    }
    return account
  }

  const versionOf = (request: RecordedRequest): string => {
    const version = request.headers.get(HEADERS.version)
    if (version === null) return STRIPE_API_VERSION
    if (!config.apiVersions.includes(version)) invalid(`Invalid Stripe API version: ${version}`)
    return version
  }

  function create(params: Params, account: string): Response | unknown {
    onlyKnown(params, CREATE_PARAMS)
    const url = urlOf(params.url)
    const enabledEvents = eventsOf(params.enabled_events, config.events)
    const description = text(params.description, 'description')
    const metadata = metadataOf(params.metadata, {})
    const apiVersion = text(params.api_version, 'api_version')
    if (apiVersion !== undefined && !config.apiVersions.includes(apiVersion)) invalid(`Invalid api_version: ${apiVersion}`, 'api_version')
    const connect = bool(params.connect, 'connect') ?? false
    if (store.count(account) >= config.maxEndpoints) {
      throw new Refusal(
        400,
        {
          type: 'invalid_request_error',
          message: `You have reached the maximum of ${config.maxEndpoints} ${config.livemode ? 'live' : 'test'} webhook endpoints on this account.`,
        },
        true,
      )
    }
    const endpoint: StoredEndpoint = {
      id: stripeId('we'),
      account,
      url,
      enabledEvents,
      description: description || null,
      metadata,
      apiVersion: apiVersion ?? null,
      connect,
      status: 'enabled',
      // `whsec_` and 32 letters or digits, the form of the secrets Stripe shows.
      secret: stripeId('whsec', 32),
      created: seconds(),
      livemode: config.livemode,
    }
    store.add(endpoint)
    return toWire(endpoint, true)
  }

  function update(id: string, params: Params, account: string): unknown {
    onlyKnown(params, UPDATE_PARAMS)
    const endpoint = store.find(account, id) ?? missing(id)
    const url = params.url === undefined ? endpoint.url : urlOf(params.url)
    const enabledEvents = params.enabled_events === undefined ? endpoint.enabledEvents : eventsOf(params.enabled_events, config.events)
    const description = text(params.description, 'description')
    const metadata = metadataOf(params.metadata, endpoint.metadata)
    const disabled = bool(params.disabled, 'disabled')
    endpoint.url = url
    endpoint.enabledEvents = enabledEvents
    if (description !== undefined) endpoint.description = description || null
    endpoint.metadata = metadata
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled'
    return toWire(endpoint)
  }

  /** Newest first; `starting_after` pages on to older endpoints, `ending_before` back to newer ones. */
  function list(params: Params, account: string): unknown {
    onlyKnown(params, LIST_PARAMS)
    const limit = limitOf(params.limit)
    const after = text(params.starting_after, 'starting_after')
    const before = text(params.ending_before, 'ending_before')
    if (after !== undefined && before !== undefined) invalid('You may only specify one of these parameters: ending_before, starting_after.')
    const newestFirst = store.all(account).reverse()
    const indexOf = (id: string, param: string) => {
      const at = newestFirst.findIndex((e) => e.id === id)
      return at === -1 ? invalid(`No such webhook endpoint: '${id}'`, param, 'resource_missing') : at
    }
    let data: StoredEndpoint[]
    let hasMore: boolean
    if (before !== undefined) {
      const end = indexOf(before, 'ending_before')
      const start = Math.max(0, end - limit)
      data = newestFirst.slice(start, end)
      hasMore = start > 0
    } else {
      const start = after === undefined ? 0 : indexOf(after, 'starting_after') + 1
      data = newestFirst.slice(start, start + limit)
      hasMore = start + limit < newestFirst.length
    }
    return { object: 'list', data: data.map((e) => toWire(e)), has_more: hasMore, url: STRIPE_PATHS.collection }
  }

  function remove(id: string, params: Params, account: string): unknown {
    onlyKnown(params, new Set())
    const endpoint = store.find(account, id) ?? missing(id)
    store.remove(endpoint)
    return { id, object: 'webhook_endpoint', deleted: true }
  }

  function paramsOf(request: RecordedRequest): Params {
    try {
      if (request.method !== 'POST') return formDecode(request.url.search.slice(1))
      const type = request.headers.get('content-type') ?? ''
      if (request.body !== '' && !/^application\/x-www-form-urlencoded\b/i.test(type)) {
        return invalid(`Invalid request: unsupported Content-Type ${type || '(none)'}. Stripe takes application/x-www-form-urlencoded bodies.`)
      }
      return { ...formDecode(request.url.search.slice(1)), ...formDecode(request.body) }
    } catch (error) {
      if (error instanceof Refusal) throw error
      return invalid(error instanceof Error ? error.message : 'Invalid request')
    }
  }

  function run(request: RecordedRequest, account: string): unknown {
    const { method, path } = request
    const params = paramsOf(request)
    if (path === STRIPE_PATHS.collection) {
      if (method === 'GET') return list(params, account)
      if (method === 'POST') return create(params, account)
    } else if (path.startsWith(`${STRIPE_PATHS.collection}/`)) {
      const id = decodeURIComponent(path.slice(STRIPE_PATHS.collection.length + 1))
      if (method === 'GET') {
        onlyKnown(params, READ_PARAMS)
        return toWire(store.find(account, id) ?? missing(id))
      }
      if (method === 'POST') return update(id, params, account)
      if (method === 'DELETE') return remove(id, params, account)
    }
    throw new Refusal(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` })
  }

  /** The saved answer for this key, or the refusal of a key reused with other parameters. */
  function replayOf(key: string, fingerprint: string): SavedAnswer | undefined {
    const found = saved.get(key)
    if (!found) return undefined
    if (clock.now() - found.at > IDEMPOTENCY_WINDOW_MS) {
      saved.delete(key)
      return undefined
    }
    if (found.fingerprint !== fingerprint) {
      throw new Refusal(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      })
    }
    return found
  }

  return function route(request: RecordedRequest): Response {
    const requestId = stripeId('req', 14)
    let version = STRIPE_API_VERSION
    const answer = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      json(status, body, { [HEADERS.requestId]: requestId, 'stripe-version': version, ...extra })
    const envelope = (refusal: Refusal) =>
      answer(refusal.status, {
        error: {
          ...(refusal.error.code ? { doc_url: docUrl(refusal.error.code) } : {}),
          ...refusal.error,
          request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
        },
      })
    let idempotency: { key: string; slot: string; fingerprint: string } | undefined
    try {
      authorized(request, config.apiKeys)
      version = versionOf(request)
      const account = accountOf(request)
      const key = request.method === 'POST' ? request.headers.get(HEADERS.idempotencyKey) : null
      if (key !== null) {
        if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) invalid(`Idempotency key is too long: at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`)
        idempotency = { key, slot: `${account}\u0000${key}`, fingerprint: `${request.method} ${request.path}\u0000${request.body}` }
        const replay = replayOf(idempotency.slot, idempotency.fingerprint)
        if (replay) return answer(replay.status, replay.body, { [HEADERS.replayed]: 'true', 'original-request': replay.requestId })
      }
      const body = run(request, account)
      if (idempotency) saved.set(idempotency.slot, { fingerprint: idempotency.fingerprint, status: 200, body, requestId, at: clock.now() })
      return answer(200, body)
    } catch (error) {
      if (!(error instanceof Refusal)) {
        return answer(500, { error: { type: 'api_error', message: 'An unknown error occurred' } }, { [HEADERS.shouldRetry]: 'true' })
      }
      if (idempotency && error.saved) {
        const { status, error: body } = error
        saved.set(idempotency.slot, { fingerprint: idempotency.fingerprint, status, body: { error: body }, requestId, at: clock.now() })
      }
      return envelope(error)
    }
  }
}
