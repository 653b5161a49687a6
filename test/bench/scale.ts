/**
 * Plan + apply at partner scale, against the Razorpay fake in its own process, answering after 20 ms and
 * rate-limited by a token bucket (as a provider is, per credential). Every account starts empty and
 * should hold one webhook. For each limit (100/s, 500/s) and concurrency (1, 8, 32), one pass of
 * `reconcileAccounts` with a budget at the limit; the figures: the time against the limit's floor
 * (requests ÷ rate) and against the latency floor (requests × 20 ms ÷ concurrency, the bound at
 * concurrency 1), accounts left unconverged after that one pass, duplicates, the client's CPU per request;
 * at 500/s, the plain-fetch client under the same budget, the floor this machine sets. Then two operators
 * at once, an interrupted run resumed from its journal against a full rerun, and memory: peak RSS growth
 * per account and CPU per request against a plain-fetch client sending the same requests in the same
 * pattern, the heap kept after a forced GC, and the built CLI's peak RSS over as many accounts.
 * `UNIHOOK_BENCH_ACCOUNTS` sets how many accounts (default 300; the issue's full run is 10000; concurrency
 * 1 runs at most 1,000, its bound being latency), `UNIHOOK_BENCH_MEMORY_ACCOUNTS` the memory and CLI runs.
 */

import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AccountTarget, createRateBudget, memoryJournal, reconcileAccounts, type RunSummary, type WebhookProvider } from '@unihook/core'
import { type Row, round2 } from './measure.js'
import { plainReconcile } from './plain-client.mjs'
import { type FakeProcess, startFake } from './reconcile.js'
import { RZ_KEY, RZ_SECRET, razorpayAdapter } from './subjects.js'

const ACCOUNTS = Number(process.env.UNIHOOK_BENCH_ACCOUNTS ?? 300)
const MEMORY_ACCOUNTS = Number(process.env.UNIHOOK_BENCH_MEMORY_ACCOUNTS ?? Math.max(2000, ACCOUNTS))
const LATENCY_MS = 20
const numbers = (text: string | undefined, otherwise: number[]) => (text ? text.split(',').map(Number) : otherwise)
/** `UNIHOOK_BENCH_LIMITS` and `UNIHOOK_BENCH_WIDTHS` (comma-separated) run fewer configurations. */
const LIMITS = numbers(process.env.UNIHOOK_BENCH_LIMITS, [100, 500])
const WIDTHS = numbers(process.env.UNIHOOK_BENCH_WIDTHS, [1, 8, 32])
/** `UNIHOOK_BENCH_SCALE_PARTS` (comma-separated: limits, operators, resume, memory, cli) runs some parts only. */
const PARTS = new Set((process.env.UNIHOOK_BENCH_SCALE_PARTS ?? 'limits,operators,resume,memory,cli').split(','))
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

/** Accounts at concurrency 1, whose bound is 20 ms × requests: the ratio does not change with more. */
const SERIAL_ACCOUNTS = Math.min(ACCOUNTS, 1000)

/** CPU time of this process (user + system), in milliseconds. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * One pass under `limit` at `width`: time over the limit's floor and over the latency floor, unconverged
 * accounts, duplicates, the client's CPU per request. At 500/s with more than one request in flight, the
 * plain-fetch client (plain-client.mjs) runs the same pattern under the same budget right after: the
 * floor this machine sets, measured side by side.
 */
