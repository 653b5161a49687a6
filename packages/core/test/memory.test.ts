import { isSecret, OPERATIONS, uncatalogued } from '@unihook/core'
import { createFaults, manualClock, MEMORY_CAPABILITIES, MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { left, renderings, right } from './helpers.js'

const url = (n: number | string) => `https://hooks.example.com/m/${n}`

describe('memoryProvider', () => {
  it('declares the v1 spec, its events and a full capability table', () => {
    const provider = memoryProvider()
    expect(provider.specificationVersion).toBe('v1')
    expect(provider.provider).toBe('memory')
    expect(provider.events).toEqual(MEMORY_EVENTS)
    expect(provider.capabilities).toEqual(MEMORY_CAPABILITIES)
    for (const op of OPERATIONS) expect(provider.capabilities.operations[op]).toBe('native')
  })

  it('round-trips create, get, list, update and delete', async () => {
    const clock = manualClock(Date.parse('2024-03-01T00:00:00Z'))
    const provider = memoryProvider({ clock })
    const created = await right(provider.create({ url: url(1), events: ['thing.created'], description: 'first', secret: 'caller-secret-1' }))
    expect(created).toMatchObject({
      provider: 'memory',
      url: url(1),
      events: ['thing.created'],
      status: 'active',
      description: 'first',
      secret: { kind: 'present' },
    })
    expect(created.createdAt).toEqual(new Date('2024-03-01T00:00:00Z'))
    expect(await right(provider.get(created.id))).toMatchObject({ id: created.id, url: url(1) })

    clock.advance(60_000)
    const updated = await right(provider.update(created.id, { events: ['thing.created', 'thing.updated'], enabled: false, url: url(2) }))
    expect(updated).toMatchObject({ events: ['thing.created', 'thing.updated'], status: 'disabled', url: url(2) })
    expect(updated.updatedAt).toEqual(new Date('2024-03-01T00:01:00Z'))
    expect(updated.createdAt).toEqual(created.createdAt)

    await right(provider.delete(created.id))
    expect(await left(provider.get(created.id))).toMatchObject({ _tag: 'NotFound', status: 404, id: created.id })
    expect(await left(provider.delete(created.id))).toMatchObject({ _tag: 'NotFound' })
    expect(provider.snapshot()).toEqual([])
  })

  it('never shows the secret a caller set', async () => {
    const provider = memoryProvider()
    const created = await right(provider.create({ url: url(1), events: ['thing.created'], secret: 'caller-secret-visible' }))
    for (const text of renderings(created)) expect(text).not.toContain('caller-secret-visible')
    expect(JSON.stringify(created.raw)).not.toContain('caller-secret-visible')
  })

  it('validates before anything reaches the provider', async () => {
    const provider = memoryProvider()
    const error = await left(provider.create({ url: 'ftp://x', events: ['thing.created', uncatalogued('nope')] }))
    expect(error).toMatchObject({
      _tag: 'ValidationError',
      source: 'local',
      issues: [
        { path: 'url', message: 'must use http or https (got ftp)' },
        { path: 'events[1]', message: expect.stringContaining('unknown event "nope"') },
      ],
    })
    await left(provider.update('any', { events: [] }))
    expect(provider.calls).toEqual([])
    const custom = await right(provider.create({ url: url(1), events: [uncatalogued('custom.event')], allowUnknownEvents: true }))
    expect(custom.events).toEqual(['custom.event'])
    expect(provider.calls.map((c) => c.operation)).toEqual(['create'])
  })

  it('pages with an opaque cursor, filters by URL, and refuses cursors it did not issue', async () => {
    const provider = memoryProvider()
    for (let i = 0; i < 5; i++) await right(provider.create({ url: url(i % 2), events: ['thing.created'] }))
    const first = await right(provider.list({ pageSize: 2 }))
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toBeDefined()
    const second = await right(provider.list({ pageSize: 2, cursor: first.nextCursor! }))
    const third = await right(provider.list({ pageSize: 2, cursor: second.nextCursor! }))
    expect(third.nextCursor).toBeUndefined()
    const ids = [...first.items, ...second.items, ...third.items].map((w) => w.id)
    expect(new Set(ids).size).toBe(5)
    expect((await right(provider.list({ url: url(1) }))).items).toHaveLength(2)
    expect(await left(provider.list({ cursor: 'garbage' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'cursor' }] })
    expect(await left(provider.list({ pageSize: 51 }))).toMatchObject({ _tag: 'ValidationError' })
    expect(await left(provider.list({ createdAfter: new Date() }))).toMatchObject({ _tag: 'Unsupported' })
  })

  it('enforces its webhook limit with Conflict', async () => {
    const provider = memoryProvider({ capabilities: { maxWebhooks: 2 } })
    await right(provider.create({ url: url(1), events: ['thing.created'] }))
    await right(provider.create({ url: url(2), events: ['thing.created'] }))
    expect(await left(provider.create({ url: url(3), events: ['thing.created'] }))).toMatchObject({ _tag: 'Conflict', reason: 'limit' })
  })

  it('answers Unsupported for absent operations, without counting a call', async () => {
    const provider = memoryProvider({ capabilities: { operations: { test: 'absent', rotateSecret: 'absent' } } })
    expect(await left(provider.test('x'))).toMatchObject({ _tag: 'Unsupported', operation: 'test', message: 'memory does not support test' })
    expect(await left(provider.rotateSecret('x'))).toMatchObject({ _tag: 'Unsupported' })
    expect(provider.capabilities.operations.get).toBe('native')
    expect(provider.calls).toEqual([])
  })

  it('rotates a webhook secret and hands it out once, as a Secret', async () => {
    const provider = memoryProvider()
    const created = await right(provider.create({ url: url(1), events: ['thing.created'] }))
    expect(created.secret).toEqual({ kind: 'none' })
    const rotation = await right(provider.rotateSecret(created.id))
    expect(rotation.scope).toBe('webhook')
    expect(rotation.webhookId).toBe(created.id)
    expect(isSecret(rotation.secret)).toBe(true)
    expect(rotation.secret!.reveal()).toMatch(/^[0-9a-f]{64}$/)
    expect(rotation.webhooks?.[0]?.secret).toEqual({ kind: 'present' })
    expect(JSON.stringify(rotation)).not.toContain(rotation.secret!.reveal())
    expect(await right(provider.test(created.id))).toMatchObject({ id: created.id })
  })

  it('gives AuthError for wrong credentials, without leaking either key', async () => {
    const provider = memoryProvider({ credentials: { expected: 'expected-key-123456', sent: 'wrong-key-abcdef' } })
    const error = await left(provider.list())
    expect(error).toMatchObject({ _tag: 'AuthError', status: 401, retryable: false })
    for (const text of renderings(error)) {
      expect(text).not.toContain('expected-key-123456')
      expect(text).not.toContain('wrong-key-abcdef')
    }
  })

  it('turns injected faults into the errors a transport would give, per operation', async () => {
    const faults = createFaults()
    const provider = memoryProvider({ faults })
    expect(provider.faults).toBe(faults)
    faults.failNext(1, { status: 429, retryAfter: 2 }, { method: 'list' })
    faults.dropNext(1, { method: 'get' })
    faults.hangNext(1, { method: 'delete' })
    faults.malformNext(1, 'garbage', { method: 'test' })
    expect(await right(provider.create({ url: url(1), events: ['thing.created'] }))).toBeDefined()
    expect(await left(provider.list())).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 2000, status: 429 })
    expect(await left(provider.get('x'))).toMatchObject({ _tag: 'NetworkError' })
    expect(await left(provider.delete('x'))).toMatchObject({ _tag: 'Timeout' })
    expect(await left(provider.test('x'))).toMatchObject({ _tag: 'DecodeError' })
    expect(faults.pending()).toBe(0)
    // The faulted calls still count as calls that reached the provider.
    expect(provider.calls.map((c) => c.operation)).toEqual(['create', 'list', 'get', 'delete', 'test'])
    // Each fault fired once; the next list works.
    expect((await right(provider.list())).items).toHaveLength(1)
  })

  it('uses its own name in errors and webhooks', async () => {
    const provider = memoryProvider({ provider: 'other' })
    expect(await left(provider.get('x'))).toMatchObject({ provider: 'other', operation: 'get' })
    expect((await right(provider.create({ url: url(1), events: ['thing.created'] }))).provider).toBe('other')
  })
})
