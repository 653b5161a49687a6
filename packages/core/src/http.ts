/**
 * The HTTP transport every adapter configures instead of writing its own. Each attempt is one ky call
 * (an instance created once per adapter); this module runs the attempts: it decides what is safe to
 * retry and how long to wait (backoff with jitter, or the server's `Retry-After`), re-signs every
 * attempt, decodes the response once and maps every failure onto the error vocabulary.
 */

import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type * as D from 'io-ts/Decoder'
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky'
import { decodeWith, parseJsonBody } from './decode.js'
import { decodeFailure, type ErrorContext, type Issue, localValidation, type Operation, type WebhookError, webhookError } from './errors.js'
import { type HttpFailure, serverWaitMs } from './http-failure.js'
import type { AlreadyDeleted, CallOptions } from './model.js'
import type { RateBudget } from './rate-budget.js'
import { redactUrl, type Secret } from './secret.js'

/** The HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** When and how long the transport waits before retrying a request. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number
  /** Delay before the first retry; doubles each time, with full jitter. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the error surfaces with its `retryAfterMs`. */
  readonly maxRetryAfterMs: number
  readonly statusCodes: readonly number[]
}

/**
 * The retry policy adapters use unless `TransportSettings.retry` changes it: two retries of idempotent
 * requests on 408/429/5xx and network failures, exponential backoff with full jitter.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  limit: 2,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  statusCodes: [408, 429, 500, 502, 503, 504],
}

/** Per-attempt timeout unless `TransportSettings.timeoutMs` or `CallOptions.timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000
/** The longest timer Node and browsers keep (about 24.8 days); ky refuses longer timeouts. */
export const MAX_TIMEOUT_MS = 2_147_483_647

/** What an adapter's user may set on any adapter. */
export interface TransportSettings {
  /** Per-attempt timeout in milliseconds (default 30 s). */
  readonly timeoutMs?: number
  /** Retry policy, or `false` for none. */
  readonly retry?: Partial<RetryPolicy> | false
  /** A fetch implementation; read at call time, so test interceptors installed later still apply. */
  readonly fetch?: typeof globalThis.fetch
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** Your own product token(s), appended to the adapter's `User-Agent`: `unihook-conekta/0.1.0 my-shop/2.4`. */
  readonly userAgent?: string
  /**
   * The rate budget of this adapter's credential (`createRateBudget`), shared with every other adapter
   * using the same credential; `CallOptions.budget` overrides it per call.
   */
  readonly rateBudget?: RateBudget
}

/** The settings an adapter's user gives that pass unchanged to its transport (not the adapter's own options). */
export function transportSettingsOf(settings: TransportSettings): TransportSettings {
  const { timeoutMs, retry, fetch, headers, userAgent, rateBudget } = settings
  return { timeoutMs, retry, fetch, headers, userAgent, rateBudget }
}

/**
 * How many 429s in a row a call sent under a rate budget retries: the budget paces everyone after each
 * one, so these retries are the budget's business, not the retry policy's `limit`.
 */
export const BUDGET_RATE_LIMIT_RETRIES = 10

/** A request as it is about to go out, handed to the signing step. */
export interface OutgoingRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly headers: Headers
  /** The exact body bytes that will be sent, as text. */
  readonly body: string | undefined
  /** 0 for the first attempt, then 1, 2, … */
  readonly attempt: number
}

export interface TransportConfig extends TransportSettings {
  readonly provider: string
  /** The adapter's product token, `unihook-<adapter>/<version>`: the start of every request's `User-Agent`. */
  readonly product?: string
  readonly baseUrl: string
  /** Values to scrub from every error (API keys, signing secrets). */
  readonly secrets: readonly (string | Secret)[]
  /** Adds authentication to each attempt. */
  readonly authenticate?: (request: OutgoingRequest) => void
  /**
   * Runs once per attempt, retries included, right before sending: it may rebuild the body (a fresh
   * timestamp) and set headers (a signature over those exact bytes).
   */
  readonly prepare?: (request: OutgoingRequest) => { readonly body?: string } | void
  /** The provider's error envelope mapped onto the vocabulary. */
  readonly mapFailure: (failure: HttpFailure, ctx: ErrorContext) => WebhookError
  /**
   * The provider's own word on retrying an answer outside 2xx (Stripe's `Stripe-Should-Retry`): `true`
   * retries it even when the policy's statuses do not list it, `false` never retries it, `undefined`
   * leaves it to the policy (a 429 under a rate budget included). Only requests the transport may repeat
   * (idempotent ones, or ones refused unacted) are retried, within the policy's limit.
   */
  readonly retryVerdict?: (answer: { readonly status: number; readonly headers: Headers }) => boolean | undefined
}