async function limited(fake: FakeProcess, provider: WebhookProvider, limit: number, width: number): Promise<Row[]> {
  const count = width === 1 ? SERIAL_ACCOUNTS : ACCOUNTS
  const accounts = accountIds(count, `L${limit}W${width}`)
  await fake.ask({ empty: true, rateLimit: { perSecond: limit, burst: burstOf(limit) } })
  const fakeCpu = (await fake.ask({})).cpuMs
  const budget = createRateBudget({ requestsPerSecond: limit, concurrency: width })
  const cpu = cpuMs()
  const started = performance.now()
  const summary = await pass(provider, accounts, { budget, accountConcurrency: width })
  const seconds = (performance.now() - started) / 1000
  const clientCpu = cpuMs() - cpu
  const { counts, audit, rateLimited, cpuMs: fakeCpuAfter } = await fake.ask({ requests: true, audit: accounts })
  const requests = total(counts)
  const floor = requests / limit
  const latencyFloor = (requests * LATENCY_MS) / 1000 / width
  const bound = latencyFloor > floor ? 'latency' : 'limit'
  const rows: Row[] = [
    {
      figure: `${count} accounts, ${limit}/s limit, concurrency ${width}`,
      vs: `the limit's floor (${requests} requests ÷ ${limit}/s)`,
      ratio: seconds / floor,
      goal: 1.2,
      note:
        `unconverged after one pass: ${summary.unconvergedCount}; duplicates: ${audit?.duplicates}; missing: ${audit?.missing}; 429s: ${rateLimited}; ` +
        `client CPU ${(clientCpu / requests).toFixed(2)} ms per request, ${(clientCpu / (fakeCpuAfter - fakeCpu)).toFixed(2)}× the fake's`,
    },
    {
      figure: `  the same run`,
      vs: `the latency floor (${requests} × ${LATENCY_MS} ms ÷ ${width})`,
      ratio: seconds / latencyFloor,
      ...(bound === 'latency' ? { goal: 1.2 } : {}),
      note:
        bound === 'latency'
          ? `the latency floor is ${(latencyFloor / floor).toFixed(2)}× the limit's: it bounds this run, not the limit`
          : `below the limit's floor (${(latencyFloor / floor).toFixed(2)}×): the limit bounds this run`,
    },
  ]
  if (limit === 500 && width > 1) rows.push(await plainUnderBudget(fake, limit, width, seconds))
  if (limit === 500 && width === 32) rows.push(await pacingAlone(limit, width, requests))
  return rows
}

/** The plain-fetch client, same accounts and pattern, under the same limit and budget: the machine's floor. */
async function plainUnderBudget(fake: FakeProcess, limit: number, width: number, oursSeconds: number): Promise<Row> {
  const accounts = accountIds(ACCOUNTS, `P${limit}W${width}`)
  await fake.ask({ empty: true, rateLimit: { perSecond: limit, burst: burstOf(limit) } })
  const budget = createRateBudget({ requestsPerSecond: limit, concurrency: width })
  const started = performance.now()
  await plainReconcile({ baseUrl: fake.url, keyId: RZ_KEY, keySecret: RZ_SECRET, targets: targetsOf(accounts), width, budget })
  const seconds = (performance.now() - started) / 1000
  const { counts, rateLimited } = await fake.ask({ requests: true })
  const floor = total(counts) / limit
  return {
    figure: `  plain fetch, same requests, pattern and budget`,
    vs: `the limit's floor (${total(counts)} requests ÷ ${limit}/s)`,
    ratio: seconds / floor,
    note: `the library took ${(oursSeconds / seconds).toFixed(2)}× as long as plain fetch; 429s: ${rateLimited}`,
  }
}

/**
 * The budget alone: the same number of requests, each a 20 ms timer instead of an HTTP exchange, through a
 * budget at the limit: what pacing itself costs against the limit's floor.
 */
async function pacingAlone(limit: number, width: number, requests: number): Promise<Row> {
  const budget = createRateBudget({ requestsPerSecond: limit, concurrency: width })
  let left = requests
  const started = performance.now()
  const worker = async () => {
    while (left-- > 0) {
      const release = await budget.acquire()
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS))
      release()
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
  return {
    figure: `  the budget's pacing alone (a ${LATENCY_MS} ms timer per request, no HTTP)`,
    vs: `the limit's floor (${requests} ÷ ${limit}/s)`,
    ratio: (performance.now() - started) / 1000 / (requests / limit),
    note: 'what the budget itself adds',
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
const peakRss = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url))

