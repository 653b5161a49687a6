/**
 * Redis going away under load, on a redis-server of the test's own (AOF with fsync always, so what it
 * acknowledged survives a crash). A simulated provider redelivers every event until it gets a 2xx, as
 * the providers do; the handlers run in this process with the Redis store.
 */

import { createClient } from '@redis/client'
import { type Answer, createHandlers, createReceiver } from '@unihook/core/verify'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { razorpayVerifier } from '@unihook/razorpay/verify'
import { type RedisSeenStore, redisSeenStore } from '@unihook/redis'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithRedis, type OwnRedis, ownRedis } from './redis-server.js'

const SECRET = 'whsec_outages'
const LEASE_MS = 1_000

let redis: OwnRedis
let store: RedisSeenStore
let handled: Map<string, number>

const setup = () => {
  handled = new Map()
  store = redisSeenStore({ url: redis.url, timeoutMs: 500 })
  return createHandlers(createReceiver([razorpayVerifier({ secrets: SECRET })]), { store, leaseMs: LEASE_MS }).on(
    'razorpay',
    'payment.captured',
    async (event) => {
      handled.set(event.id, (handled.get(event.id) ?? 0) + 1)
      await new Promise((resolve) => setTimeout(resolve, 2))
    },
  )
}

const events = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) =>
    signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: `acc_${tag}_${i % 5}` }), secret: SECRET }),
  )

type Delivery = ReturnType<typeof events>[number]
type Handlers = ReturnType<typeof setup>

/** Sends each delivery once, `limit` at a time, calling `after(n)` after the n-th answer. */
async function burst(handlers: Handlers, deliveries: Delivery[], limit: number, after: (answered: number) => Promise<void> | void = () => {}) {
  const answers: { delivery: Delivery; answer: Answer }[] = []
  let next = 0
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery
      answers.push({ delivery, answer: await handlers.handleRaw(delivery.body, delivery.headers) })
      await after(answers.length)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return answers
}

/** The provider's redeliveries: every event without a 2xx yet is sent again, round after round (bounded). */
async function redeliverUntilAccepted(handlers: Handlers, pending: Delivery[]) {
  for (let round = 0; round < 40 && pending.length > 0; round++) {
    const answers = await burst(handlers, pending, 16)
    pending = answers.filter(({ answer }) => answer.status !== 200).map(({ delivery }) => delivery)
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return pending
}

describeWithRedis('Redis outages', 'binary', () => {
  beforeEach(async () => {
    redis = await ownRedis()
  }, 20_000)
  afterEach(async () => {
    await store?.close()
    await redis.dispose()
  })

  it('Redis stopped mid-burst: the provider gets a retryable 5xx, no event is marked done unhandled, none is lost', async () => {
    const handlers = setup()
    const deliveries = events(300, 'stop')
    const answers = await burst(handlers, deliveries, 16, async (answered) => {
      if (answered === 100) await redis.stop()
    })
    const statuses = new Set(answers.map(({ answer }) => answer.status))
    // Only 200 (handled or already handled), 503 (store unreachable) or 409 (a claim held): never a 4xx that ends retries.
    expect([...statuses].filter((status) => ![200, 409, 503].includes(status))).toEqual([])
    expect(answers.filter(({ answer }) => answer.outcome === 'store_failed').length).toBeGreaterThan(100)
    for (const { answer } of answers) if (answer.status === 200) expect(handled.get(answer.id as string)).toBe(1)
    for (const { answer } of answers) if (answer.status === 503) expect(handled.has(answer.id as string)).toBe(false)

    // Redis is back (with what it had acknowledged): every done key belongs to a handled event.
    await redis.start()
    const client = createClient({ url: redis.url })
    await client.connect()
    try {
      const keys = (await client.sendCommand(['KEYS', 'unihook:seen:*'])) as string[]
      const done = []
      for (const key of keys) if (String(await client.sendCommand(['GET', key])) === 'done') done.push(decodeURIComponent(key.split(':').at(-1) as string))
      for (const id of done) expect(handled.get(id)).toBe(1)
    } finally {
      await client.close()
    }

    // The provider redelivers what got no 2xx: every event ends up handled, exactly once.
    const pending = answers.filter(({ answer }) => answer.status !== 200).map(({ delivery }) => delivery)
    expect(await redeliverUntilAccepted(handlers, pending)).toEqual([])
    expect(handled.size).toBe(deliveries.length)
    expect([...handled.values()].filter((n) => n !== 1)).toEqual([])
  }, 90_000)

  it('Redis restarted: processing resumes, and the next redeliveries are handled once', async () => {
    const handlers = setup()
    const before = events(200, 'before')
    expect((await burst(handlers, before, 16)).every(({ answer }) => answer.outcome === 'handled')).toBe(true)

    await redis.stop()
    const during = await handlers.handleRaw((before[0] as Delivery).body, (before[0] as Delivery).headers)
    expect(during).toMatchObject({ status: 503, outcome: 'store_failed' })
    await redis.start()

    // Redeliveries of every earlier event (twice each) and 100 new events (three times each), all at once.
    const fresh = events(100, 'after')
    const mixed = [...before, ...before, ...fresh, ...fresh, ...fresh]
    expect(await redeliverUntilAccepted(handlers, mixed)).toEqual([])
    expect(handled.size).toBe(before.length + fresh.length)
    expect([...handled.values()].filter((n) => n !== 1)).toEqual([])
  }, 90_000)
})
