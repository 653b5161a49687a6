/**
 * Calypso's error envelope, `{errorCode, message, traceId?}` with HTTP 400 or 500, mapped onto the common
 * vocabulary by `errorCode`. Bodies without the envelope (a gateway's HTML, an injected fault) fall back
 * to the HTTP status. `traceId` becomes the error's `requestId`.
 */

import { decodeWith, type ErrorContext, failureByStatus, type HttpFailure, type WebhookError, webhookError } from '@unihook/core'
import { isRight } from 'fp-ts/Either'
import { ErrorEnvelope } from './codecs.js'
import { type Clock, TIMESTAMP_TOLERANCE_MS } from './signing.js'

/** Calypso's documented `errorCode`s by meaning, as the adapter maps them to `WebhookError`s. */
export const CALYPSO_ERROR_CODES = {
  internal: '000',
  badRequest: '001',
  invalidKey: '002',
  wrongSign: '003',
  notFound: '004',
  invalidTimestamp: '011',
  alreadyExists: '016',
} as const

const padCode = (code: string | number) => (typeof code === 'number' ? String(code).padStart(3, '0') : code.trim())

const duration = (ms: number) => {
  const seconds = Math.round(ms / 1000)
  return seconds < 120 ? `${seconds} s` : `${(ms / 60_000).toFixed(1)} min (${seconds} s)`
}

/**
 * What can be said about a refused timestamp. The sent timestamp came from `clock`, so comparing `clock`
 * with the `Date` header of the refusal tells how far off it is, to about a second.
 */
export function describeClockSkew(failure: HttpFailure, clock: Clock): string {
  const window = `Calypso accepts request timestamps within ${TIMESTAMP_TOLERANCE_MS / 60_000} minutes of its own clock`
  const serverDate = Date.parse(failure.headers.get('date') ?? '')
  if (Number.isNaN(serverDate)) {
    return `the clock used for request timestamps is off (${window}); the answer carried no Date header, so by how much cannot be told`
  }
  const skew = clock.now() - serverDate
  return `the clock used for request timestamps is ${duration(Math.abs(skew))} ${skew >= 0 ? 'ahead of' : 'behind'} Calypso's (server time ${new Date(serverDate).toISOString()}); ${window}: synchronise the clock or pass a corrected one`
}

export function calypsoFailureMapper(clock: Clock) {
  return (failure: HttpFailure, ctx: ErrorContext): WebhookError => {
    const decoded = decodeWith(ErrorEnvelope, failure.body)
    if (!isRight(decoded)) return failureByStatus(failure, ctx, `Calypso answered HTTP ${failure.status} to ${ctx.operation}`)
    const envelope = decoded.right
    const code = padCode(envelope.errorCode)
    const said = envelope.message ? `: ${envelope.message}` : ''
    const common = { status: failure.status, providerCode: code, requestId: envelope.traceId, details: failure.body }
    switch (code) {
      case CALYPSO_ERROR_CODES.invalidKey:
        return webhookError('AuthError', ctx, `Calypso refused the API key (Key), error 002${said}`, common)
      case CALYPSO_ERROR_CODES.wrongSign:
        return webhookError('AuthError', ctx, `Calypso refused the request signature (Sign), error 003${said}; check apiSecret`, common)
      case CALYPSO_ERROR_CODES.notFound:
        return webhookError('NotFound', ctx, `Calypso found no such object, error 004${said}`, common)
      case CALYPSO_ERROR_CODES.badRequest:
        return webhookError('ValidationError', ctx, `Calypso refused the request, error 001${said}`, {
          ...common,
          source: 'provider',
          issues: [{ path: '', message: envelope.message ?? 'bad request' }],
        })
      case CALYPSO_ERROR_CODES.invalidTimestamp: {
        const skew = describeClockSkew(failure, clock)
        return webhookError('ValidationError', ctx, `Calypso refused the request timestamp, error 011${said}: ${skew}`, {
          ...common,
          source: 'provider',
          issues: [{ path: 'timestamp', message: skew }],
        })
      }
      case CALYPSO_ERROR_CODES.alreadyExists:
        return webhookError('Conflict', ctx, `Calypso reports that it already exists, error 016${said}`, { ...common, reason: 'exists' })
      case CALYPSO_ERROR_CODES.internal:
        return webhookError('ProviderError', ctx, `Calypso had an internal error, error 000${said}`, { ...common, retryable: true })
      default:
        return failureByStatus(failure, ctx, `Calypso answered HTTP ${failure.status} with error ${code}${said}`, {
          requestId: envelope.traceId,
          providerCode: code,
        })
    }
  }
}
