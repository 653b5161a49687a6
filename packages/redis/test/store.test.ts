import { inspect } from 'node:util'
import { createClient } from '@redis/client'
import { createHandlers, createReceiver } from '@unihook/core/verify'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { razorpayVerifier } from '@unihook/razorpay/verify'
import { type RedisSeenStore, redisSeenStore } from '@unihook/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seenStoreSuite } from '../../../test/receiving/stores/suite.js'
import { describeWithRedis, freePort, sharedRedisUrl } from './redis-server.js'

const prefix = `unihook-test:${process.pid}:${Date.now()}:`
const opened: RedisSeenStore[] = []
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()))
})

describeWithRedis('redisSeenStore on a real Redis', 'shared', () => {
  seenStoreSuite('redisSeenStore (url)', {
    make: () => {
      const store = redisSeenStore({ url: sharedRedisUrl!, prefix })
      opened.push(store)
      return store
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })

  describe('with your own node-redis client', () => {
    const client = createClient({ url: sharedRedisUrl })
    beforeAll(async () => {
      await client.connect()
    })
    afterAll(async () => {
      await client.close()
    })

    seenStoreSuite('redisSeenStore (client)', {
      make: () => redisSeenStore({ client, prefix }),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    })

    it('claims with SET NX PX and completes with a retention, under the prefix', async () => {
      const store = redisSeenStore({ client, prefix })
      const claim = await store.claim('razorpay:acc:evt_px', 5_000)
      expect(claim.state).toBe('new')
      const lease = Number(await client.sendCommand(['PTTL', `${prefix}razorpay:acc:evt_px`]))
      expect(lease).toBeGreaterThan(3_000)
      expect(lease).toBeLessThanOrEqual(5_000)
      if (claim.state === 'new') await store.complete('razorpay:acc:evt_px', claim.token, 172_800_000)
      expect(await client.sendCommand(['GET', `${prefix}razorpay:acc:evt_px`])).toBe('done')
      expect(Number(await client.sendCommand(['PTTL', `${prefix}razorpay:acc:evt_px`]))).toBeGreaterThan(172_000_000)
    })

    it('loads its scripts again when Redis forgot them (SCRIPT FLUSH, a restart)', async () => {
      const store = redisSeenStore({ client, prefix })
      const claim = await store.claim('razorpay:acc:evt_flush', 5_000)
      await client.sendCommand(['SCRIPT', 'FLUSH'])
      expect(claim.state === 'new' && (await store.release('razorpay:acc:evt_flush', claim.token))).toBe(true)
    })

    it('handles a failing handler through the redelivery, then exactly once', async () => {
      const secret = 'whsec_redis_retry'
      let calls = 0
      const handlers = createHandlers(createReceiver([razorpayVerifier({ secrets: secret })]), { store: redisSeenStore({ client, prefix }) }).on(
        'razorpay',
        'payment.captured',
        () => {
          calls++
          if (calls === 1) throw new Error('first attempt fails')
        },
      )
      const delivery = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: 'acc_retry' }), secret })
      const outcomes = []
      for (let i = 0; i < 4; i++) outcomes.push((await handlers.handleRaw(delivery.body, delivery.headers)).outcome)
      expect(outcomes).toEqual(['handler_failed', 'handled', 'duplicate', 'duplicate'])
      expect(calls).toBe(2)
    })
  })
})

describe('redisSeenStore: settings and secrets', () => {
  it('refuses missing, doubled or malformed settings with a TypeError', () => {
    const bad = [
      undefined,
      {},
      { url: 'redis://x', client: { sendCommand: async () => null } },
      { url: 'http://x' },
      { client: {} },
      { url: 'redis://x', timeoutMs: 0 },
    ]
    for (const options of bad) expect(() => redisSeenStore(options as never)).toThrow(TypeError)
  })

  it('never shows the password of its URL: not in errors, not in inspect or JSON', async () => {
    const port = await freePort()
    const store = redisSeenStore({ url: `redis://:s3cr3t-pass@127.0.0.1:${port}`, timeoutMs: 300 })
    try {
      const error = await store.claim('k', 1_000).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(Error)
      for (const view of [String(error), inspect(error), JSON.stringify(error), inspect(store), JSON.stringify(store)])
        expect(view).not.toContain('s3cr3t-pass')
    } finally {
      await store.close()
    }
  })

  it('rejects within its timeout when nothing listens, so the delivery gets a 503 rather than hanging', async () => {
    const port = await freePort()
    const store = redisSeenStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 300 })
    const started = Date.now()
    try {
      await expect(store.claim('k', 1_000)).rejects.toThrow(/RedisSeenStoreError|did not answer|failed|ECONNREFUSED/)
      expect(Date.now() - started).toBeLessThan(3_000)
    } finally {
      await store.close()
    }
  })
})
