import type { HttpFailure } from '@unihook/core'
import { describe, expect, it } from 'vitest'
import { mapStripeFailure } from '../src/errors.js'

const ctx = { provider: 'stripe', operation: 'create', secrets: [] }
const failure = (status: number, error: Record<string, unknown> | string, headers: Record<string, string> = {}): HttpFailure => ({
  status,
  headers: new Headers({ 'request-id': 'req_unit0001', ...headers }),
  body: typeof error === 'string' ? error : { error },
})

describe('mapStripeFailure', () => {
  it('maps the envelope by status, then code, keeping Request-Id, code and param', () => {
    expect(mapStripeFailure(failure(401, { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****abcd' }), ctx)).toMatchObject({
      _tag: 'AuthError',
      status: 401,
      requestId: 'req_unit0001',
      providerCode: 'invalid_request_error',
    })
    expect(mapStripeFailure(failure(403, { type: 'invalid_request_error', code: 'account_invalid' }), ctx)).toMatchObject({
      _tag: 'AuthError',
      providerCode: 'account_invalid',
    })
    expect(mapStripeFailure(failure(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'id' }), ctx)).toMatchObject({
      _tag: 'NotFound',
      providerCode: 'resource_missing',
    })
    expect(mapStripeFailure(failure(429, { type: 'invalid_request_error', code: 'rate_limit' }), ctx)).toMatchObject({ _tag: 'RateLimited', retryable: true })
    expect(mapStripeFailure(failure(500, { type: 'api_error', message: 'boom' }), ctx)).toMatchObject({
      _tag: 'ProviderError',
      retryable: true,
      requestId: 'req_unit0001',
    })
  })

  it('reads a 400 as a validation error on the common path, the endpoint limit as Conflict(limit), a key reused as Conflict', () => {
    expect(
      mapStripeFailure(
        failure(400, { type: 'invalid_request_error', message: 'Invalid enabled_events[0]: must be one of …', param: 'enabled_events[0]' }),
        ctx,
      ),
    ).toMatchObject({ _tag: 'ValidationError', source: 'provider', issues: [{ path: 'events[0]' }] })
    expect(
      mapStripeFailure(
        failure(400, { type: 'invalid_request_error', message: 'You have reached the maximum of 16 test webhook endpoints on this account.' }),
        ctx,
      ),
    ).toMatchObject({
      _tag: 'Conflict',
      reason: 'limit',
    })
    expect(
      mapStripeFailure(failure(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' }), ctx),
    ).toMatchObject({
      _tag: 'Conflict',
      reason: 'other',
      retryable: false,
    })
    expect(mapStripeFailure(failure(400, { type: 'invalid_request_error', code: 'resource_missing', param: 'starting_after' }), ctx)).toMatchObject({
      _tag: 'ValidationError',
      issues: [{ path: 'starting_after' }],
    })
  })

  it('marks a 409 retryable only when Stripe-Should-Retry says true', () => {
    expect(mapStripeFailure(failure(409, { type: 'invalid_request_error', code: 'lock_timeout' }, { 'stripe-should-retry': 'true' }), ctx)).toMatchObject({
      _tag: 'Conflict',
      retryable: true,
    })
    expect(mapStripeFailure(failure(409, { type: 'invalid_request_error', code: 'lock_timeout' }), ctx)).toMatchObject({ _tag: 'Conflict', retryable: false })
  })

  it('falls back to the status for bodies without the envelope', () => {
    expect(mapStripeFailure(failure(502, '<html>Bad Gateway</html>'), ctx)).toMatchObject({ _tag: 'ProviderError', status: 502, requestId: 'req_unit0001' })
    expect(mapStripeFailure({ status: 400, headers: new Headers(), body: { error: 'injected' } }, ctx)).toMatchObject({ _tag: 'ValidationError' })
  })
})
