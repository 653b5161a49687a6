/**
 * Auto-paging: `iterateAll` over 10k and 100k Conekta webhooks (pages of 250) served over loopback by
 * this process, each walk in its own child process so that its peak RSS growth is the client's alone,
 * against the same walk made with raw fetch. Conekta's cursor (the last id) is the one a walk of 100k
 * can follow: Razorpay's adapter refuses offsets past 10,000, far beyond its 30 webhooks per account.
 * Also the fakes: a Razorpay page in a 100k store, and the Calypso list of 100k subscriptions (one answer)
 * per item, each against the same in a 1k store.
 */

import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { StoredSubscription } from '@unihook/calypso/testing'
import { acceptFor } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { serveFake } from '@unihook/core/testing'
import { type Contender, interleave, median, ratioOf, type Row } from './measure.js'
import { CP_ACCOUNT, calypsoAdapter, calypsoFake, inProcess, RZ_ACCOUNT, RZ_KEY, RZ_SECRET, razorpayFake } from './subjects.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const child = fileURLToPath(new URL('./paging-child.mjs', import.meta.url))

const CK_KEY = 'key_bench_paging_0123456789'
const CK_ACCEPT = acceptFor('2.3.0')
const GOAL_MB = 30

/** A Conekta fake holding `count` webhooks, restored from a made-up state (100k creates through HTTP would take minutes). */
function conektaWith(count: number) {
  const fake = createConektaFake({ apiKey: CK_KEY, maxWebhooks: count })
  const hex = (i: number) => i.toString(16).padStart(24, '0')
  fake.restore({
    webhookKeys: [],
    webhooks: Array.from({ length: count }, (_, i) => ({
      id: hex(0x5f00000000 + i),
      object: 'webhook' as const,
      url: `https://hooks.example.com/conekta/${i}`,
      status: 'listening',
      subscribed_events: ['order.paid', 'charge.paid'],
      synchronous: false,
      active: true,
      livemode: false,
    })),
  })
  return fake
}

interface Walk {
  readonly ms: number
  readonly rssGrowthMB: number
  readonly youngMB: number
}

type Way = 'unihook' | 'ky' | 'fetch'

function walk(baseUrl: string, items: number, way: Way): Promise<Walk> {
  // Async, so that this process keeps serving the fake while the child walks it.
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, baseUrl, String(items), way, CK_KEY, CK_ACCEPT], { cwd: root, maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Walk),
    )
  })
}

type Runs = Record<Way, Walk[]>

async function walks(items: number): Promise<Runs> {
  const served = await serveFake(conektaWith(items))
  const runs: Runs = { unihook: [], ky: [], fetch: [] }
  const ways: Way[] = ['unihook', 'ky', 'fetch']
  try {
    for (let round = 0; round < 3; round++) {
      // Rotating which goes first, so that none always meets the fake's heap after another's garbage.
      for (let k = 0; k < ways.length; k++) {
        const way = ways[(round + k) % ways.length] as Way
        runs[way].push(await walk(served.url, items, way))
      }
    }
  } finally {
    await served.close()
  }
  return runs
}

const mb = (n: number) => `${n.toFixed(0)} MB`

async function autoPaging(): Promise<Row[]> {
  const rows: Row[] = []
  const perItem = new Map<number, { ours: number; ky: number }>()
  for (const items of [10_000, 100_000]) {
    const runs = await walks(items)
    const againstFetch = (way: Way) => median(runs[way].map((w, i) => w.ms / (runs.fetch[i] as Walk).ms))
    const timeRatio = againstFetch('unihook')
    perItem.set(items, { ours: timeRatio, ky: againstFetch('ky') })
    const growth = (way: Way) => median(runs[way].map((w) => w.rssGrowthMB))
    const young = (way: Way) => mb(median(runs[way].map((w) => w.youngMB)))
    const ours = growth('unihook')
    rows.push({ figure: `auto-paging ${items / 1000}k, time per item`, vs: 'raw fetch paging', ratio: timeRatio })
    rows.push({
      figure: `auto-paging ${items / 1000}k, peak RSS growth`,
      vs: 'ky alone paging (the floor)',
      ratio: ours / Math.max(growth('ky'), 1),
      note: `${mb(ours)} (goal < ${GOAL_MB} MB: ${ours < GOAL_MB ? 'met' : 'NOT met'}); ky alone ${mb(growth('ky'))}, raw fetch ${mb(growth('fetch'))}`,
    })
    rows.push({
      figure: `  of which V8's young generation growing`,
      vs: '',
      ratio: Number.NaN,
      note: `ours ${young('unihook')}, ky alone ${young('ky')}, raw fetch ${young('fetch')}`,
    })
  }
  const small = perItem.get(10_000)
  const large = perItem.get(100_000)
  // Each normalised by raw fetch in the same runs, so that load drifting between the two sizes cancels out.
  if (small && large) {
    rows.push({ figure: 'auto-paging time per item, 100k', vs: 'the same at 10k', ratio: large.ours / small.ours, goal: 1.1, note: 'flat is 1×' })
    rows.push({ figure: '  the same for ky alone (the floor)', vs: 'ky alone at 10k', ratio: large.ky / small.ky })
  }
  return rows
}

