import type { HttpFailure, WebhookError } from '@unihook/core'
import { describe, expect, it } from 'vitest'
import { mapRazorpayFailure } from '../src/errors.js'
import { errors } from './fixtures.js'

const ctx = { provider: 'razorpay', operation: 'create', secrets: ['Zx81pQw3Lr0TnBv6Ysd2KmHu'] }
const fail = (status: number, body: unknown, headers: Record<string, string> = {}, retryAfterMs?: number): WebhookError =>
  mapRazorpayFailure({ status, body, headers: new Headers(headers), retryAfterMs } satisfies HttpFailure, ctx)

describe('error envelope -> vocabulary', () => {
  it('classifies a 401 as AuthError although the body says BAD_REQUEST_ERROR', () => {
    const error = fail(401, errors.badKey)
    expect(error).toMatchObject({ _tag: 'AuthError', status: 401, providerCode: 'BAD_REQUEST_ERROR', retryable: false })
    expect(error.message).toContain('The api key provided is invalid')
  })

  it('keeps `field` as the validation path', () => {
    const error = fail(400, errors.badEvents)
    expect(error._tag).toBe('ValidationError')
    if (error._tag === 'ValidationError') {
      expect(error.source).toBe('provider')
      expect(error.issues).toEqual([{ path: 'events', message: 'Invalid event name/names: payment.authorized' }])
    }
    const url = fail(400, errors.badUrl)
    expect(url._tag === 'ValidationError' && url.issues[0]?.path).toBe('url')
  })

  it('reads an unknown id as NotFound, as a 404 or as Razorpay\'s 400 "does not exist"', () => {
    expect(fail(404, errors.noSuchId)._tag).toBe('NotFound')
    expect(fail(400, errors.noSuchId)._tag).toBe('NotFound')
  })

  it('reads the 30-per-account limit as Conflict (limit)', () => {
    const error = fail(400, errors.limit)
    expect(error._tag).toBe('Conflict')
    if (error._tag === 'Conflict') expect(error.reason).toBe('limit')
  })

  it('keeps Retry-After on 429', () => {
    const error = fail(429, { error: { code: 'BAD_REQUEST_ERROR', description: 'Too many requests' } }, { 'retry-after': '3' }, 3000)
    expect(error).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 3000, retryable: true, status: 429 })
  })

  it('maps 5xx SERVER_ERROR and GATEWAY_ERROR to a retryable ProviderError', () => {
    for (const [status, body] of [
      [500, errors.server],
      [502, errors.gateway],
      [503, errors.gateway],
      [504, errors.server],
    ] as const) {
      expect(fail(status, body)).toMatchObject({ _tag: 'ProviderError', retryable: true, status })
    }
  })

  it('classifies unknown bodies by status alone', () => {
    expect(fail(503, { error: 'injected 503' })._tag).toBe('ProviderError')
    expect(fail(400, '<html>bad request</html>')._tag).toBe('ValidationError')
    expect(fail(403, undefined)._tag).toBe('AuthError')
    expect(fail(409, { error: 'injected 409' })._tag).toBe('Conflict')
    expect(fail(408, { error: 'injected 408' })._tag).toBe('Timeout')
    expect(fail(418, null)._tag).toBe('ProviderError')
  })

  it('scrubs the configured secrets from messages and details', () => {
    const error = fail(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'bad secret Zx81pQw3Lr0TnBv6Ysd2KmHu' } })
    expect(JSON.stringify(error)).not.toContain('Zx81pQw3Lr0TnBv6Ysd2KmHu')
  })
})
