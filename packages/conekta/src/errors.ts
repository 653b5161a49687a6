/**
 * Conekta's error envelope (`{object: "error", type, log_id, details: [{code, param, message,
 * debug_message}]}`) mapped onto the shared vocabulary. `type` decides the tag; `log_id` is kept as the
 * request id; anything that is not an envelope (a proxy's page, an injected fault) is classified by its
 * HTTP status alone.
 */

import { type ErrorContext, failureByStatus, type HttpFailure, type Issue, type WebhookError, webhookError } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { ErrorEnvelope } from './codecs.js'

function readEnvelope(body: unknown): ErrorEnvelope | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const decoded = ErrorEnvelope.decode(body)
  if (E.isLeft(decoded)) return undefined
  const envelope = decoded.right
  // Every field is optional, so any object decodes; only one that says something is an envelope.
  return envelope.object === 'error' || envelope.type !== undefined || (envelope.details?.length ?? 0) > 0 ? envelope : undefined
}

function describe(envelope: ErrorEnvelope, status: number): string {
  const detail = envelope.details?.[0]
  const text = [detail?.message, detail?.debug_message].filter((m, i, all): m is string => !!m && all.indexOf(m) === i).join(' — ')
  return `Conekta ${envelope.type ?? `HTTP ${status}`}${text ? `: ${text}` : ''}`
}

function issuesOf(envelope: ErrorEnvelope): Issue[] {
  return (envelope.details ?? []).map((d) => ({
    path: d.param ?? '',
    message: d.message ?? d.debug_message ?? d.code ?? 'refused',
  }))
}

/**
 * Conekta allows 10 webhooks per environment, but no source shows the error the 11th create gets.
 * A create refused with a validation or precondition error whose text speaks of a limit or maximum is
 * read as that limit. A detail about one of the request's own fields (say, a `url` over its maximum
 * length) or the page-size parameter `limit` is an ordinary validation error, not the webhook limit.
 */
const LIMIT_TEXT = /limit|m[aá]xim|exceed|excede|\b10 webhooks/i
const REQUEST_FIELDS: ReadonlySet<string> = new Set(['limit', 'url', 'synchronous', 'subscribed_events', 'events'])

function isWebhookLimit(envelope: ErrorEnvelope, status: number, ctx: ErrorContext): boolean {
  if (ctx.operation !== 'create') return false
  if (![400, 409, 422, 428].includes(status)) return false
  return (envelope.details ?? []).some(
    (d) => !REQUEST_FIELDS.has(d.param ?? '') && [d.code, d.message, d.debug_message].some((text) => text !== undefined && LIMIT_TEXT.test(text)),
  )
}

/** Maps a failed Conekta answer (status and error envelope) to the `WebhookError` vocabulary. */
export function mapConektaFailure(failure: HttpFailure, ctx: ErrorContext): WebhookError {
  const envelope = readEnvelope(failure.body)
  if (!envelope) return failureByStatus(failure, ctx, `Conekta answered HTTP ${failure.status}`)
  const message = describe(envelope, failure.status)
  const common = { status: failure.status, requestId: envelope.log_id, providerCode: envelope.type, details: failure.body }
  // A rate limit keeps its Retry-After whatever the body says.
  if (failure.status === 429) return failureByStatus(failure, ctx, message, { requestId: envelope.log_id, providerCode: envelope.type })
  if (isWebhookLimit(envelope, failure.status, ctx)) return webhookError('Conflict', ctx, message, { ...common, reason: 'limit' })
  switch (envelope.type) {
    case 'authentication_error':
      return webhookError('AuthError', ctx, message, common)
    case 'resource_not_found_error':
      return webhookError('NotFound', ctx, message, common)
    case 'parameter_validation_error':
    case 'malformed_request_error':
      return webhookError('ValidationError', ctx, message, { ...common, source: 'provider', issues: issuesOf(envelope) })
    case 'precondition_required_error':
      return webhookError('Conflict', ctx, message, { ...common, reason: 'other' })
    case 'api_error':
      return webhookError('ProviderError', ctx, message, { ...common, retryable: true })
    default:
      return failureByStatus(failure, ctx, message, {
        requestId: envelope.log_id,
        providerCode: envelope.type,
        ...(envelope.details?.length ? { issues: issuesOf(envelope) } : {}),
      })
  }
}
