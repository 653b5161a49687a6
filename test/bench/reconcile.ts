/**
 * `plan` + `apply` over 1,000 webhooks in 100 Razorpay accounts (10 each; per account 5 updates and
 * 5 creates), over loopback, against the same work done the way the code did it before #11/#12: `plan`
 * reading at the provider's default page size and `apply` one request at a time. Each run starts from a
 * freshly seeded fake, since a run changes the store; the two ways alternate.
 */

import { apply, type ApplyReport, type DesiredWebhook, plan, type PlanOptions } from '@unihook/core'
import { serveFake } from '@unihook/core/testing'
import { median, type Row } from './measure.js'
import { inProcess, razorpayAdapter, razorpayFake } from './subjects.js'

const ACCOUNTS = Array.from({ length: 100 }, (_, i) => `acc_BenchRecon${String(i).padStart(4, '0')}`)
const PER_ACCOUNT = 10
const url = (account: string, i: number) => `https://hooks.example.com/${account}/${i}`

async function seeded(): Promise<ReturnType<typeof razorpayFake>> {
  const fake = razorpayFake(30)
  for (const account of ACCOUNTS) {
    const seeder = razorpayAdapter('http://razorpay.invalid', inProcess(fake), account)
    for (let i = 0; i < PER_ACCOUNT; i++) {
      const created = await seeder.create({ url: url(account, i), events: ['payment.captured'] })()
      if (created._tag === 'Left') throw new Error(`seeding failed: ${created.left.message}`)
    }
  }
  return fake
}

/** Keeps 5, changes the events of 5, adds 5. */
const desiredFor = (account: string): DesiredWebhook[] => [
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i), events: ['payment.captured'] })),
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i + 5), events: ['payment.captured', 'refund.created'] })),
  ...Array.from({ length: 5 }, (_, i) => ({ url: url(account, i + 10), events: ['payment.captured'] })),
]

type Way = 'before' | 'now'

/** The options that reproduce the former behaviour; unknown ones are ignored by code that lacks them. */
const OPTIONS: Record<Way, { plan: (defaultPageSize: number | undefined) => Partial<PlanOptions>; apply: Record<string, unknown> }> = {
  before: { plan: (defaultPageSize) => ({ pageSize: defaultPageSize }) as Partial<PlanOptions>, apply: { concurrency: 1 } },
  now: { plan: () => ({}), apply: {} },
}

async function run(way: Way): Promise<number> {
  const fake = await seeded()
  const served = await serveFake(fake)
  try {
    const provider = razorpayAdapter(served.url)
    const started = performance.now()
    for (const account of ACCOUNTS) {
      const planned = await plan(provider, desiredFor(account), { account, ...OPTIONS[way].plan(provider.capabilities.pagination.defaultPageSize) })()
      if (planned._tag === 'Left') throw new Error(`plan failed: ${planned.left.message}`)
      const report: ApplyReport = await apply(provider, planned.right, OPTIONS[way].apply)()
      if (!report.complete) throw new Error(`apply failed: ${report.failed[0]?.error.message}`)
    }
    return performance.now() - started
  } finally {
    await served.close()
  }
}

export async function bench(): Promise<Row[]> {
  const ratios: number[] = []
  for (let round = 0; round < 3; round++) {
    const order: Way[] = round % 2 ? ['now', 'before'] : ['before', 'now']
    const times: Record<string, number> = {}
    for (const way of order) times[way] = await run(way)
    ratios.push((times.now as number) / (times.before as number))
  }
  return [
    {
      figure: 'plan + apply, 1,000 webhooks in 100 Razorpay accounts',
      vs: 'before (default page size, one request at a time)',
      ratio: median(ratios),
      goal: 1 / 3,
      note: 'goal: at least 3× faster',
    },
  ]
}
