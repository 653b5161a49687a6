/**
 * `plan` + `apply` over 1,000 webhooks in 100 Razorpay accounts (10 each; per account 5 kept, 5 with
 * changed events and 5 new), over loopback, against the same work done the way the code did it before
 * #11/#12: accounts one after another, `plan` reading at the provider's default page size, its update
 * patches without the URL (so Razorpay's adapter read each webhook before its PATCH), and `apply` one
 * request at a time. The fake runs in its own process, as a remote provider would: sharing the client's
 * event loop, the server's work could never overlap the client's. Each run starts from the same seeded
 * store; the two ways alternate.
 */

import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { apply, type DesiredWebhook, type Plan, plan, type WebhookProvider } from '@unihook/core'
import { createLimiter, limitProvider } from '@unihook/core'
import { median, type Row } from './measure.js'
import { RZ_KEY, RZ_SECRET, razorpayAdapter } from './subjects.js'

const ACCOUNTS = Array.from({ length: 100 }, (_, i) => `acc_BenchRecon${String(i).padStart(4, '0')}`)
const PER_ACCOUNT = 10
/** Calls in flight across all accounts in the current way: the CLI's default `--concurrency`. */
const WIDTH = 8
const url = (account: string, i: number) => `https://hooks.example.com/${account}/${i}`

/** Keeps 5, changes the events of 5, adds 5. */
const desiredFor = (account: string): DesiredWebhook[] => [
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i), events: ['payment.captured'] })),
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i + 5), events: ['payment.captured', 'refund.created'] })),
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i + 10), events: ['payment.captured'] })),
]

export interface FakeProcess {
  readonly url: string
  /**
   * Sends a command and waits for its answer: request counts per method when asked, the fake's CPU time so
   * far (ms), an audit when asked, and how many requests its rate limit refused.
   */
  ask(message: object): Promise<{ counts: Record<string, number>; cpuMs: number; audit?: { missing: number; duplicates: number }; rateLimited: number }>
  stop(): void
}

