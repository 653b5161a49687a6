// One reconciliation over many Razorpay accounts in a fresh process, so that its memory is its own: the
// fake runs in another process. argv: <baseUrl> <accounts> <way: unihook|fetch|ky> <keyId> <keySecret> <width>.
// Each account starts empty and should hold one webhook: the library plans (one list), creates, and
// confirms (one list); the plain-fetch client (plain-client.mjs), or ky alone, sends the same three requests, `width`
// accounts at a time. Prints { ms, cpuMs, peakGrowthKB, retainedKB }: the run's CPU time, and per
// account the peak RSS growth over the run (sampled every 5 ms) and the heap kept after the run once a
// forced GC has run (needs --expose-gc).
import { createRateBudget, reconcileAccounts } from '@unihook/core'
import { razorpay } from '@unihook/razorpay'
import { plainReconcile } from './plain-client.mjs'

const [baseUrl, total, way, keyId, keySecret, widthArg] = process.argv.slice(2)
const count = Number(total)
const width = Number(widthArg)
const accounts = function* () {
  for (let i = 0; i < count; i++) {
    const account = `acc_Mem${String(i).padStart(11, '0')}`
    yield { account, desired: [{ url: `https://hooks.example.com/${account}/1`, events: ['payment.captured'] }] }
  }
}

async function library() {
  const adapter = razorpay({ keyId, keySecret, baseUrl, generateSecrets: false })
  const budget = createRateBudget({ concurrency: width })
  const result = await reconcileAccounts(adapter, accounts(), { budget, accountConcurrency: width })()
  if (result._tag === 'Left' || result.right.unconvergedCount > 0) throw new Error(`unconverged: ${JSON.stringify(result)}`)
}

globalThis.gc()
const heapBefore = process.memoryUsage().heapUsed
const rssBefore = process.memoryUsage.rss()
let peak = rssBefore
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss())
}, 5)
const started = performance.now()
const cpuBefore = process.cpuUsage()
await (way === 'unihook' ? library() : plainReconcile({ baseUrl, keyId, keySecret, targets: accounts(), width, client: way }))
const cpu = process.cpuUsage(cpuBefore)
const ms = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage.rss())
await new Promise((resolve) => setTimeout(resolve, 50))
globalThis.gc()
globalThis.gc()
const retained = process.memoryUsage().heapUsed - heapBefore
const cpuMs = (cpu.user + cpu.system) / 1000
process.stdout.write(JSON.stringify({ ms, cpuMs, peakGrowthKB: (peak - rssBefore) / 1024 / count, retainedKB: retained / 1024 / count }))
