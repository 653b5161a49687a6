import { apply, createLimiter, limitProvider, plan } from '@unihook/core'
import { type MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { right } from './helpers.js'

type Ev = (typeof MEMORY_EVENTS)[number]

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

describe('createLimiter', () => {
  it('runs at most `width` works at once, first come first served, and passes results and rejections through', async () => {
    const limit = createLimiter(2)
    let active = 0
    let most = 0
    const started: number[] = []
    const work = (i: number) => async () => {
      started.push(i)
      active++
      most = Math.max(most, active)
      await tick()
      active--
      if (i === 3) throw new Error('three failed')
      return i * 10
    }
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => limit(work(i))))
    expect(most).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'three failed', 40])
  })

  it('refuses a width that is not a whole number ≥ 1', () => {
    for (const width of [0, -1, 1.5, Number.NaN]) expect(() => createLimiter(width)).toThrow(RangeError)
  })
})

describe('limitProvider', () => {
  it('bounds the calls of plans and applies over many accounts by one limit, and changes nothing else', async () => {
    const provider = memoryProvider<Ev>()
    let inFlight = 0
    let most = 0
    const counting = createLimiter(3)
    const limit: typeof counting = (work) =>
      counting(async () => {
        inFlight++
        most = Math.max(most, inFlight)
        try {
          await tick()
          return await work()
        } finally {
          inFlight--
        }
      })
    const limited = limitProvider(provider, limit)
    expect(limited.provider).toBe(provider.provider)
    expect(limited.capabilities).toBe(provider.capabilities)
    const accounts = Array.from({ length: 6 }, (_, i) => `acct_${i}`)
    const desired = (account: string) => [1, 2].map((n) => ({ url: `https://hooks.example.com/${account}/${n}`, events: ['thing.created'] as Ev[] }))
    const plans = await Promise.all(accounts.map((account) => right(plan(limited, desired(account)))))
    const reports = await Promise.all(plans.map((p) => apply(limited, p, { concurrency: 8 })()))
    expect(reports.every((r) => r.complete)).toBe(true)
    expect(most).toBe(3)
    expect((await right(provider.list({ pageSize: 50 }))).items).toHaveLength(12)
  })
})
