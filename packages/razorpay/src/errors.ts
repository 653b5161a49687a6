/**
 * Razorpay's error envelope (`{"error": {"code", "description", "field", "source", "step", "reason",
 * "metadata"}}`) mapped onto the shared vocabulary. The HTTP status decides first: Razorpay says
 * `BAD_REQUEST_ERROR` in the body of a 401 too, so the code alone would misclassify bad keys. Within a
 * 400, the description tells the cases the status cannot: an id that does not exist and the
 * per-account webhook limit.
 */

import { type ErrorContext, failureByStatus, type HttpFailure, type Issue, webhookError, type WebhookError } from '@unihook/core'
import { WireErrorEnvelope } from './codecs.js'

/** "The id provided does not exist": Razorpay's usual answer for an unknown id, sent as a 400. */
const DOES_NOT_EXIST = /\bdoes not exist\b/i
/** The 30-webhooks-per-account limit; its exact wording is not documented, so match its gist. */
const WEBHOOK_LIMIT = /webhook.*\b(maximum|max|limit|more than|exceed)|\b(maximum|max|limit|more than|exceed).*webhook/i

/**
 * Maps a failed Razorpay answer (status and `{ error: { code, description, … } }` body) to the
 * `WebhookError` vocabulary.
 */
export function mapRazorpayFailure(failure: HttpFailure, ctx: ErrorContext): WebhookError {
  const decoded = WireErrorEnvelope.decode(failure.body)
  const envelope = decoded._tag === 'Right' ? decoded.right.error : undefined
  const description = envelope?.description?.trim() || `HTTP ${failure.status}`
  const providerCode = envelope?.code
  const message = `Razorpay answered ${failure.status}: ${description}`
  const common = { status: failure.status, providerCode, details: failure.body }
  const { status } = failure

  if (status === 401 || status === 403) return webhookError('AuthError', ctx, message, common)
  if (status === 404 || status === 410 || (status === 400 && DOES_NOT_EXIST.test(description))) {
    return webhookError('NotFound', ctx, message, common)
  }
  if (status === 429) return webhookError('RateLimited', ctx, message, { ...common, retryAfterMs: failure.retryAfterMs })
  if ((status === 400 || status === 409 || status === 422) && WEBHOOK_LIMIT.test(description)) {
    return webhookError('Conflict', ctx, message, { ...common, reason: 'limit' })
  }
  if (status === 400 || status === 422) {
    const issues: Issue[] = [{ path: envelope?.field ?? '', message: description }]
    return webhookError('ValidationError', ctx, message, { ...common, source: 'provider', issues })
  }
  return failureByStatus(failure, ctx, message, { providerCode })
}