type ChildFigures = { ms: number; cpuMs: number; peakGrowthKB: number; retainedKB: number }

type Way = 'unihook' | 'fetch' | 'ky'

function runChild(baseUrl: string, way: Way, width: number): Promise<ChildFigures> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--expose-gc', child, baseUrl, String(MEMORY_ACCOUNTS), way, RZ_KEY, RZ_SECRET, String(width)],
      { cwd: root, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    ),
  )
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/**
 * Peak RSS growth, heap kept and CPU per request, the library against plain fetch sending the same
 * requests in the same pattern, and ky alone doing the same (the floor with ky in the path), each run in
 * its own child process, alternating (fetch, ky, unihook, unihook, ky, fetch) so that load from other
 * processes falls on all alike.
 */
async function memory(fake: FakeProcess): Promise<Row[]> {
  await fake.ask({ rateLimit: { perSecond: 0 }, latency: 2 })
  const width = 8
  const runs = { unihook: [] as ChildFigures[], fetch: [] as ChildFigures[], ky: [] as ChildFigures[] }
  const perRequest = { unihook: [] as number[], fetch: [] as number[], ky: [] as number[], fake: [] as number[] }
  for (const way of ['fetch', 'ky', 'unihook', 'unihook', 'ky', 'fetch'] as const) {
    await fake.ask({ empty: true })
    const fakeCpu = (await fake.ask({})).cpuMs
    const measured = await runChild(fake.url, way, width)
    const { counts, cpuMs: fakeCpuAfter } = await fake.ask({ requests: true })
    runs[way].push(measured)
    perRequest[way].push(measured.cpuMs / total(counts))
    perRequest.fake.push((fakeCpuAfter - fakeCpu) / total(counts))
  }
  const of = (way: Way, pick: (f: ChildFigures) => number) => mean(runs[way].map(pick))
  const peak = { unihook: of('unihook', (f) => f.peakGrowthKB), fetch: of('fetch', (f) => f.peakGrowthKB), ky: of('ky', (f) => f.peakGrowthKB) }
  const cpu = { unihook: mean(perRequest.unihook), fetch: mean(perRequest.fetch), ky: mean(perRequest.ky), fake: mean(perRequest.fake) }
  return [
    {
      figure: `peak RSS growth per account, ${MEMORY_ACCOUNTS} accounts streamed (concurrency ${width})`,
      vs: 'a plain-fetch client sending the same requests in the same pattern',
      ratio: peak.unihook / peak.fetch,
      goal: 1.2,
      note: `unihook ${peak.unihook.toFixed(1)} KB, fetch ${peak.fetch.toFixed(1)} KB per account`,
    },
    {
      figure: '  ky alone, same requests and pattern',
      vs: 'the plain-fetch client',
      ratio: peak.ky / peak.fetch,
      note: `ky alone ${peak.ky.toFixed(1)} KB per account: the floor with ky in the path; unihook is ${(peak.unihook / peak.ky).toFixed(2)}× it`,
    },
    {
      figure: '  heap kept after a forced GC, per account',
      vs: 'the goal, 4 KB per account',
      ratio: of('unihook', (f) => f.retainedKB) / 4,
      goal: 1,
      note: `${of('unihook', (f) => f.retainedKB).toFixed(2)} KB per account`,
    },
    {
      figure: '  client CPU per request (list, create, list)',
      vs: 'the plain-fetch client, same requests',
      ratio: cpu.unihook / cpu.fetch,
      note: `unihook ${cpu.unihook.toFixed(3)} ms, fetch ${cpu.fetch.toFixed(3)} ms, the fake ${cpu.fake.toFixed(3)} ms per request (unihook ${(cpu.unihook / cpu.fake).toFixed(2)}× the fake's)`,
    },
    {
      figure: '  ky alone CPU per request, same requests',
      vs: 'the plain-fetch client',
      ratio: cpu.ky / cpu.fetch,
      note: `ky alone ${cpu.ky.toFixed(3)} ms per request; unihook is ${(cpu.unihook / cpu.ky).toFixed(2)}× it`,
    },
  ]
}

