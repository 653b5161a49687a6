/**
 * Several receiver processes on one Redis, as instances behind a load balancer: real Node processes
 * (fixtures/receiver-process.ts) on loopback, signed deliveries sent to both, concurrently and interleaved.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithRedis, sharedRedisUrl } from './redis-server.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const fixture = fileURLToPath(new URL('./fixtures/receiver-process.ts', import.meta.url))
const SECRET = 'whsec_instances'
const LEASE_MS = 3_000
const EVENTS = 1_000
const COPIES = 3

interface Instance {
  readonly name: string
  readonly child: ChildProcess
  readonly url: string
  readonly lines: () => string[]
}

async function startInstance(name: string, extra: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(`${root}node_modules/.bin/tsx`, ['--tsconfig', `${root}tsconfig.json`, fixture], {
    env: { ...process.env, UNIHOOK_REDIS_URL: sharedRedisUrl, SEEN_PREFIX: prefix, RAZORPAY_SECRET: SECRET, LEASE_MS: String(LEASE_MS), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let errors = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${errors.slice(-800)}`)), 30_000)
    const poll = setInterval(() => {
      const found = /listening (\d+)/.exec(output)
      if (found) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve(found[1] as string)
      }
    }, 20)
    child.once('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`${name} exited (${code}): ${errors.slice(-800)}`))
    })
  })
  return { name, child, url: `http://127.0.0.1:${port}/`, lines: () => output.split('\n').filter(Boolean) }
}

async function stop(instance: Instance, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return
  const exited = new Promise((resolve) => instance.child.once('exit', resolve))
  instance.child.kill(signal)
  await exited
}

const prefix = `unihook-instances:${process.pid}:${Date.now()}:`
const instances: Instance[] = []

const post = (instance: Instance, delivery: { body: string; headers: Record<string, string> }) =>
  fetch(instance.url, { method: 'POST', body: delivery.body, headers: delivery.headers }).then(async (r) => ({ status: r.status, text: await r.text() }))

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await (tasks[i] as () => Promise<T>)()
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

const handledCounts = (lines: string[]) => {
  const counts = new Map<string, number>()
  for (const line of lines) if (line.startsWith('handled ')) counts.set(line.slice(8), (counts.get(line.slice(8)) ?? 0) + 1)
  return counts
}

describeWithRedis('two receiver processes share one Redis', 'shared', () => {
  beforeAll(async () => {
    instances.push(...(await Promise.all([startInstance('A'), startInstance('B'), startInstance('C (hangs)', { HANG: '1' }), startInstance('D')])))
  }, 60_000)
  afterAll(async () => {
    await Promise.all(instances.map((instance) => stop(instance)))
  })

  it(`handles each of ${EVENTS} events exactly once, each sent ${COPIES} times, concurrently and interleaved across both`, async () => {
    const [a, b] = instances as [Instance, Instance]
    const deliveries = Array.from({ length: EVENTS }, (_, i) =>
      signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: `acc_${i % 7}` }), secret: SECRET }),
    )
    // Copy c of event i goes to A or B by (i + c) parity; the list is shuffled (deterministically) so copies meet.
    const sends = deliveries.flatMap((delivery, i) => Array.from({ length: COPIES }, (_, c) => ({ i, delivery, to: (i + c) % 2 === 0 ? a : b })))
    let seed = 22
    for (let k = sends.length - 1; k > 0; k--) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      const j = seed % (k + 1)
      ;[sends[k], sends[j]] = [sends[j] as (typeof sends)[number], sends[k] as (typeof sends)[number]]
    }
    const answers = await pool(
      sends.map((send) => () => post(send.to, send.delivery).then((answer) => ({ ...answer, i: send.i }))),
      48,
    )
    await Promise.all([stop(a), stop(b)])

    // Every answer is 200 (handled, or already handled) or 409 (in flight on the other instance: the provider retries).
    expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 409)).toEqual([])
    const ok = new Set(answers.filter((answer) => answer.status === 200).map((answer) => answer.i))
    expect(ok.size).toBe(EVENTS)

    const counts = handledCounts([...a.lines(), ...b.lines()])
    expect(counts.size).toBe(EVENTS)
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([])
    expect(new Set(counts.keys())).toEqual(new Set(deliveries.map((d) => d.eventId)))
    // Both instances did a share of the work.
    expect(handledCounts(a.lines()).size).toBeGreaterThan(EVENTS / 10)
    expect(handledCounts(b.lines()).size).toBeGreaterThan(EVENTS / 10)
  }, 120_000)

  it('an instance killed while holding a claim: once its lease expires, the redelivery is processed by another instance', async () => {
    const [, , hanging, other] = instances as [Instance, Instance, Instance, Instance]
    const delivery = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: 'acc_lease' }), secret: SECRET })
    void post(hanging, delivery).catch(() => undefined)
    await expect.poll(() => hanging.lines().includes(`started ${delivery.eventId}`), { timeout: 10_000 }).toBe(true)
    const claimedAt = Date.now()
    await stop(hanging, 'SIGKILL')

    expect(await post(other, delivery)).toEqual({ status: 409, text: 'in flight elsewhere' })
    let answer = { status: 0, text: '' }
    for (let attempt = 0; attempt < 40 && answer.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      answer = await post(other, delivery)
    }
    expect(answer).toEqual({ status: 200, text: 'handled' })
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(LEASE_MS - 250)
    expect(await post(other, delivery)).toEqual({ status: 200, text: 'already handled' })
    await stop(other)
    expect(handledCounts(other.lines()).get(delivery.eventId)).toBe(1)
    expect(hanging.lines().filter((line) => line.startsWith('handled'))).toEqual([])
  }, 60_000)
})