/** One request an adapter asks the transport to make, with the decoder its answer must pass. */
export interface RequestSpec<A> {
  readonly operation: Operation
  readonly method: HttpMethod
  /** Path below the base URL, starting with `/`. */
  readonly path: string
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>
  readonly headers?: Readonly<Record<string, string | undefined>>
  /** The JSON body, rebuilt on each attempt when it is a function. */
  readonly body?: unknown | (() => unknown)
  /**
   * Whether repeating the request is harmless. Defaults to true for GET, PUT and DELETE and false for
   * POST and PATCH; reads sent as POST and creates keyed by a client-chosen id set it to true.
   */
  readonly idempotent?: boolean
  readonly decode: D.Decoder<unknown, A>
  readonly call?: CallOptions
}

/** The HTTP client an adapter is built on: retries, timeouts, error mapping and redaction in one place. */
export interface Transport {
  readonly provider: string
  /** Sends the request (with retries where it is safe) and decodes the answer; every failure is a `WebhookError`. */
  request<A>(spec: RequestSpec<A>): TaskEither<WebhookError, A>
  /** The error context for an operation, carrying the secrets to scrub. */
  context(operation: Operation): ErrorContext
}

const IDEMPOTENT_BY_METHOD: Record<HttpMethod, boolean> = {
  GET: true,
  PUT: true,
  DELETE: true,
  POST: false,
  PATCH: false,
}

/** Joins a base URL and a path, and adds the query parameters that are set. */
export function buildUrl(baseUrl: string, path: string, query?: RequestSpec<unknown>['query']): string {
  return joinUrl(withoutTrailingSlashes(baseUrl), path, query)
}

const withoutTrailingSlashes = (baseUrl: string): string => baseUrl.replace(/\/+$/, '')

/** `buildUrl` for a base already without trailing slashes: the query is serialised once, however many parameters it sets. */
function joinUrl(base: string, path: string, query: RequestSpec<unknown>['query']): string {
  const url = new URL(base + path)
  if (query) {
    let params: URLSearchParams | undefined
    for (const [k, v] of Object.entries(query)) if (v !== undefined) (params ??= new URLSearchParams(url.search)).set(k, String(v))
    if (params) url.search = params.toString()
  }
  return url.href
}

/** Whether a base URL can carry requests: absolute, http or https. */
export function isHttpBaseUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Statuses that may come from a gateway after the provider acted: a retry that then meets 404 may be meeting this call's own work. */
const UNCLEAR_STATUSES = new Set([500, 502, 504])

/** The connection broke while the answer's body was arriving: a network failure, after the headers came. */
class BodyReadFailure extends Error {
  override readonly name = 'BodyReadFailure'
  constructor(
    readonly status: number,
    override readonly cause: unknown,
  ) {
    super('the connection broke while the answer was arriving')
  }
}

/** A problem building the request on our side (a signing step that threw): never retried, never a network failure. */
class LocalFailure extends Error {
  override readonly name = 'LocalFailure'
  constructor(override readonly cause: unknown) {
    super('could not build the request')
  }
}

/**
 * The whole answer, read inside the attempt: a reset or an abort while the body arrives is then a failed
 * attempt like a refused connection (retried when the request is idempotent), and the per-attempt
 * timeout covers the body too. The text goes to `seen`; ky judges the answer by its status alone, so the
 * answer is handed back with its body consumed and no copy is made.
 */
async function readWholeAnswer(response: Response, aborted: Promise<never>, seen: { status?: number; text?: string }): Promise<Response> {
  if (response.type === 'error' || response.status < 200 || response.status > 599) throw new TypeError('fetch failed: network error')
  seen.status = response.status
  try {
    // Raced against the abort: a stalled body stream does not notice aborts itself.
    seen.text = await Promise.race([response.text(), aborted])
  } catch (error) {
    void response.body?.cancel().catch(() => undefined)
    throw new BodyReadFailure(response.status, error)
  }
  return response
}

/** The `User-Agent` value: the adapter's token, then the user's suffix; `Issue`s for a suffix no header can carry. */
function userAgentOf(product: string | undefined, suffix: unknown): { value?: string; issues: Issue[] } {
  if (suffix !== undefined && (typeof suffix !== 'string' || !/^[\x20-\x7e]*$/.test(suffix))) {
    return { issues: [{ path: 'userAgent', message: 'must be printable ASCII text on one line (product tokens such as my-app/1.2)' }] }
  }
  const value = [product, suffix?.trim()].filter((part) => part !== undefined && part !== '').join(' ')
  return { ...(value === '' ? {} : { value }), issues: [] }
}

