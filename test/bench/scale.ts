/**
 * Plan + apply at partner scale, against the Razorpay fake in its own process, answering after 20 ms and
 * rate-limited by a token bucket (as a provider is, per credential). Every account starts empty and
 * should hold one webhook. For each limit (100/s, 500/s) and concurrency (1, 8, 32), one pass of
 * `reconcileAccounts` with a budget at the limit; the figures: the time against the limit's floor
 * (requests ÷ rate), accounts left unconverged after that one pass, duplicates. Then two operators at
 * once, an interrupted run resumed from its journal against a full rerun, and memory: peak RSS growth
 * per account against a plain-fetch client sending the same requests, and the heap kept after a forced
 * GC. `UNIHOOK_BENCH_ACCOUNTS` sets how many accounts (default 300; the full run is 10000).
 */

import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type AccountTarget, createRateBudget, memoryJournal, reconcileAccounts, type RunSummary, type WebhookProvider } from '@unihook/core'
import type { Row } from './measure.js'
import { type FakeProcess, startFake } from './reconcile.js'
import { RZ_KEY, RZ_SECRET, razorpayAdapter } from './subjects.js'

const ACCOUNTS = Number(process.env.UNIHOOK_BENCH_ACCOUNTS ?? 300)
const MEMORY_ACCOUNTS = Number(process.env.UNIHOOK_BENCH_MEMORY_ACCOUNTS ?? Math.max(2000, ACCOUNTS))
const LATENCY_MS = 20
const LIMITS = [100, 500]
const WIDTHS = [1, 8, 32]
/**
 * The provider's bucket holds 100 ms of requests (at least 10): it absorbs the jitter of arrival (here the
 * fake's own timers, on a loaded machine; on the internet the network's). With 10 at 500/s (20 ms), the
 * fake's late timers alone made 59 of 959 requests 429, each pausing everyone for its 1 s Retry-After.
 */
const burstOf = (limit: number) => Math.max(10, limit / 10)

/** Razorpay account ids (`acc_` and 14 characters), distinct per run so that each starts from empty accounts. */
const accountIds = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `acc_${prefix}${String(i).padStart(14 - prefix.length, '0')}`)
const targetsOf = (accounts: readonly string[]): AccountTarget[] =>
  accounts.map((account) => ({ account, desired: [{ url: `https://hooks.example.com/${account}/1`, events: ['payment.captured'] }] }))
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

async function pass(provider: WebhookProvider, accounts: readonly string[], options: Parameters<typeof reconcileAccounts>[2]): Promise<RunSummary> {
  const result = await reconcileAccounts(provider, targetsOf(accounts), options)()
  if (result._tag === 'Left') throw new Error(result.left.message)
  return result.right
}

/** One pass under `limit` at `width`: time over the floor, unconverged accounts, duplicates. */
async function limited(fake: FakeProcess, provider: WebhookProvider, limit: number, width: number): Promise<Row> {
  const accounts = accountIds(ACCOUNTS, `L${limit}W${width}`)
  await fake.ask({ empty: true, rateLimit: { perSecond: limit, burst: burstOf(limit) } })
  const budget = createRateBudget({ requestsPerSecond: limit, concurrency: width })
  const started = performance.now()
  const summary = await pass(provider, accounts, { budget, accountConcurrency: width })
  const seconds = (performance.now() - started) / 1000
  const { counts, audit, rateLimited } = await fake.ask({ requests: true, audit: accounts })
  const requests = total(counts)
  const floor = requests / limit
  const latencyFloor = (requests * LATENCY_MS) / 1000 / width
  return {
    figure: `${ACCOUNTS} accounts, ${limit}/s limit, concurrency ${width}`,
    vs: `the limit's floor (${requests} requests ÷ ${limit}/s)`,
    ratio: seconds / floor,
    goal: 1.2,
    note:
      `unconverged after one pass: ${summary.unconvergedCount}; duplicates: ${audit?.duplicates}; missing: ${audit?.missing}; 429s: ${rateLimited}` +
      (latencyFloor > floor
        ? `; ${LATENCY_MS} ms × requests ÷ ${width} = ${(latencyFloor / floor).toFixed(2)}× the floor: concurrency, not the limit, bounds it`
        : ''),
  }
}

