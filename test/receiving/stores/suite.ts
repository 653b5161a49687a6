/**
 * One behavioural suite every seen-store passes (as unstorage runs one suite on every driver): the
 * in-memory store here, Redis in packages/redis. `make` gives a fresh, empty store each time; `sleep`
 * waits in the store's time (real time for Redis, a moved clock for memory).
 */

import type { SeenStore } from '@unihook/core/verify'
import { describe, expect, it } from 'vitest'

export interface StoreSubject {
  readonly make: () => Promise<SeenStore> | SeenStore
  readonly sleep: (ms: number) => Promise<void>
}

let counter = 0
const key = () => `razorpay:acc_1:evt_${process.pid}_${Date.now()}_${++counter}`

export function seenStoreSuite(name: string, subject: StoreSubject): void {
  describe(`${name}: the seen-store contract`, () => {
    /** A fresh store and key, claimed for `leaseMs`: the claim's token. */
    const claimed = async (leaseMs = 5_000) => {
      const store = await subject.make()
      const k = key()
      const claim = await store.claim(k, leaseMs)
      if (claim.state !== 'new') throw new Error('expected a new claim')
      return { store, k, token: claim.token }
    }

    it('claims a new key once: new with a token, then in flight', async () => {
      const store = await subject.make()
      const k = key()
      const first = await store.claim(k, 5_000)
      expect(first.state).toBe('new')
      expect(await store.claim(k, 5_000)).toEqual({ state: 'in_flight' })
    })

    it('completes a claim: done for every later claim, and a second completion is refused', async () => {
      const { store, k, token } = await claimed()
      expect(await store.complete(k, token, 60_000)).toBe(true)
      expect(await store.claim(k, 5_000)).toEqual({ state: 'done' })
      expect(await store.complete(k, token, 60_000)).toBe(false)
      expect(await store.release(k, token)).toBe(false)
      expect(await store.claim(k, 5_000)).toEqual({ state: 'done' })
    })

    it('releases a claim, so the next delivery claims the key anew with another token', async () => {
      const { store, k, token: firstToken } = await claimed()
      expect(await store.release(k, firstToken)).toBe(true)
      const second = await store.claim(k, 5_000)
      expect(second.state).toBe('new')
      expect(second.state === 'new' && second.token).not.toBe(firstToken)
    })

    it('touches a claim only with its token', async () => {
      const { store, k, token } = await claimed()
      expect(await store.complete(k, 'someone-else', 60_000)).toBe(false)
      expect(await store.release(k, 'someone-else')).toBe(false)
      expect(await store.claim(k, 5_000)).toEqual({ state: 'in_flight' })
      expect(await store.complete(k, token, 60_000)).toBe(true)
    })

    it('lets a lease expire: the key is claimed again, and the stale holder can neither complete nor release it', async () => {
      const { store, k, token: staleToken } = await claimed(200)
      await subject.sleep(400)
      const fresh = await store.claim(k, 5_000)
      expect(fresh.state).toBe('new')
      expect(await store.complete(k, staleToken, 60_000)).toBe(false)
      expect(await store.release(k, staleToken)).toBe(false)
      expect(await store.claim(k, 5_000)).toEqual({ state: 'in_flight' })
    })

    it('forgets a done key after its retention', async () => {
      const { store, k, token } = await claimed()
      await store.complete(k, token, 200)
      expect(await store.claim(k, 5_000)).toEqual({ state: 'done' })
      await subject.sleep(400)
      expect((await store.claim(k, 5_000)).state).toBe('new')
    })

    it('gives one claim to one of many concurrent claimers', async () => {
      const store = await subject.make()
      const k = key()
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim(k, 5_000)))
      expect(claims.filter((c) => c.state === 'new')).toHaveLength(1)
      expect(claims.filter((c) => c.state === 'in_flight')).toHaveLength(49)
    })

    it('keeps keys apart: provider, account and id each count', async () => {
      const store = await subject.make()
      const base = key()
      const keys = [base, `${base}x`, base.replace('razorpay', 'conekta'), base.replace('acc_1', 'acc_2')]
      for (const k of keys) expect((await store.claim(k, 5_000)).state).toBe('new')
    })
  })
}