/** The headers every request of an adapter carries, checked once: the issues are reported on every call. */
function baseHeadersOf(config: TransportConfig): { headers: Headers; issues: Issue[] } {
  const headers = new Headers({ accept: 'application/json' })
  const userAgent = userAgentOf(config.product, config.userAgent)
  if (userAgent.value !== undefined) headers.set('user-agent', userAgent.value)
  return { headers, issues: [...userAgent.issues, ...setHeaders(headers, Object.entries(config.headers ?? {}))] }
}

/** Sets each header, and names those that `Headers` refuses. */
function setHeaders(headers: Headers, given: readonly [string, unknown][]): Issue[] {
  const issues: Issue[] = []
  for (const [name, value] of given) {
    if (value === undefined) continue
    try {
      headers.set(name, String(value))
    } catch {
      issues.push({ path: `headers.${name}`, message: 'must be Latin-1 text without line breaks' })
    }
  }
  return issues
}

/** Checks what a call brings before anything is sent: its options, its headers and the URL they make. */
function checkRequest(
  config: TransportConfig,
  base: { readonly url: string; readonly headers: Headers; readonly issues: readonly Issue[] },
  spec: RequestSpec<unknown>,
): { issues: Issue[]; url: string; headers: Headers; timeoutMs: number } {
  const issues: Issue[] = [...base.issues]
  const timeoutMs = spec.call?.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    issues.push({ path: 'timeoutMs', message: `must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}` })
  }
  const signal: unknown = spec.call?.signal
  if (signal !== undefined && !(signal instanceof AbortSignal)) issues.push({ path: 'signal', message: 'must be an AbortSignal' })
  const headers = new Headers(base.headers)
  if (spec.headers) issues.push(...setHeaders(headers, Object.entries(spec.headers)))
  let url = ''
  try {
    url = joinUrl(base.url, spec.path, spec.query)
  } catch {
    issues.push({ path: 'path', message: 'does not make a valid URL with the base URL' })
  }
  return { issues, url, headers, timeoutMs }
}

/** What one call's attempts have seen, for the error it may end with. */
interface Seen {
  /** The status of the answer whose body was arriving, once its headers came. */
  status: number | undefined
  /** The body of the last answer, read whole. */
  text: string | undefined
  /** Whether an earlier attempt ended without a clear answer. */
  unanswered: boolean
}

/** The longest a retry waits: a wait the server names is honoured up to the policy's cap, never past the longest timer. */
const cappedWait = (ms: number): number => Math.min(Math.max(0, ms), MAX_TIMEOUT_MS)

/**
 * How long to wait before retrying after `error`, or `undefined` when the call must end with it: only
 * idempotent requests, within the limit, on the policy's statuses and network failures, never after a
 * timeout (a timed-out write may have landed). The server's wait when it names one (up to the cap, past
 * which the error surfaces with its `retryAfterMs`), else exponential backoff with full jitter.
 */
function retryWaitMs(error: unknown, attempt: number, retry: RetryPolicy | false, seen: Seen, verdictOf?: TransportConfig['retryVerdict']): number | undefined {
  if (!retry || attempt >= retry.limit || error instanceof TimeoutError || error instanceof LocalFailure) return undefined
  return policyWaitMs(error, attempt, retry, seen, verdictOf)
}

function policyWaitMs(error: unknown, attempt: number, retry: RetryPolicy, seen: Seen, verdictOf?: TransportConfig['retryVerdict']): number | undefined {
  if (error instanceof HTTPError) {
    const status = error.response.status
    const verdict = verdictOf?.(error.response)
    if (verdict === false || (verdict !== true && !retry.statusCodes.includes(status))) return undefined
    const wait = serverWaitMs(error.response.headers)
    if (wait !== undefined && wait > retry.maxRetryAfterMs) return undefined
    if (UNCLEAR_STATUSES.has(status)) seen.unanswered = true
    if (wait !== undefined) return cappedWait(wait)
  } else {
    seen.unanswered = true
  }
  return cappedWait(Math.random() * Math.min(retry.baseDelayMs * 2 ** attempt, retry.maxDelayMs))
}

