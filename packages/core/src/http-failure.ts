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
 * The fallback mapping by HTTP status, for adapters to call when their envelope says nothing more
 * specific. Keeps `Retry-After` on rate limits.
 */
export function failureByStatus(failure: HttpFailure, ctx: ErrorContext, message: string, extra: {
  requestId?: string
  providerCode?: string
  issues?: readonly { path: string; message: string }[]
} = {}): WebhookError {
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
      return webhookError('ProviderError', ctx, message, { ...common, retryable: failure.status >= 500 || failure.status === 0 })
  }
}
