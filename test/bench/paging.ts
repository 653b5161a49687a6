/**
 * Auto-paging: `iterateAll` over 10k and 100k Razorpay webhooks (pages of 100) served over loopback,
 * each walk in its own process so that its peak RSS growth is its own, against the same walk made with
 * raw fetch. Also the fakes: the Razorpay fake's page and the Calypso fake's list of 100k subscriptions,
 * against a small store, per item.
 */

import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { serveFake } from '@unihook/core/testing'
import { type Contender, interleave, median, ratioOf, type Row } from './measure.js'
import { CP_ACCOUNT, calypsoAdapter, calypsoFake, inProcess, RZ_ACCOUNT, razorpayFake } from './subjects.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const child = fileURLToPath(new URL('./paging-child.mjs', import.meta.url))

const RZ_KEY = 'rzp_test_BenchPartnerKey'
const RZ_SECRET = 'bench-razorpay-key-secret'

/** Fills the fake straight through its handler (no HTTP, no adapter), which is quick for 100k. */
async function fill(fake: ReturnType<typeof razorpayFake>, count: number): Promise<void> {
  const send = inProcess(fake)
  const authorization = `Basic ${Buffer.from(`${RZ_KEY}:${RZ_SECRET}`).toString('base64')}`
  for (let i = 0; i < count; i++) {
    const response = await send(`http://razorpay.invalid/v2/accounts/${RZ_ACCOUNT}/webhooks`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://hooks.example.com/${i}`, events: ['payment.captured'] }),
    })
    if (response.status !== 200) throw new Error(`seeding the Razorpay fake failed: ${await response.text()}`)
  }
  // The fake records every request; 100k recorded creates would weigh on every later garbage collection.
  fake.clearRequests()
}

interface Walk {
  readonly ms: number
  readonly rssGrowthMB: number
}

function walk(baseUrl: string, items: number, way: 'unihook' | 'fetch'): Promise<Walk> {
  // Async, so the parent keeps serving the fake while the child walks it.
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, baseUrl, String(items), way, RZ_KEY, RZ_SECRET, RZ_ACCOUNT], { cwd: root, maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Walk),
    )
  })
}

async function autoPaging(): Promise<Row[]> {
  const rows: Row[] = []
  const perItem = new Map<number, { unihook: number[]; fetch: number[]; rss: number[]; rssFetch: number[] }>()
  for (const items of [10_000, 100_000]) {
    const fake = razorpayFake(items)
    await fill(fake, items)
    const served = await serveFake(fake)
    const runs = { unihook: [] as number[], fetch: [] as number[], rss: [] as number[], rssFetch: [] as number[] }
    try {
      for (let round = 0; round < 3; round++) {
        // Alternating which goes first, so neither always meets the fake's heap after the other's garbage.
        const first = await walk(served.url, items, round % 2 ? 'fetch' : 'unihook')
        const second = await walk(served.url, items, round % 2 ? 'unihook' : 'fetch')
        const [ours, raw] = round % 2 ? [second, first] : [first, second]
        runs.unihook.push(ours.ms / items)
        runs.fetch.push(raw.ms / items)
        runs.rss.push(ours.rssGrowthMB)
        runs.rssFetch.push(raw.rssGrowthMB)
      }
    } finally {
      await served.close()
    }
    perItem.set(items, runs)
    const ratios = runs.unihook.map((t, i) => t / (runs.fetch[i] as number))
    rows.push({ figure: `auto-paging ${items / 1000}k, time per item`, vs: 'raw fetch paging', ratio: median(ratios) })
    rows.push({
      figure: `auto-paging ${items / 1000}k, peak RSS growth`,
      vs: 'raw fetch paging',
      ratio: median(runs.rss) / Math.max(median(runs.rssFetch), 1),
      note: `${median(runs.rss).toFixed(0)} MB (goal < 30 MB), raw fetch ${median(runs.rssFetch).toFixed(0)} MB`,
    })
  }
  const small = perItem.get(10_000)
  const large = perItem.get(100_000)
  if (small && large) {
    // Normalised by raw fetch in the same runs, so that load drifting between the two sizes cancels out.
    const flat = median(large.unihook.map((t, i) => t / (large.fetch[i] as number))) / median(small.unihook.map((t, i) => t / (small.fetch[i] as number)))
    rows.push({ figure: 'auto-paging time per item, 100k', vs: 'the same at 10k', ratio: flat, goal: 1.1, note: 'flat is 1×' })
  }
  return rows
}

/** A fake's page, at 100 items in a 100k store against the same page in a 1k store. */
async function fakes(): Promise<Row[]> {
  const big = razorpayFake(100_000)
  const small = razorpayFake(1_000)
  await fill(big, 100_000)
  await fill(small, 1_000)
  const authorization = `Basic ${Buffer.from(`${RZ_KEY}:${RZ_SECRET}`).toString('base64')}`
  const page = (fake: ReturnType<typeof razorpayFake>, skip: number) => () =>
    inProcess(fake)(`http://razorpay.invalid/v2/accounts/${RZ_ACCOUNT}/webhooks?count=100&skip=${skip}`, { headers: { authorization } }).then((r) => r.json())
  const rzTimes = await interleave(
    [
      { name: 'big', run: page(big, 50_000) },
      { name: 'small', run: page(small, 500) },
    ],
    { rounds: 10, batch: 20 },
  )
  const rows: Row[] = [{ figure: 'Razorpay fake, a page of 100 in a 100k store', vs: 'in a 1k store', ratio: ratioOf(rzTimes, 'big', 'small'), goal: 1.5 }]

  // Calypso lists everything in one answer: the fake must hold and serve 100k, at a cost per item.
  const cpBig = calypsoFake()
  const cpSmall = calypsoFake()
  const seed = async (fake: ReturnType<typeof calypsoFake>, count: number) => {
    const adapter = calypsoAdapter('http://calypso.invalid', inProcess(fake))
    for (let i = 0; i < count; i++) {
      const created = await adapter.create({ url: `https://hooks.example.com/${i}`, events: ['INVOICE_PAID'] })()
      if (created._tag === 'Left') throw new Error(`seeding the Calypso fake failed: ${created.left.message}`)
    }
    fake.clearRequests()
  }
  await seed(cpBig, 100_000)
  await seed(cpSmall, 1_000)
  const list = (fake: ReturnType<typeof calypsoFake>) => {
    const adapter = calypsoAdapter('http://calypso.invalid', inProcess(fake))
    return async () => {
      const page = await adapter.list()()
      if (page._tag === 'Left') throw new Error(page.left.message)
      return page.right.items.length
    }
  }
  const contenders: Contender[] = [
    { name: 'big', run: list(cpBig) },
    { name: 'small', run: list(cpSmall) },
  ]
  // The big list costs 100× the small one per call; per item, it should cost the same.
  const cpTimes = await interleave(contenders, { rounds: 3, batch: 1 })
  const perItemRatio = (ratioOf(cpTimes, 'big', 'small') * 1_000) / 100_000
  rows.push({
    figure: 'Calypso fake + adapter, list of 100k, per item',
    vs: 'list of 1k, per item',
    ratio: perItemRatio,
    goal: 1.5,
    note: `account ${CP_ACCOUNT.slice(0, 6)}…`,
  })
  return rows
}

export async function bench(): Promise<Row[]> {
  return [...(await autoPaging()), ...(await fakes())]
}
