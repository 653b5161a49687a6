import { createRateBudget, reconcileAccounts, type WebhookProvider } from '@unihook/core'
import { startFake } from './reconcile.js'
import { razorpayAdapter } from './subjects.js'
const N = Number(process.env.N ?? 2000),
  limit = Number(process.env.LIMIT ?? 500),
  width = Number(process.env.W ?? 32)
const fake = await startFake()
await fake.ask({ latency: 20, empty: true, rateLimit: { perSecond: limit, burst: Math.max(10, limit / 10) } })
const provider = razorpayAdapter(fake.url, undefined, undefined) as unknown as WebhookProvider
const accounts = Array.from({ length: N }, (_, i) => `acc_P${String(i).padStart(13, '0')}`)
const budget = createRateBudget({ requestsPerSecond: limit, concurrency: width, burst: Number(process.env.BURST ?? 1) })
const cpu0 = process.cpuUsage()
const f0 = (await fake.ask({})).cpuMs
const t0 = performance.now()
const r = await reconcileAccounts(
  provider,
  accounts.map((account) => ({ account, desired: [{ url: `https://h.example.com/${account}`, events: ['payment.captured'] }] })),
  { budget, accountConcurrency: width },
)()
const s = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
const { counts, rateLimited, cpuMs } = await fake.ask({ requests: true })
const req = Object.values(counts).reduce((a, b) => a + b, 0)
console.log(
  JSON.stringify({
    ratio: s / (req / limit),
    req,
    rateLimited,
    clientCpuPerReq: (cpu.user + cpu.system) / 1000 / req,
    fakeCpuPerReq: (cpuMs - f0) / req,
    stats: r._tag === 'Right' ? r.right.budget : r,
  }),
)
fake.stop()
