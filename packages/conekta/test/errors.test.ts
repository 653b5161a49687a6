import type { ErrorContext, HttpFailure } from '@unihook/core'
import { describe, expect, it } from 'vitest'
import { mapConektaFailure } from '../src/errors.js'
import { errors } from './fixtures/wire.js'

const ctx = (operation: string): ErrorContext => ({ provider: 'conekta', operation, secrets: ['key_test_secret_123456'] })
const failure = (status: number, body: unknown, headers: Record<string, string> = {}): HttpFailure => ({
  status,
  body,
  headers: new Headers(headers),
  ...(headers['retry-after'] ? { retryAfterMs: Number(headers['retry-after']) * 1000 } : {}),
})

describe('error envelope mapping', () => {
  it.each([
    ['authentication', 'get', 'AuthError', false],
    ['notFound', 'get', 'NotFound', false],
    ['parameterValidation', 'create', 'ValidationError', false],
    ['webhookLimit', 'create', 'Conflict', false],
    ['preconditionRequired', 'update', 'Conflict', false],
    ['processing', 'create', 'ProviderError', false],
    ['forbidden', 'list', 'AuthError', false],
    ['api', 'list', 'ProviderError', true],
  ] as const)('%s (%s) -> %s', (name, operation, tag, retryable) => {
    const fixture = errors[name]
    const error = mapConektaFailure(failure(fixture.status, fixture.body), ctx(operation))
    expect(error._tag).toBe(tag)
    expect(error.retryable).toBe(retryable)
    expect(error.status).toBe(fixture.status)
    expect(error.operation).toBe(operation)
    // log_id is the request id; the type is the provider code.
    expect(error.requestId).toBe(fixture.body.log_id)
    expect(error.providerCode).toBe(fixture.body.type)
    expect(error.message).toContain(fixture.body.details[0]?.message)
    expect(error.details).toEqual(fixture.body)
  })

  it('reads the limit as Conflict(limit) and another precondition as Conflict(other)', () => {
    const limit = mapConektaFailure(failure(422, errors.webhookLimit.body), ctx('create'))
    expect(limit._tag === 'Conflict' && limit.reason).toBe('limit')
    const other = mapConektaFailure(failure(428, errors.preconditionRequired.body), ctx('update'))
    expect(other._tag === 'Conflict' && other.reason).toBe('other')
  })

  it('reads a limit-like text outside create as plain validation', () => {
    expect(mapConektaFailure(failure(422, errors.webhookLimit.body), ctx('update'))._tag).toBe('ValidationError')
  })

  it('does not take the page-size parameter `limit` for the webhook limit', () => {
    const body = {
      object: 'error',
      type: 'parameter_validation_error',
      log_id: 'x',
      details: [{ code: 'conekta.errors.parameter_validation.limit.invalid', param: 'limit', message: 'limit invalid' }],
    }
    expect(mapConektaFailure(failure(422, body), ctx('create'))._tag).toBe('ValidationError')
  })

  it('does not take a create detail about a request field for the webhook limit', () => {
    const body = {
      object: 'error',
      type: 'parameter_validation_error',
      log_id: 'x',
      details: [{ code: 'conekta.errors.parameter_validation.url.too_long', param: 'url', message: 'La URL excede el máximo de 255 caracteres.' }],
    }
    const error = mapConektaFailure(failure(422, body), ctx('create'))
    expect(error._tag).toBe('ValidationError')
    expect(error._tag === 'ValidationError' && error.issues[0]?.path).toBe('url')
  })

  it('turns details into validation issues with their param as path', () => {
    const error = mapConektaFailure(failure(422, errors.parameterValidation.body), ctx('create'))
    expect(error._tag).toBe('ValidationError')
    if (error._tag === 'ValidationError') {
      expect(error.source).toBe('provider')
      expect(error.issues).toEqual([{ path: 'url', message: 'La URL no es válida.' }])
    }
  })

  it('classifies an envelope without a type by its status (Conekta mock 404)', () => {
    const error = mapConektaFailure(failure(404, errors.mockNotFoundWithoutType.body), ctx('get'))
    expect(error._tag).toBe('NotFound')
    expect(error.message).toContain('Acceso no autorizado.')
  })

  it.each([
    [400, 'ValidationError'],
    [401, 'AuthError'],
    [404, 'NotFound'],
    [409, 'Conflict'],
    [429, 'RateLimited'],
    [500, 'ProviderError'],
    [503, 'ProviderError'],
  ] as const)('classifies a non-envelope body by status %i -> %s', (status, tag) => {
    const error = mapConektaFailure(failure(status, { error: `injected ${status}` }), ctx('list'))
    expect(error._tag).toBe(tag)
    expect(error.status).toBe(status)
  })

  it('keeps Retry-After on a 429 even with an envelope', () => {
    const error = mapConektaFailure(failure(429, { ...errors.api.body, type: 'rate_limit_error' }, { 'retry-after': '7' }), ctx('list'))
    expect(error._tag === 'RateLimited' && error.retryAfterMs).toBe(7000)
    expect(error.requestId).toBe(errors.api.body.log_id)
  })

  it('never carries a secret that the provider echoed', () => {
    const body = { ...errors.authentication.body, details: [{ ...errors.authentication.body.details[0], debug_message: 'bad key key_test_secret_123456' }] }
    const error = mapConektaFailure(failure(401, body), ctx('get'))
    expect(JSON.stringify(error)).not.toContain('key_test_secret_123456')
  })

  it('reads a text body (a proxy page) by status', () => {
    expect(mapConektaFailure(failure(502, '<html>Bad gateway</html>'), ctx('get'))._tag).toBe('ProviderError')
  })
})