const CLI_BUDGET_MB = 250

/**
 * The built CLI's `apply` over a config of `MEMORY_ACCOUNTS` Razorpay accounts (one webhook each), against
 * the fake, in its own process: its peak RSS (read by peak-rss.cjs at exit) against the issue's 250 MB
 * at 10,000 accounts.
 */
async function cliPeak(fake: FakeProcess): Promise<Row> {
  const bin = join(root, 'packages/cli/dist/bin.js')
  if (!existsSync(bin)) return { figure: 'CLI apply peak RSS', vs: `${CLI_BUDGET_MB} MB`, ratio: Number.NaN, note: 'packages/cli is not built' }
  await fake.ask({ empty: true, rateLimit: { perSecond: 0 }, latency: 2 })
  const dir = await mkdtemp(join(tmpdir(), 'unihook-scale-'))
  try {
    const accounts = accountIds(MEMORY_ACCOUNTS, 'Cli')
    const webhooks = targetsOf(accounts).map(({ account, desired }) => ({ provider: 'razorpay', account, ...desired[0] }))
    await writeFile(join(dir, 'unihook.config.json'), JSON.stringify({ webhooks }))
    const out = join(dir, 'rss')
    const env = {
      ...process.env,
      RAZORPAY_KEY_ID: RZ_KEY,
      RAZORPAY_KEY_SECRET: RZ_SECRET,
      RAZORPAY_BASE_URL: fake.url,
      UNIHOOK_BENCH_RSS_OUT: out,
      NO_COLOR: '1',
    }
    const code = await new Promise<number | null>((resolve) =>
      execFile(process.execPath, ['-r', peakRss, bin, 'apply', '--yes', '--json'], { cwd: dir, env, maxBuffer: 1 << 30 }, (error) =>
        resolve(error ? ((error as { code?: number }).code ?? 1) : 0),
      ),
    )
    const peakMB = Number(await readFile(out, 'utf8')) / 1024
    const { audit } = await fake.ask({ audit: accounts })
    return {
      figure: `CLI apply peak RSS, ${MEMORY_ACCOUNTS} accounts${MEMORY_ACCOUNTS < 10_000 ? ' (the goal is set at 10,000)' : ''}`,
      vs: `the issue's ${CLI_BUDGET_MB} MB`,
      ratio: peakMB / CLI_BUDGET_MB,
      goal: 1,
      note: `${peakMB.toFixed(0)} MB, ${((peakMB * 1024) / MEMORY_ACCOUNTS).toFixed(1)} KB per account; exit ${code}; missing after: ${audit?.missing}`,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function bench(): Promise<Row[]> {
  console.log(`scale: ${ACCOUNTS} accounts per run (UNIHOOK_BENCH_ACCOUNTS; the issue's full run is 10000), memory over ${MEMORY_ACCOUNTS}`)
  const fake = await startFake()
  const rows: Row[] = []
  // The full run takes tens of minutes: each figure is also printed (to stderr) as soon as it is measured.
  const add = (measured: readonly Row[]) => {
    for (const row of measured) console.error(`scale: ${row.figure.trim()} against ${row.vs}: ${round2(row.ratio)}×${row.note ? ` (${row.note})` : ''}`)
    rows.push(...measured)
  }
  try {
    await fake.ask({ latency: LATENCY_MS })
    const provider = razorpayAdapter(fake.url, undefined, undefined) as unknown as WebhookProvider
    if (PARTS.has('limits')) for (const limit of LIMITS) for (const width of WIDTHS) add(await limited(fake, provider, limit, width))
    if (PARTS.has('operators')) add([await twoOperators(fake, provider)])
    if (PARTS.has('resume')) add([await resume(fake, provider)])
    if (PARTS.has('memory')) add(await memory(fake))
    if (PARTS.has('cli')) add([await cliPeak(fake)])
    return rows
  } finally {
    fake.stop()
  }
}
