import { inspect } from 'node:util'
import {
  describeError,
  ERROR_TAGS,
  failureByStatus,
  isWebhookError,
  localValidation,
  mayHaveTakenEffect,
  parseRetryAfter,
  secret,
  tagForStatus,
  unsupported,
  webhookError,
  type WebhookError,
  withNote,
} from '@unihook/core'
import { describe, expect, it } from 'vitest'
import { renderings } from './helpers.js'

const KEY = 'key_live_0123456789abcdef'
const ctx = { provider: 'acme', operation: 'create', secrets: [KEY, secret('signing-secret-xyz')] } as const

describe('webhookError', () => {
  it('builds a frozen, tagged error with the default retryability of its tag', () => {
    const error = webhookError('RateLimited', ctx, 'slow down', { status: 429, retryAfterMs: 1500 })
    expect(error).toEqual({
      _tag: 'RateLimited',
      provider: 'acme',
      operation: 'create',
      message: 'slow down',
      retryable: true,
      status: 429,
      retryAfterMs: 1500,
    })
    expect(Object.isFrozen(error)).toBe(true)
    expect(webhookError('NotFound', ctx, 'gone').retryable).toBe(false)
    expect(webhookError('NotFound', ctx, 'gone', { retryable: true }).retryable).toBe(true)
    expect(webhookError('DecodeError', ctx, 'bad', { issues: [] }).retryable).toBe(false)
    expect(webhookError('NetworkError', ctx, 'down').retryable).toBe(true)
  })

  it('leaves out extra fields that are undefined', () => {
    const error = webhookError('NotFound', ctx, 'gone', { status: 404, requestId: undefined, id: 'wh_1' })
    expect(Object.keys(error)).not.toContain('requestId')
    expect(error).toMatchObject({ id: 'wh_1', status: 404 })
  })

  it('scrubs the context secrets and URL credentials from the message, strings and details', () => {
    const error = webhookError('AuthError', ctx, `key ${KEY} refused for https://u:pw@h.test`, {
      status: 401,
      requestId: `req-${KEY}`,
      details: { message: `bad key ${KEY}`, api_key: 'short', echo: ['signing-secret-xyz'] },
    })
    expect(error.message).toBe('key [redacted] refused for https://***@h.test')
    expect(error.requestId).toBe('req-[redacted]')
    expect(error.details).toEqual({ message: 'bad key [redacted]', api_key: '[redacted]', echo: ['[redacted]'] })
    for (const text of renderings(error)) {
      expect(text).not.toContain(KEY)
      expect(text).not.toContain('signing-secret-xyz')
      expect(text).not.toContain(':pw@')
    }
  })

  it('scrubs issues of a ValidationError too', () => {
    const error = localValidation(ctx, [{ path: 'secret', message: `must not be ${KEY}` }])
    expect(error.issues).toEqual([{ path: 'secret', message: 'must not be [redacted]' }])
    expect(error.message).toBe('invalid input: secret: must not be [redacted]')
    expect(error.source).toBe('local')
    expect(error._tag).toBe('ValidationError')
  })
})

describe('isWebhookError', () => {
  it('recognises an error that went through a JSON round trip, without instanceof', () => {
    const original = webhookError('Conflict', ctx, 'exists', { reason: 'exists', status: 409 })
    const copy = JSON.parse(JSON.stringify(original)) as unknown
    expect(copy).not.toBe(original)
    expect(isWebhookError(copy)).toBe(true)
    expect(isWebhookError(structuredClone(original))).toBe(true)
    // A plain object with the right shape, as another copy of core would make it.
    expect(isWebhookError({ _tag: 'Timeout', provider: 'x', operation: 'get', message: 'm', retryable: true })).toBe(true)
  })

  it('rejects anything else', () => {
    expect(isWebhookError(null)).toBe(false)
    expect(isWebhookError('NotFound')).toBe(false)
    expect(isWebhookError(new Error('boom'))).toBe(false)
    expect(isWebhookError({ _tag: 'Oops', provider: 'x', operation: 'get' })).toBe(false)
    expect(isWebhookError({ _tag: 'NotFound', operation: 'get' })).toBe(false)
    expect(isWebhookError({ _tag: 'NotFound', provider: 'x' })).toBe(false)
    expect(isWebhookError({ _tag: 'VerificationError', provider: 'x', operation: 'get' })).toBe(false)
  })

  it('knows every tag of the vocabulary', () => {
    for (const tag of ERROR_TAGS) expect(isWebhookError({ _tag: tag, provider: 'p', operation: 'o' })).toBe(true)
    expect(new Set(ERROR_TAGS).size).toBe(10)
  })
})