/**
 * Whether the answer proves the provider did not act on the request: a 429 (the provider refused it
 * before doing anything) or a connection that was refused (nothing was sent). Such a request is retried
 * even when repeating it would not be harmless (a plain create): the first attempt did nothing.
 */
export function refusedUnacted(error: unknown): boolean {
  if (error instanceof HTTPError) return error.response.status === 429
  if (error instanceof TimeoutError || error instanceof LocalFailure || error instanceof BodyReadFailure) return false
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  return cause?.code === 'ECONNREFUSED'
}

const isRateLimit = (error: unknown): error is HTTPError => error instanceof HTTPError && error.response.status === 429

/**
 * Under a rate budget a 429 pauses the whole budget (for the wait it named, else the budget's backoff)
 * and the call retries at once: its next attempt waits in the budget, holding no slot. Without a budget,
 * the retry policy decides. `undefined` when the call must end with the error.
 */
function budgetedWaitMs(error: unknown, state: { rateLimits: number }, budget: RateBudget, retry: RetryPolicy | false): number | undefined {
  if (retry === false || !retry.statusCodes.includes(429) || state.rateLimits >= BUDGET_RATE_LIMIT_RETRIES) return undefined
  const wait = serverWaitMs((error as HTTPError).response.headers)
  if (wait !== undefined && wait > retry.maxRetryAfterMs) return undefined
  state.rateLimits++
  budget.pause(wait)
  return 0
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The body of one attempt as it will be sent, after the adapter's authentication and signing have seen
 * it (a signing step may rebuild it with a fresh timestamp). A step that throws is a `LocalFailure`.
 */
function signedBody(config: TransportConfig, spec: RequestSpec<unknown>, url: string, headers: Headers, attempt: number): string | undefined {
  try {
    const value = typeof spec.body === 'function' ? (spec.body as () => unknown)() : spec.body
    const body = value === undefined ? undefined : JSON.stringify(value)
    if (body !== undefined) headers.set('content-type', 'application/json')
    const outgoing = { method: spec.method, url, headers, body, attempt }
    config.authenticate?.(outgoing)
    return config.prepare?.(outgoing)?.body ?? body
  } catch (error) {
    throw new LocalFailure(error)
  }
}

/**
 * Sends one request and reads its whole answer under a signal this attempt holds for its whole length:
 * aborted by the caller's signal or by the per-attempt timeout (then rejecting with ky's `TimeoutError`).
 * Holding it here, rather than following a `Request`'s signal, keeps aborts working when a garbage
 * collection runs mid-flight (undici links a `Request`'s signal to its source only weakly).
 */
async function exchange(
  injected: typeof globalThis.fetch | undefined,
  url: string,
  init: { readonly method: HttpMethod; readonly headers: Headers; readonly body: string | undefined },
  kyRequest: Request,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  seen: Seen,
): Promise<Response> {
  callerSignal?.throwIfAborted()
  const controller = new AbortController()
  // Rejects with the abort's reason the moment the attempt is aborted; raced against the fetch and the body,
  // since a fetch or a body stream that ignores aborts would otherwise hold the attempt past its timeout.
  let rejectAborted: (reason: unknown) => void = noop
  const aborted = new Promise<never>((_, reject) => {
    rejectAborted = reject
  })
  aborted.catch(noop)
  const abort = (reason: unknown) => {
    controller.abort(reason)
    rejectAborted(controller.signal.reason)
  }
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort(new TimeoutError(kyRequest))
  }, timeoutMs)
  const onAbort = () => abort(callerSignal?.reason)
  callerSignal?.addEventListener('abort', onAbort, { once: true })
  try {
    // The platform's fetch builds its one `Request` from the URL and init (read per attempt: msw and other
    // interceptors replace globalThis.fetch after adapters are built). An injected fetch gets the request as a
    // `Request` and the signal in its init, as `fetch(request, { signal })` takes it: a `Request` built with a
    // signal follows it through a FinalizationRegistry, about 20 µs per call, which a fetch then pays again.
    const sending = injected ? injected(new Request(url, init), { signal: controller.signal }) : globalThis.fetch(url, { ...init, signal: controller.signal })
    const answer = await Promise.race([sending, aborted])
    return await readWholeAnswer(answer, aborted, seen)
  } catch (error) {
    throw timedOut ? controller.signal.reason : error
  } finally {
    clearTimeout(timer)
    callerSignal?.removeEventListener('abort', onAbort)
  }
}

const noop = (): void => undefined