/** Fills the Razorpay fake straight through its handler (no HTTP, no adapter). */
async function fillRazorpay(fake: ReturnType<typeof razorpayFake>, count: number): Promise<void> {
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

/** A Calypso fake holding `count` subscriptions of the bench account, restored from a made-up state. */
function calypsoWith(count: number) {
  const fake = calypsoFake()
  const created = new Date('2026-01-01T00:00:00Z').getTime()
  const subscriptions: StoredSubscription[] = Array.from({ length: count }, (_, i) => ({
    account: CP_ACCOUNT,
    requestId: randomUUID(),
    url: `https://hooks.example.com/calypso/${i}`,
    events: ['INVOICE_PAID'],
    services: [],
    publicKey: randomBytes(16).toString('hex'),
    secretKey: randomBytes(16).toString('hex'),
    createdDate: new Date(created + i * 1000).toISOString(),
    enabled: true,
    blockedByErrorCount: false,
    errorCount: 0,
    errorFirstDate: null,
    errorLastDate: null,
    failures: [],
  }))
  fake.restore({ subscriptions })
  return fake
}

/** The fakes' work per item, each store of 100k against the same in a 1k store. */
async function fakes(): Promise<Row[]> {
  const big = razorpayFake(100_000)
  const small = razorpayFake(1_000)
  await fillRazorpay(big, 100_000)
  await fillRazorpay(small, 1_000)
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
  const cpBig = calypsoWith(100_000)
  const cpSmall = calypsoWith(1_000)
  const perItem = (contenders: Contender[]) => async () => {
    // The big call lists 100× the small one's items: per item, it should cost the same.
    const times = await interleave(contenders, { rounds: 5, batch: 1 })
    return (ratioOf(times, 'big', 'small') * 1_000) / 100_000
  }
  let answerBytes = 0
  /** The signed list call, answered by the fake alone, its whole body read as bytes (what the server sends). */
  const served = (fake: ReturnType<typeof calypsoFake>) => {
    const adapter = calypsoAdapter('http://calypso.invalid', async (input, init) => {
      const response = await fake.handle(new Request(input, init))
      answerBytes = Math.max(answerBytes, (await response.arrayBuffer()).byteLength)
      return new Response('{"subscriptions":[]}', { status: response.status, headers: response.headers })
    })
    return () => adapter.list()()
  }
  const listed = (fake: ReturnType<typeof calypsoFake>) => {
    const adapter = calypsoAdapter('http://calypso.invalid', inProcess(fake))
    return async () => {
      const result = await adapter.list()()
      if (result._tag === 'Left') throw new Error(result.left.message)
      return result.right.items.length
    }
  }
  /** The client's floor: reading and JSON-parsing the same answer, no decoding or mapping. */
  const parsed = (fake: ReturnType<typeof calypsoFake>) => {
    const adapter = calypsoAdapter('http://calypso.invalid', async (input, init) => {
      const response = await fake.handle(new Request(input, init))
      JSON.parse(await response.text())
      return new Response('{"subscriptions":[]}', { status: response.status, headers: response.headers })
    })
    return () => adapter.list()()
  }
  const fakeRatio = await perItem([
    { name: 'big', run: served(cpBig) },
    { name: 'small', run: served(cpSmall) },
  ])()
  rows.push({
    figure: 'Calypso fake, list of 100k subscriptions, per item',
    vs: 'list of 1k, per item',
    ratio: fakeRatio,
    goal: 1.5,
    note: `one answer of ${(answerBytes / 2 ** 20).toFixed(0)} MB, serialised as it is read`,
  })
  const floorRatio = await perItem([
    { name: 'big', run: parsed(cpBig) },
    { name: 'small', run: parsed(cpSmall) },
  ])()
  const adapterRatio = await perItem([
    { name: 'big', run: listed(cpBig) },
    { name: 'small', run: listed(cpSmall) },
  ])()
  rows.push({
    figure: '  fake + Calypso adapter list, per item',
    vs: 'list of 1k, per item',
    ratio: adapterRatio,
    note: `floor: fake + JSON.parse alone ${floorRatio.toFixed(2)}×`,
  })
  return rows
}

export async function bench(): Promise<Row[]> {
  return [...(await autoPaging()), ...(await fakes())]
}