/** The Razorpay fake in its own process (fake-server.mjs). */
export async function startFake(): Promise<FakeProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./fake-server.mjs', import.meta.url)), [RZ_KEY, RZ_SECRET], { stdio: 'inherit' })
  type Answer = {
    url?: string
    counts?: Record<string, number>
    cpu?: { user: number; system: number }
    audit?: { missing: number; duplicates: number }
    rateLimited?: number
  }
  const next = () =>
    new Promise<Answer>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the fake process exited (${code})`))
      child.once('exit', exited)
      child.once('message', (answer: Answer) => {
        child.off('exit', exited)
        resolve(answer)
      })
    })
  const { url: served } = await next()
  return {
    url: served as string,
    ask: async (message) => {
      const answer = next()
      child.send(message)
      const { counts = {}, cpu = { user: 0, system: 0 }, audit, rateLimited = 0 } = await answer
      return { counts, cpuMs: (cpu.user + cpu.system) / 1000, ...(audit ? { audit } : {}), rateLimited }
    },
    stop: () => child.disconnect(),
  }
}

const unwrap = <T>(result: { _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: T }, what: string): T => {
  if (result._tag === 'Left') throw new Error(`${what} failed: ${result.left.message}`)
  return result.right
}

async function applied(provider: WebhookProvider, planned: Plan, options: Parameters<typeof apply>[2]): Promise<void> {
  const report = await apply(provider, planned, options)()
  if (!report.complete) throw new Error(`apply failed: ${report.failed[0]?.error.message}`)
}

/** A plan as the former `plan` made it: update patches without the current URL. */
const formerPlan = (planned: Plan): Plan => ({ ...planned, updates: planned.updates.map(({ patch: { url: _url, ...patch }, ...u }) => ({ ...u, patch })) })

/** The former way: one account after another, default page size, a read before each update, one request at a time. */
async function before(provider: WebhookProvider): Promise<void> {
  const pageSize = provider.capabilities.pagination.defaultPageSize
  for (const account of ACCOUNTS) {
    const planned = unwrap(await plan(provider, desiredFor(account), { account, pageSize })(), 'plan')
    await applied(provider, formerPlan(planned), { concurrency: 1 })
  }
}

/** The current way: every account planned and applied at once, the calls bounded by one limit across them. */
async function now(provider: WebhookProvider): Promise<void> {
  const limited = limitProvider(provider, createLimiter(WIDTH))
  const plans = await Promise.all(ACCOUNTS.map(async (account) => unwrap(await plan(limited, desiredFor(account), { account })(), 'plan')))
  await Promise.all(plans.map((planned) => applied(limited, planned, { concurrency: WIDTH })))
}

const WAYS = { before, now }
type Way = keyof typeof WAYS

interface Measured {
  /** now / before, per round. */
  readonly wall: number[]
  /** The same for the CPU time of client and fake together: the work done, whatever the overlap. */
  readonly cpu: number[]
  readonly requests: Record<Way, string>
}

/** Rounds of both ways in alternating order, each from the seeded store; the first round only warms up. */
async function measure(fake: FakeProcess, provider: WebhookProvider, rounds: number): Promise<Measured> {
  const wall: number[] = []
  const cpu: number[] = []
  const requests = { before: '', now: '' }
  for (let round = 0; round <= rounds; round++) {
    const order: Way[] = round % 2 ? ['now', 'before'] : ['before', 'now']
    const times = { before: { wall: 0, cpu: 0 }, now: { wall: 0, cpu: 0 } }
    for (const way of order) {
      const { cpuMs: fakeBefore } = await fake.ask({ restore: true })
      const clientBefore = process.cpuUsage()
      const started = performance.now()
      await WAYS[way](provider)
      const ms = performance.now() - started
      const client = process.cpuUsage(clientBefore)
      const { counts, cpuMs: fakeAfter } = await fake.ask({ requests: true })
      times[way] = { wall: ms, cpu: (client.user + client.system) / 1000 + fakeAfter - fakeBefore }
      requests[way] = Object.entries(counts)
        .map(([method, n]) => `${n} ${method}`)
        .join(' + ')
    }
    if (round === 0) continue
    wall.push(times.now.wall / times.before.wall)
    cpu.push(times.now.cpu / times.before.cpu)
  }
  return { wall, cpu, requests }
}

/** Latency the fake adds to every answer in the second measurement: less than any real round trip over the internet. */
const NETWORK_MS = 2

export async function bench(): Promise<Row[]> {
  const fake = await startFake()
  try {
    await fake.ask({ seed: { accounts: ACCOUNTS, perAccount: PER_ACCOUNT } })
    const provider = razorpayAdapter(fake.url)
    const loopback = await measure(fake, provider, 3)
    await fake.ask({ latency: NETWORK_MS })
    const network = await measure(fake, provider, 2)
    const vs = 'before (one account at a time, default page size, GET before each PATCH, one request at a time)'
    return [
      {
        figure: 'plan + apply, 1,000 webhooks in 100 Razorpay accounts, loopback',
        vs,
        ratio: median(loopback.wall),
        goal: 1 / 3,
        note: `goal: at least 3× faster; requests now ${loopback.requests.now}, before ${loopback.requests.before}`,
      },
      {
        figure: '  the same, CPU of client + fake (the floor once cores are busy)',
        vs,
        ratio: median(loopback.cpu),
        note: 'on 2 busy cores the wall time follows the work done, and concurrency cannot overlap anything',
      },
      {
        figure: `  the same, the fake answering after ${NETWORK_MS} ms (a near provider)`,
        vs: `before, same ${NETWORK_MS} ms`,
        ratio: median(network.wall),
        goal: 1 / 3,
        note: `calls in flight across accounts: ${WIDTH}`,
      },
    ]
  } finally {
    fake.stop()
  }
}