/**
 * The one `beforeRequest` hook of every transport's ky instance: it runs the attempt (given in the call's
 * `context`, ky's way to pass per-call data to hooks) and hands ky the answer, which ky then judges
 * (`HTTPError` outside 2xx). A hook returning a `Response` is ky's documented way to answer without its
 * own fetch, and it skips the clone of the `Request` ky otherwise makes for its own retries (and the
 * signal that clone follows): the attempt loop is ours, so that clone would never be used.
 */
const exchangeInHook = (request: Request, options: { readonly context: Record<string, unknown> }): Promise<Response> =>
  (options.context.attempt as (kyRequest: Request) => Promise<Response>)(request)

/**
 * Builds the transport an adapter uses. Throws a `TypeError` at construction for a base URL that is not
 * absolute http(s), the one programming error it refuses that way.
 *
 * ky's options are fixed here, once per adapter: each attempt passes only its method and, in its
 * `context`, the attempt itself (run by the one `beforeRequest` hook): no hook or retry option is built
 * per call, and ky clones no `Request`. The attempt loop is the transport's own (ky's is off): it
 * alone knows a call's idempotency and the wait its answer named. Each attempt builds its
 * headers and body, signs them, and sends them with a signal this call holds (caller's abort and the
 * per-attempt timeout), so neither depends on a `Request` that may be garbage-collected mid-flight.
 */
