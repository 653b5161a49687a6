import type { HttpFailure } from '@unihook/core'
import { manualClock } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { calypsoFailureMapper } from '../src/errors.js'
import { fixture } from './helpers.js'

const errors = fixture<Record<string, { status: number; body: { errorCode: string; message: string; traceId?: string } }>>('errors.json')
const NOW = Date.parse('2025-07-06T12:00:00.000Z')
const ctx = { provider: 'calypso', operation: 'create', secrets: ['c529e14832b34b74972365cf7bf02430'] }

const failure = (status: number, body: unknown, headers: Record<string, string> = {}): HttpFailure => ({ status, body, headers: new Headers(headers) })
const map = (code: string, headers: Record<string, string> = {}, clock = manualClock(NOW)) => {
  const entry = errors[code]!
  return calypsoFailureMapper(clock)(failure(entry.status, entry.body, headers), ctx)
}

describe('Calypso error codes', () => {
  it.each([
    ['000', 'ProviderError', true],
    ['001', 'ValidationError', false],
    ['002', 'AuthError', false],
    ['003', 'AuthError', false],
    ['004', 'NotFound', false],
    ['011', 'ValidationError', false],
    ['016', 'Conflict', false],
  ] as const)('%s is %s', (code, tag, retryable) => {
    const error = map(code)
    const body = errors[code]!.body
    expect(error._tag).toBe(tag)
    expect(error.retryable).toBe(retryable)
    expect(error.providerCode).toBe(code)
    expect(error.status).toBe(errors[code]!.status)
    expect(error.requestId).toBe(body.traceId)
    expect(error.message).toContain(body.message)
    expect(error.provider).toBe('calypso')
    expect(error.operation).toBe('create')
  })

  it('marks 001 as refused by the provider, and 016 as already existing', () => {
    const invalid = map('001')
    expect(invalid._tag === 'ValidationError' && invalid.source).toBe('provider')
    const conflict = map('016')
    expect(conflict._tag === 'Conflict' && conflict.reason).toBe('exists')
  })

  it('reads a numeric errorCode as the zero-padded string', () => {
    const error = calypsoFailureMapper(manualClock(NOW))(failure(400, { errorCode: 3, message: 'Wrong sign' }), ctx)
    expect(error._tag).toBe('AuthError')
    expect(error.providerCode).toBe('003')
  })

  it('classifies an unknown code by HTTP status, keeping code and trace id', () => {
    const error = calypsoFailureMapper(manualClock(NOW))(failure(400, { errorCode: '099', message: 'Something new', traceId: 'abc' }), ctx)
    expect(error._tag).toBe('ValidationError')
    expect(error.providerCode).toBe('099')
    expect(error.requestId).toBe('abc')
    expect(error.message).toContain('Something new')
  })

  it.each([
    [400, { error: 'injected 400' }, 'ValidationError'],
    [401, 'Unauthorized', 'AuthError'],
    [404, { timestamp: '2025-07-06T12:00:00Z', status: 404, error: 'Not Found', path: '/x' }, 'NotFound'],
    [429, { error: 'injected 429' }, 'RateLimited'],
    [502, '<html><body>502 Bad Gateway</body></html>', 'ProviderError'],
    [503, { error: 'injected 503' }, 'ProviderError'],
  ] as const)('classifies HTTP %s without the envelope by status', (status, body, tag) => {
    const error = calypsoFailureMapper(manualClock(NOW))(failure(status, body), ctx)
    expect(error._tag).toBe(tag)
    expect(error.status).toBe(status)
    expect(error.providerCode).toBeUndefined()
  })

  it('never repeats a credential the body echoes', () => {
    const error = calypsoFailureMapper(manualClock(NOW))(failure(400, { errorCode: '002', message: 'Invalid API key c529e14832b34b74972365cf7bf02430' }), ctx)
    expect(JSON.stringify(error)).not.toContain('c529e14832b34b74972365cf7bf02430')
  })
})

describe('011: the clock is off', () => {
  it('says by how much, from the Date header of the refusal', () => {
    const ahead = map('011', { date: new Date(NOW - 240_000).toUTCString() })
    expect(ahead._tag).toBe('ValidationError')
    expect(ahead.message).toContain('4.0 min (240 s) ahead of')
    expect(ahead._tag === 'ValidationError' && ahead.issues[0]?.path).toBe('timestamp')
    const behind = map('011', { date: new Date(NOW + 200_000).toUTCString() })
    expect(behind.message).toContain('3.3 min (200 s) behind')
  })

  it('says it cannot tell by how much without a Date header', () => {
    const error = map('011')
    expect(error.message).toMatch(/clock .* is off/)
    expect(error.message).toContain('cannot be told')
  })
})
