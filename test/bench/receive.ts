/**
 * Receiving with handlers (issue #22): the throughput of receive + claim + complete, each delivery a new
 * event, against verification alone of the same deliveries, with the in-memory seen-store and with Redis
 * over loopback. The three run interleaved in one process (measure.ts), each round on fresh deliveries,
 * and each row is the median over rounds of our time over verification's: 2.0 means half the throughput.
 * Redis is `UNIHOOK_REDIS_URL`, else a redis-server this benchmark starts on a free port (and stops), else
 * the Redis row is skipped with a note. Alone: `npx tsx --tsconfig tsconfig.base.json test/bench/receive.ts`.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createHandlers, createReceiver, memorySeenStore, type SeenStore } from '@unihook/core/verify'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { razorpayVerifier } from '@unihook/razorpay/verify'
import { redisSeenStore } from '@unihook/redis'
import { type Contender, interleave, ratioOf, type Row } from './measure.js'

const SECRET = 'bench_receive_secret_123456'
const ROUNDS = 15
const BATCH = 1_000

const receiver = createReceiver([razorpayVerifier({ secrets: SECRET })])

/** Fresh signed deliveries (about 600 bytes each), one per call: a repeated event would take the shorter duplicate path. */
function deliveries(count: number) {
  return Array.from({ length: count }, (_, i) =>
    signRazorpayDelivery({
      payload: razorpayEvent({
        event: 'payment.captured',
        account: 'acc_bench',
        payload: { payment: { entity: { id: `pay_${i}`, entity: 'payment', amount: 4900 } } },
      }),
      secret: SECRET,
    }),
  )
}

function contender(name: string, run: (delivery: ReturnType<typeof deliveries>[number]) => Promise<unknown>): Contender {
  const pool = deliveries(BATCH * (ROUNDS + 1))
  let next = 0
  return { name, run: () => run(pool[next++ % pool.length] as (typeof pool)[number]) }
}

function handled(store: SeenStore) {
  const handlers = createHandlers(receiver, { store }).on('razorpay', 'payment.captured', () => {})
  return (delivery: { body: string; headers: Record<string, string> }) =>
    handlers.handleRaw(delivery.body, delivery.headers).then((answer) => {
      if (answer.outcome !== 'handled') throw new Error(`expected a handled event, got ${answer.outcome}`)
    })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Redis to measure on: the given URL, or a server of our own; undefined (with why) when there is none. */
async function redis(): Promise<{ url?: string; stop: () => void; why?: string }> {
  if (process.env.UNIHOOK_REDIS_URL) return { url: process.env.UNIHOOK_REDIS_URL, stop: () => {} }
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.env.UNIHOOK_REDIS_SERVER ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  const ready = await new Promise<boolean>((resolve) => {
    let output = ''
    child.once('error', () => resolve(false))
    child.once('exit', () => resolve(false))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve(true)
    })
    setTimeout(() => resolve(false), 10_000)
  })
  const stop = () => child.kill('SIGTERM')
  if (!ready) {
    stop()
    return { stop, why: 'no Redis: set UNIHOOK_REDIS_URL or install redis-server' }
  }
  return { url: `redis://127.0.0.1:${port}`, stop }
}

export async function bench(): Promise<Row[]> {
  const verify = contender('verify alone', (d) => receiver.receiveRaw(d.body, d.headers)())
  const memory = contender('handlers, memory store', handled(memorySeenStore({ maxEntries: 1_000_000 })))
  const server = await redis()
  const store = server.url ? redisSeenStore({ url: server.url, prefix: `unihook-bench:${process.pid}:${Date.now()}:` }) : undefined
  try {
    const onRedis = store ? [contender('handlers, Redis store', handled(store))] : []
    const times = await interleave([verify, memory, ...onRedis], { rounds: ROUNDS, batch: BATCH })
    const rows: Row[] = [
      {
        figure: 'receive + claim + complete, in memory',
        vs: 'verify alone (receiveRaw), same deliveries',
        ratio: ratioOf(times, memory.name, verify.name),
        note: 'time per delivery, ours over verification; each delivery a new event',
      },
    ]
    rows.push(
      store
        ? {
            figure: 'receive + claim + complete, Redis over loopback',
            vs: 'verify alone (receiveRaw), same deliveries',
            ratio: ratioOf(times, 'handlers, Redis store', verify.name),
            note: 'two round trips per event (SET NX PX, then EVALSHA), awaited one delivery at a time',
          }
        : { figure: 'receive + claim + complete, Redis over loopback', vs: 'verify alone', ratio: Number.NaN, note: server.why ?? 'skipped' },
    )
    return rows
  } finally {
    await store?.close()
    server.stop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(await bench())