export function createTransport(config: TransportConfig): Transport {
  if (!isHttpBaseUrl(config.baseUrl)) throw new TypeError(`${config.provider}(): baseUrl must be an absolute http(s) URL`)
  const retry: RetryPolicy | false = config.retry === false ? false : { ...DEFAULT_RETRY, ...config.retry }
  const context = (operation: Operation): ErrorContext => ({ provider: config.provider, operation, secrets: config.secrets })
  const client: KyInstance = ky.create({ throwHttpErrors: true, retry: 0, timeout: false, hooks: { beforeRequest: [exchangeInHook] } })
  const base = { url: withoutTrailingSlashes(config.baseUrl), ...baseHeadersOf(config) }

  function request<A>(spec: RequestSpec<A>): TaskEither<WebhookError, A> {
    return async () => {
      const ctx = context(spec.operation)
      try {
        return await send(spec, ctx)
      } catch (error) {
        // Only a defect of ours gets here; the caller still gets a Left, never a rejection.
        return E.left(localValidation(ctx, [{ path: '', message: `could not carry out the request: ${describeThrown(error)}` }]))
      }
    }
  }

  async function send<A>(spec: RequestSpec<A>, ctx: ErrorContext): Promise<E.Either<WebhookError, A>> {
    const checked = checkRequest(config, base, spec)
    if (checked.issues.length) return E.left(localValidation(ctx, checked.issues))
    const { url, headers, timeoutMs } = checked
    const idempotent = spec.idempotent ?? IDEMPOTENT_BY_METHOD[spec.method]
    const signal = spec.call?.signal
    const seen: Seen = { status: undefined, text: undefined, unanswered: false }

    const budget = spec.call?.budget ?? config.rateBudget
    const budgetState = { rateLimits: 0 }

    /** One attempt: its body and signature, then the exchange. */
    const attempt = async (kyRequest: Request, number: number): Promise<Response> => {
      seen.status = undefined
      seen.text = undefined
      const body = signedBody(config, spec, url, headers, number)
      return exchange(config.fetch, url, { method: spec.method, headers, body }, kyRequest, timeoutMs, signal, seen)
    }
    /** When to retry after `error`, if at all: a 429 under a budget is the budget's; the rest is the policy's. */
    const waitAfter = (error: unknown, number: number): number | undefined => {
      if (signal?.aborted || !(idempotent || refusedUnacted(error))) return undefined
      if (isRateLimit(error) && config.retryVerdict?.(error.response) === false) return undefined
      if (budget && isRateLimit(error)) return budgetedWaitMs(error, budgetState, budget, retry)
      return retryWaitMs(error, number - budgetState.rateLimits, retry, seen, config.retryVerdict)
    }

    for (let number = 0; ; number++) {
      let response: Response
      let release: (() => void) | undefined
      try {
        if (budget) release = await budget.acquire(signal)
        response = await client(url, { method: spec.method, context: { attempt: (kyRequest: Request) => attempt(kyRequest, number) } })
        budget?.settle()
      } catch (error) {
        const wait = waitAfter(error, number)
        release?.()
        if (wait === undefined) return E.left(await failureToError(error, ctx, config, spec, timeoutMs, seen))
        try {
          await sleep(wait, signal)
        } catch (aborted) {
          return E.left(await failureToError(aborted, ctx, config, spec, timeoutMs, seen))
        }
        continue
      }
      release?.()
      const text = seen.text ?? ''
      // The per-call state may outlive the call (undici's signal bookkeeping keeps it until a full GC): it must not keep the body.
      seen.text = undefined
      // Plain branches rather than fp-ts's pipeable `chain`/`mapLeft`, which copy their arguments on every call.
      const json = parseJsonBody(text)
      const decoded = E.isRight(json) ? decodeWith(spec.decode, json.right) : json
      return E.isRight(decoded) ? decoded : E.left(decodeFailure(ctx, decoded.left, response.status))
    }
  }

  return { provider: config.provider, request, context }
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function failureToError(
  error: unknown,
  ctx: ErrorContext,
  config: TransportConfig,
  spec: RequestSpec<unknown>,
  timeoutMs: number,
  seen: Seen,
): Promise<WebhookError> {
  if (error instanceof HTTPError) return httpFailureToError(error.response, seen.text ?? '', ctx, config, seen)
  if (error instanceof TimeoutError) {
    const during = seen.status === undefined ? 'did not answer' : `sent headers (HTTP ${seen.status}) but not the whole body of its answer to`
    return webhookError('Timeout', ctx, `${config.provider} ${during} ${spec.method} ${redactUrl(spec.path)} within ${timeoutMs} ms`, {
      timeoutMs,
      status: seen.status,
    })
  }
  if (spec.call?.signal?.aborted) {
    const reason = spec.call.signal.reason as { name?: string } | undefined
    if (reason?.name === 'TimeoutError') {
      return webhookError('Timeout', ctx, `the caller's signal timed out the request to ${config.provider}`, {})
    }
    return webhookError('NetworkError', ctx, `the request to ${config.provider} was aborted by the caller`, {
      aborted: true,
      retryable: false,
    })
  }
  if (error instanceof LocalFailure) {
    return localValidation(ctx, [{ path: '', message: `could not build the request: ${describeThrown(error.cause)}` }])
  }
  if (error instanceof BodyReadFailure) {
    return webhookError(
      'NetworkError',
      ctx,
      `the connection to ${config.provider} broke while its answer (HTTP ${error.status}) was arriving: ${networkDetail(error.cause)}`,
      {
        status: error.status,
      },
    )
  }
  return webhookError('NetworkError', ctx, `could not reach ${config.provider}: ${networkDetail(error)}`, {})
}

function networkDetail(error: unknown): string {
  const cause = error as { message?: string; cause?: { code?: string; message?: string } } | undefined
  return cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? 'unknown failure'
}

/** An answer outside 2xx, mapped by the adapter, with the transport's guarantees added on top. */
async function httpFailureToError(response: Response, text: string, ctx: ErrorContext, config: TransportConfig, seen: Seen): Promise<WebhookError> {
  const parsed = parseJsonBody(text)
  const failure: HttpFailure = {
    status: response.status,
    headers: response.headers,
    body: E.isRight(parsed) && parsed.right !== undefined ? parsed.right : text.slice(0, 2000),
    retryAfterMs: serverWaitMs(response.headers),
  }
  const error = config.mapFailure(failure, ctx)
  // Whatever the adapter's mapping, a wait the provider named is never dropped.
  if (failure.retryAfterMs !== undefined && (error._tag === 'RateLimited' || error._tag === 'ProviderError') && error.retryAfterMs === undefined) {
    return Object.freeze({ ...error, retryAfterMs: failure.retryAfterMs })
  }
  if (error._tag === 'NotFound' && seen.unanswered) return Object.freeze({ ...error, afterUnansweredAttempt: true })
  return error
}

/**
 * A DELETE's outcome: the provider's confirmation, or, when a retry met NotFound after an earlier attempt
 * of the same call went unanswered (`NotFound.afterUnansweredAttempt`), `AlreadyDeleted`: the webhook is
 * gone, and the likeliest remover is this call's own first attempt. Any other NotFound stays an error.
 */
export function deleteOutcome(id: string, request: TaskEither<WebhookError, unknown>): TaskEither<WebhookError, void | AlreadyDeleted> {
  return async () => {
    const result = await request()
    if (E.isRight(result)) return E.right(undefined)
    const error = result.left
    if (error._tag === 'NotFound' && error.afterUnansweredAttempt === true) {
      return E.right({
        alreadyDeleted: true,
        id,
        note: `the retry found ${id} gone: the unanswered first attempt deleted it`,
      })
    }
    return result
  }
}
