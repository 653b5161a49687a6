/**
 * The HTTP transport every adapter configures instead of writing its own. Built on ky, which supplies
 * the retry loop, backoff, jitter and `Retry-After` handling; this module decides what is safe to retry,
 * re-signs every attempt, decodes the response once and maps every failure onto the error vocabulary.
 */

import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type * as t from 'io-ts'
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky'
import { decodeWith, parseJsonBody } from './decode.js'
import { type ErrorContext, type Issue, localValidation, type Operation, type WebhookError, webhookError } from './errors.js'
import { type HttpFailure, parseRetryAfter } from './http-failure.js'
import type { CallOptions } from './model.js'
import { redactUrl, type Secret } from './secret.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

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

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 2,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  statusCodes: [408, 429, 500, 502, 503, 504],
}

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
}

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
}

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
  readonly decode: t.Decoder<unknown, A>
  readonly call?: CallOptions
}

export interface Transport {
  readonly provider: string
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

export function buildUrl(baseUrl: string, path: string, query?: RequestSpec<unknown>['query']): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path)
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
  return url.toString()
}

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** The `User-Agent` value: the adapter's token, then the user's suffix; `Issue`s for a suffix no header can carry. */
function userAgentOf(product: string | undefined, suffix: unknown): { value?: string; issues: Issue[] } {
  if (suffix !== undefined && (typeof suffix !== 'string' || !/^[\x20-\x7e]*$/.test(suffix))) {
    return { issues: [{ path: 'userAgent', message: 'must be printable ASCII text on one line (product tokens such as my-app/1.2)' }] }
  }
  const value = [product, suffix?.trim()].filter((part) => part !== undefined && part !== '').join(' ')
  return { ...(value === '' ? {} : { value }), issues: [] }
}

export function createTransport(config: TransportConfig): Transport {
  const retry: RetryPolicy | false = config.retry === false ? false : { ...DEFAULT_RETRY, ...config.retry }
  const context = (operation: Operation): ErrorContext => ({ provider: config.provider, operation, secrets: config.secrets })
  const userAgent = userAgentOf(config.product, config.userAgent)
  const client: KyInstance = ky.create({
    // Resolved per call: msw and other interceptors replace globalThis.fetch after adapters are built.
    fetch: (input, init) => (config.fetch ?? globalThis.fetch)(input, init),
    throwHttpErrors: true,
  })

  function request<A>(spec: RequestSpec<A>): TaskEither<WebhookError, A> {
    return async () => {
      const ctx = context(spec.operation)
      const timeoutMs = spec.call?.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
        return E.left(localValidation(ctx, [{ path: 'timeoutMs', message: `must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}` }]))
      }
      if (userAgent.issues.length > 0) return E.left(localValidation(ctx, userAgent.issues))
      const idempotent = spec.idempotent ?? IDEMPOTENT_BY_METHOD[spec.method]
      const url = buildUrl(config.baseUrl, spec.path, spec.query)
      const bodyOf = () => {
        const value = typeof spec.body === 'function' ? (spec.body as () => unknown)() : spec.body
        return value === undefined ? undefined : JSON.stringify(value)
      }
      let response: Response
      try {
        response = await client(url, {
          method: spec.method,
          timeout: timeoutMs,
          signal: spec.call?.signal,
          retry: retry
            ? {
                limit: retry.limit,
                methods: idempotent ? [...ALL_METHODS] : [],
                statusCodes: [...retry.statusCodes],
                afterStatusCodes: [429, 503],
                maxRetryAfter: retry.maxRetryAfterMs,
                delay: (n) => retry.baseDelayMs * 2 ** (n - 1),
                backoffLimit: retry.maxDelayMs,
                jitter: true,
                retryOnTimeout: false,
                shouldRetry: ({ error }) => {
                  if (error instanceof HTTPError) {
                    const wait = parseRetryAfter(error.response.headers.get('retry-after'))
                    if (wait !== undefined && wait > retry.maxRetryAfterMs) return false
                  }
                  return undefined
                },
              }
            : { limit: 0 },
          hooks: {
            beforeRequest: [
              (kyRequest, options, { retryCount }) => {
                const headers = new Headers({ accept: 'application/json' })
                if (userAgent.value !== undefined) headers.set('user-agent', userAgent.value)
                for (const [k, v] of Object.entries(config.headers ?? {})) headers.set(k, v)
                for (const [k, v] of Object.entries(spec.headers ?? {})) if (v !== undefined) headers.set(k, v)
                let body = bodyOf()
                if (body !== undefined) headers.set('content-type', 'application/json')
                const outgoing = { method: spec.method, url, headers, body, attempt: retryCount }
                config.authenticate?.(outgoing)
                const prepared = config.prepare?.(outgoing)
                if (prepared?.body !== undefined) body = prepared.body
                // ky's own combined signal (caller + timeout), which ky holds for the whole call. Following
                // `kyRequest.signal` instead breaks once ky drops `kyRequest`: that signal is only weakly
                // linked to the caller's, so after a garbage collection an abort no longer arrives.
                return new Request(kyRequest.url, { method: spec.method, headers, body, signal: options.signal ?? kyRequest.signal })
              },
            ],
          },
        })
      } catch (error) {
        return E.left(await failureToError(error, ctx, config, spec, timeoutMs))
      }
      const text = await readText(response, timeoutMs)
      if (text === undefined) {
        return E.left(
          webhookError('Timeout', ctx, `${config.provider} sent headers but the body did not arrive within ${timeoutMs} ms`, {
            timeoutMs,
            status: response.status,
          }),
        )
      }
      const parsed = E.chain((json: unknown) => decodeWith(spec.decode, json))(parseJsonBody(text))
      return E.mapLeft((issues: Issue[]) =>
        webhookError('DecodeError', ctx, `the ${config.provider} response to ${spec.operation} does not match the expected shape: ${issues
          .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
          .slice(0, 5)
          .join('; ')}`, { issues, status: response.status }),
      )(parsed)
    }
  }

  return { provider: config.provider, request, context }
}

async function readText(response: Response, timeoutMs: number): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  })
  try {
    return await Promise.race([response.text().catch(() => ''), timedOut])
  } finally {
    clearTimeout(timer)
  }
}

async function failureToError(
  error: unknown,
  ctx: ErrorContext,
  config: TransportConfig,
  spec: RequestSpec<unknown>,
  timeoutMs: number,
): Promise<WebhookError> {
  if (error instanceof HTTPError) {
    const response = error.response
    const text = (await readText(response, timeoutMs)) ?? ''
    const parsed = parseJsonBody(text)
    const failure: HttpFailure = {
      status: response.status,
      headers: response.headers,
      body: E.isRight(parsed) && parsed.right !== undefined ? parsed.right : text.slice(0, 2000),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    }
    return config.mapFailure(failure, ctx)
  }
  if (error instanceof TimeoutError) {
    return webhookError('Timeout', ctx, `${config.provider} did not answer ${spec.method} ${redactUrl(spec.path)} within ${timeoutMs} ms`, {
      timeoutMs,
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
  const cause = error as { message?: string; cause?: { code?: string; message?: string } }
  const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message ?? 'unknown failure'
  return webhookError('NetworkError', ctx, `could not reach ${config.provider}: ${detail}`, {})
}