/** Two operators applying the same accounts at once, each with half the credential's budget. */
async function twoOperators(fake: FakeProcess, provider: WebhookProvider): Promise<Row> {
  const limit = 500
  const accounts = accountIds(ACCOUNTS, 'Two')
  await fake.ask({ empty: true, rateLimit: { perSecond: limit, burst: burstOf(limit) } })
  const started = performance.now()
  const runs = await Promise.all(
    [1, 2].map(() => pass(provider, accounts, { budget: createRateBudget({ requestsPerSecond: limit / 2, concurrency: 16 }), accountConcurrency: 16 })),
  )
  const seconds = (performance.now() - started) / 1000
  const { counts, audit } = await fake.ask({ requests: true, audit: accounts })
  const requests = total(counts)
  return {
    figure: `two operators at once over the same ${ACCOUNTS} accounts (${limit}/s shared)`,
    vs: `the limit's floor (${requests} requests ÷ ${limit}/s)`,
    ratio: seconds / (requests / limit),
    goal: 1.2,
    note: `duplicates: ${audit?.duplicates}; missing: ${audit?.missing}; creates ${runs[0]?.steps.creates} + ${runs[1]?.steps.creates}, races resolved ${runs.reduce((n, r) => n + r.raced, 0)}`,
  }
}

/** An interrupted run resumed from its journal, against rerunning everything. */
async function resume(fake: FakeProcess, provider: WebhookProvider): Promise<Row> {
  const accounts = accountIds(ACCOUNTS, 'Resume')
  await fake.ask({ empty: true, rateLimit: { perSecond: 0 } })
  const journal = memoryJournal()
  const controller = new AbortController()
  let done = 0
  await pass(provider, accounts, {
    journal,
    signal: controller.signal,
    onAccount: () => {
      if (++done === Math.floor(ACCOUNTS / 2)) controller.abort(new Error('interrupted'))
    },
  })
  // The interrupted state, put back before each way of finishing: the two start alike.
  await fake.ask({ keep: true })
  const finish = async (options: Parameters<typeof reconcileAccounts>[2]) => {
    await fake.ask({ restore: true })
    const summary = await pass(provider, accounts, options)
    return { requests: total((await fake.ask({ requests: true })).counts), unconverged: summary.unconvergedCount }
  }
  const resumed = await finish({ journal })
  const rerun = await finish({})
  return {
    figure: `an interrupted run (stopped at half) resumed from its journal`,
    vs: 'a full rerun after the same interruption',
    ratio: resumed.requests / rerun.requests,
    note: `requests: resume ${resumed.requests}, full rerun ${rerun.requests} (saved ${rerun.requests - resumed.requests}); unconverged after: ${resumed.unconverged}, ${rerun.unconverged}`,
  }
}

const child = fileURLToPath(new URL('./scale-child.mjs', import.meta.url))
const root = fileURLToPath(new URL('../..', import.meta.url))

function runChild(baseUrl: string, way: 'unihook' | 'fetch', width: number): Promise<{ ms: number; peakGrowthKB: number; retainedKB: number }> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--expose-gc', child, baseUrl, String(MEMORY_ACCOUNTS), way, RZ_KEY, RZ_SECRET, String(width)],
      { cwd: root, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    ),
  )
}

/** Peak RSS growth and retained heap per account, the library against plain fetch, alternating. */
async function memory(fake: FakeProcess): Promise<Row[]> {
  await fake.ask({ rateLimit: { perSecond: 0 }, latency: 2 })
  const width = 8
  const peaks = { unihook: [] as number[], fetch: [] as number[] }
  const retained: number[] = []
  for (const way of ['fetch', 'unihook', 'unihook', 'fetch'] as const) {
    await fake.ask({ empty: true })
    const measured = await runChild(fake.url, way, width)
    peaks[way].push(measured.peakGrowthKB)
    if (way === 'unihook') retained.push(measured.retainedKB)
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  return [
    {
      figure: `peak RSS growth per account, ${MEMORY_ACCOUNTS} accounts streamed (concurrency ${width})`,
      vs: 'a plain-fetch client sending the same requests',
      ratio: mean(peaks.unihook) / mean(peaks.fetch),
      goal: 1.2,
      note: `unihook ${mean(peaks.unihook).toFixed(1)} KB, fetch ${mean(peaks.fetch).toFixed(1)} KB per account`,
    },
    {
      figure: '  heap kept after a forced GC, per account',
      vs: 'the goal, 4 KB per account',
      ratio: mean(retained) / 4,
      goal: 1,
      note: `${mean(retained).toFixed(2)} KB per account`,
    },
  ]
}

export async function bench(): Promise<Row[]> {
  console.log(`scale: ${ACCOUNTS} accounts per run (UNIHOOK_BENCH_ACCOUNTS; the issue's full run is 10000), memory over ${MEMORY_ACCOUNTS}`)
  const fake = await startFake()
  try {
    await fake.ask({ latency: LATENCY_MS })
    const provider = razorpayAdapter(fake.url, undefined, undefined) as unknown as WebhookProvider
    const rows: Row[] = []
    for (const limit of LIMITS) for (const width of WIDTHS) rows.push(await limited(fake, provider, limit, width))
    rows.push(await twoOperators(fake, provider))
    rows.push(await resume(fake, provider))
    rows.push(...(await memory(fake)))
    return rows
  } finally {
    fake.stop()
  }
}
