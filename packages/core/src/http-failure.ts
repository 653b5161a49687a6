/**
 * What an adapter's error mapping receives for an HTTP answer outside 2xx, and the fallback mapping by
 * status. Kept apart from the transport so that fakes and `memoryProvider` can use it without ky.
 */

import { type ErrorContext, type WebhookError, webhookError, tagForStatus } from './errors.js'

/** An HTTP answer outside 2xx, handed to the adapter's error mapping. */
export interface HttpFailure {
  readonly status: number
  readonly headers: Headers
  /** The body parsed as JSON, or the text when it is not JSON. */
  readonly body: unknown
  readonly retryAfterMs?: number
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The headers that tell a client how long to wait, in the order they are read: the standard one, the
 * IETF draft's, and the vendor forms ky also honours (Symfony, GitHub, Twitter).
 */
export const WAIT_HEADERS = ['retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const

/** Numbers at or above this many seconds are Unix times (GitHub's `X-RateLimit-Reset`), not delays. */
const UNIX_TIME_FROM_S = Date.parse('2024-01-01T00:00:00Z') / 1000

/**
 * How long the answer asks the client to wait, in milliseconds, from the first wait header that parses:
 * seconds, a Unix time in seconds, or an HTTP date. The one rule for every rate-limit header, used both
 * for waiting between retries and for `retryAfterMs` on the error.
 */
export function serverWaitMs(headers: Headers, now = Date.now()): number | undefined {
  for (const name of WAIT_HEADERS) {
    const value = headers.get(name)
    if (value === null) continue
    const seconds = Number(value)
    if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= UNIX_TIME_FROM_S) return Math.max(0, seconds * 1000 - now)
    const wait = parseRetryAfter(value, now)
    if (wait !== undefined) return wait
  }
  return undefined
}

/**
 * The fallback mapping by HTTP status, for adapters to call when their envelope says nothing more
 * specific. Keeps `Retry-After` on rate limits.
 */
export function failureByStatus(
  failure: HttpFailure,
  ctx: ErrorContext,
  message: string,
  extra: {
    requestId?: string
    providerCode?: string
    issues?: readonly { path: string; message: string }[]
  } = {},
): WebhookError {
  const tag = tagForStatus(failure.status)
  const common = { status: failure.status, requestId: extra.requestId, providerCode: extra.providerCode, details: failure.body }
  switch (tag) {
    case 'ValidationError':
      return webhookError('ValidationError', ctx, message, { ...common, source: 'provider', issues: extra.issues ?? [{ path: '', message }] })
    case 'Conflict':
      return webhookError('Conflict', ctx, message, { ...common, reason: 'other' })
    case 'RateLimited':
      return webhookError('RateLimited', ctx, message, { ...common, retryAfterMs: failure.retryAfterMs })
    case 'NotFound':
      return webhookError('NotFound', ctx, message, common)
    case 'Timeout':
      return webhookError('Timeout', ctx, message, common)
    case 'AuthError':
      return webhookError('AuthError', ctx, message, common)
    default:
      return webhookError('ProviderError', ctx, message, {
        ...common,
        retryable: failure.status >= 500 || failure.status === 0,
        retryAfterMs: failure.retryAfterMs,
      })
  }
}
