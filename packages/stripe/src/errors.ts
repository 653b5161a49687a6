/**
 * Stripe's error envelope (`{error: {type, code, param, message, doc_url}}`) and its `Request-Id` header
 * mapped onto the common vocabulary (docs.stripe.com/api/errors). The status decides first, as Stripe's
 * docs list it (401 bad key, 403 no permission, 404 missing, 409 conflict, 429 too many requests, 5xx
 * Stripe's own); within a 400, `code` and `message` tell the endpoints-per-account limit and an unknown id
 * named by a cursor. Bodies without the envelope (a gateway's HTML, an injected fault) fall back to the status.
 */

import { decodeWith, type ErrorContext, failureByStatus, type HttpFailure, type Issue, type WebhookError, webhookError } from '@unihook/core'
import { isRight } from 'fp-ts/Either'
import { WireErrorEnvelope } from './codecs.js'
import { HEADERS } from './endpoints.js'

/** The envelope's `type`s (docs.stripe.com/api/errors). */
export const STRIPE_ERROR_TYPES = ['api_error', 'card_error', 'idempotency_error', 'invalid_request_error'] as const

/** The endpoints-per-account limit; its wording is not documented, so its gist is matched. */
const ENDPOINT_LIMIT = /\b(maximum|limit)\b.*\bwebhook endpoints?\b|\bwebhook endpoints?\b.*\b(maximum|limit)\b/i

/** The `Stripe-Should-Retry` verdict of an answer: `true`, `false`, or none given. */
export function shouldRetryVerdict(answer: { readonly headers: Headers }): boolean | undefined {
  const said = answer.headers.get(HEADERS.shouldRetry)?.trim().toLowerCase()
  return said === 'true' ? true : said === 'false' ? false : undefined
}

/** A path in the common `Issue` form: Stripe names `enabled_events[0]`, the model `events[0]`. */
const issuePath = (param: string | undefined) =>
  param === undefined
    ? ''
    : param
        .replace(/^enabled_events\b/, 'events')
        .replace(/^disabled\b/, 'enabled')
        .replace(/^api_version\b/, 'apiVersion')

export function mapStripeFailure(failure: HttpFailure, ctx: ErrorContext): WebhookError {
  const requestId = failure.headers.get(HEADERS.requestId) ?? undefined
  const decoded = decodeWith(WireErrorEnvelope, failure.body)
  if (!isRight(decoded)) return failureByStatus(failure, ctx, `Stripe answered HTTP ${failure.status} to ${ctx.operation}`, { requestId })
  const { type, code, message, param } = decoded.right.error
  const providerCode = code ?? type
  const said = `Stripe answered ${failure.status} (${code ? `${type}, ${code}` : type})${message ? `: ${message}` : ''}`
  const common = { status: failure.status, providerCode, requestId, details: failure.body }
  const { status } = failure
  if (status === 401 || status === 403) return webhookError('AuthError', ctx, said, common)
  if (status === 404) return webhookError('NotFound', ctx, said, common)
  if (status === 429) return webhookError('RateLimited', ctx, said, { ...common, retryAfterMs: failure.retryAfterMs })
  if (type === 'idempotency_error') {
    // A key reused with other parameters, or a request still running under the same key: nothing new was done.
    return webhookError('Conflict', ctx, `${said}; repeat the call with a new idempotency key, or with the same parameters`, { ...common, reason: 'other' })
  }
  if (status === 409) return webhookError('Conflict', ctx, said, { ...common, reason: 'other', retryable: shouldRetryVerdict(failure) === true })
  if (status === 400 && message !== undefined && ENDPOINT_LIMIT.test(message)) return webhookError('Conflict', ctx, said, { ...common, reason: 'limit' })
  if (status === 400 && code === 'resource_missing' && (param === undefined || param === 'id')) return webhookError('NotFound', ctx, said, common)
  if (status === 400 || status === 402 || status === 422 || status === 424) {
    const issues: Issue[] = [{ path: issuePath(param), message: message ?? `Stripe refused the request (${providerCode})` }]
    return webhookError('ValidationError', ctx, said, { ...common, source: 'provider', issues })
  }
  return failureByStatus(failure, ctx, said, { requestId, providerCode })
}