describe('helpers', () => {
  it('unsupported names the operation or what was asked', () => {
    expect(unsupported({ provider: 'acme', operation: 'test' })).toMatchObject({
      _tag: 'Unsupported',
      message: 'acme does not support test',
      retryable: false,
    })
    expect(unsupported({ provider: 'acme', operation: 'list' }, 'the list filter url').message).toBe('acme does not support the list filter url')
  })

  it('describeError is one line with tag, operation, status and request id', () => {
    const error = webhookError('ProviderError', { provider: 'acme', operation: 'get' }, 'boom', { status: 502, requestId: 'req_9' })
    expect(describeError(error)).toBe('ProviderError from acme.get, HTTP 502, request req_9: boom')
    expect(describeError(webhookError('Timeout', { provider: 'acme', operation: 'list' }, 'slow'))).toBe('Timeout from acme.list: slow')
  })

  it('tagForStatus classifies by status alone', () => {
    const table: [number, WebhookError['_tag']][] = [
      [400, 'ValidationError'],
      [401, 'AuthError'],
      [403, 'AuthError'],
      [404, 'NotFound'],
      [408, 'Timeout'],
      [409, 'Conflict'],
      [410, 'NotFound'],
      [422, 'ValidationError'],
      [429, 'RateLimited'],
      [418, 'ProviderError'],
      [500, 'ProviderError'],
      [503, 'ProviderError'],
    ]
    for (const [status, tag] of table) expect([status, tagForStatus(status)]).toEqual([status, tag])
  })

  it('failureByStatus keeps Retry-After, issues and request ids, and redacts the body', () => {
    const headers = new Headers()
    const limited = failureByStatus({ status: 429, headers, body: {}, retryAfterMs: 3000 }, ctx, 'limited', { requestId: 'r1' })
    expect(limited).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 3000, requestId: 'r1', status: 429 })

    const invalid = failureByStatus({ status: 422, headers, body: { api_key: KEY } }, ctx, 'invalid', {
      issues: [{ path: 'url', message: 'bad' }],
      providerCode: 'E1',
    })
    expect(invalid).toMatchObject({ _tag: 'ValidationError', source: 'provider', issues: [{ path: 'url', message: 'bad' }], providerCode: 'E1' })
    expect(invalid.details).toEqual({ api_key: '[redacted]' })
    const defaulted = failureByStatus({ status: 400, headers, body: 'nope' }, ctx, 'bad request')
    expect(defaulted).toMatchObject({ _tag: 'ValidationError', issues: [{ path: '', message: 'bad request' }] })

    expect(failureByStatus({ status: 409, headers, body: null }, ctx, 'c')).toMatchObject({ _tag: 'Conflict', reason: 'other' })
    expect(failureByStatus({ status: 502, headers, body: null }, ctx, 'p')).toMatchObject({ _tag: 'ProviderError', retryable: true })
    expect(failureByStatus({ status: 418, headers, body: null }, ctx, 'p')).toMatchObject({ _tag: 'ProviderError', retryable: false })
    expect(inspect(invalid, { depth: 10 })).not.toContain(KEY)
  })

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    const now = Date.parse('2024-01-01T00:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('0.25', now)).toBe(250)
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('  ', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('withNote and mayHaveTakenEffect', () => {
  const ctx = { provider: 'acme', operation: 'create' }

  it('withNote appends to the message and keeps the tag and every field', () => {
    const error = webhookError('ProviderError', ctx, 'boom', { status: 502, requestId: 'req_1' })
    const noted = withNote(error, 'the webhook may exist')
    expect(noted.message).toBe('boom (the webhook may exist)')
    expect({ ...noted, message: error.message }).toEqual(error)
    expect(Object.isFrozen(noted)).toBe(true)
    expect(isWebhookError(noted)).toBe(true)
  })

  it('mayHaveTakenEffect is true only where the provider may have acted', () => {
    const cases: [WebhookError, boolean][] = [
      [webhookError('NetworkError', ctx, 'reset'), true],
      [webhookError('Timeout', ctx, 'slow'), true],
      [webhookError('DecodeError', ctx, 'bad', { issues: [], status: 200 }), true],
      [webhookError('DecodeError', ctx, 'bad', { issues: [], status: 400 }), false],
      [webhookError('ProviderError', ctx, 'gateway', { status: 502 }), true],
      [webhookError('ProviderError', ctx, 'odd', { status: 418 }), false],
      [webhookError('ValidationError', ctx, 'no', { source: 'provider', issues: [] }), false],
      [webhookError('AuthError', ctx, 'no', { status: 401 }), false],
      [webhookError('RateLimited', ctx, 'later', { status: 429 }), false],
    ]
    for (const [error, expected] of cases) expect([error._tag, error.status, mayHaveTakenEffect(error)]).toEqual([error._tag, error.status, expected])
  })
})
