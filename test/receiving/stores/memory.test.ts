import { memorySeenStore } from '@unihook/core/verify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { seenStoreSuite } from './suite.js'

let clock = 1_000_000
seenStoreSuite('memorySeenStore', {
  make: () => memorySeenStore({ now: () => clock, warn: () => {} }),
  sleep: async (ms) => {
    clock += ms
  },
})

describe('memorySeenStore: bounded, and one instance only', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('keeps at most maxEntries keys, dropping the oldest first', async () => {
    const store = memorySeenStore({ maxEntries: 3, warn: () => {} })
    for (const k of ['a', 'b', 'c', 'd']) await store.claim(k, 60_000)
    expect(store.size).toBe(3)
    expect((await store.claim('a', 60_000)).state).toBe('new')
    expect(await store.claim('d', 60_000)).toEqual({ state: 'in_flight' })
  })

  it('stays within its bound under a burst of distinct keys', async () => {
    const store = memorySeenStore({ maxEntries: 100, warn: () => {} })
    for (let i = 0; i < 5_000; i++) {
      const claim = await store.claim(`k${i}`, 60_000)
      if (claim.state === 'new' && i % 2 === 0) await store.complete(`k${i}`, claim.token, 60_000)
    }
    expect(store.size).toBe(100)
  })

  it('warns once when asked to complete or release a claim it did not make', async () => {
    const warn = vi.fn()
    const store = memorySeenStore({ warn })
    await store.claim('k', 60_000)
    expect(await store.complete('k', 'a-token-from-another-instance', 60_000)).toBe(false)
    expect(await store.release('k', 'another-one')).toBe(false)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/did not make.*@unihook\/redis/)
  })

  it('does not warn for its own claim that expired, even once the key was claimed again', async () => {
    const warn = vi.fn()
    let now = 0
    const store = memorySeenStore({ warn, now: () => now })
    const stale = await store.claim('k', 100)
    now = 1_000
    expect((await store.claim('k', 100)).state).toBe('new')
    expect(stale.state === 'new' && (await store.complete('k', stale.token, 60_000))).toBe(false)
    expect(stale.state === 'new' && (await store.release('k', stale.token))).toBe(false)
    expect(warn).not.toHaveBeenCalled()
  })

  it.each([
    ['NODE_APP_INSTANCE', '1', /pm2/],
    ['NODE_UNIQUE_ID', '2', /cluster/],
  ])('warns once, at the first claim, when %s says this is one of several instances', async (variable, value, sign) => {
    vi.stubEnv(variable, value)
    const warn = vi.fn()
    const store = memorySeenStore({ warn })
    await store.claim('a', 60_000)
    await store.claim('b', 60_000)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(sign)
  })

  it('stays quiet in a single plain process', async () => {
    const warn = vi.fn()
    const store = memorySeenStore({ warn })
    const claim = await store.claim('k', 60_000)
    if (claim.state === 'new') await store.complete('k', claim.token, 60_000)
    expect(warn).not.toHaveBeenCalled()
  })

  it('refuses a maxEntries that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '10']) expect(() => memorySeenStore({ maxEntries: bad as number })).toThrow(TypeError)
  })
})
