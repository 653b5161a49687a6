// One reconciliation over many Razorpay accounts in a fresh process, so that its memory is its own: the
// fake runs in another process. argv: <baseUrl> <accounts> <way: unihook|fetch> <keyId> <keySecret> <width>.
// Each account starts empty and should hold one webhook: the library plans (one list), creates, and
// confirms (one list); the plain-fetch client sends the same three requests, `width` accounts at a time.
// Prints { ms, peakGrowthKB, retainedKB } per account: the peak RSS growth over the run (sampled every
// 5 ms) and the heap kept after the run once a forced GC has run (needs --expose-gc).
import { createRateBudget, reconcileAccounts } from '@unihook/core'
import { razorpay } from '@unihook/razorpay'

const [baseUrl, total, way, keyId, keySecret, widthArg] = process.argv.slice(2)
const count = Number(total)
const width = Number(widthArg)
const accounts = function* () {
  for (let i = 0; i < count; i++) {
    const account = `acc_Mem${String(i).padStart(11, '0')}`
    yield { account, desired: [{ url: `https://hooks.example.com/${account}/1`, events: ['payment.captured'] }] }
  }
}
const authorization = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
const headers = { authorization, accept: 'application/json' }

async function plainFetch() {
  const iterator = accounts()
  const list = (account) => fetch(`${baseUrl}/v2/accounts/${account}/webhooks?count=100&skip=0`, { headers }).then((r) => r.json())
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const { account, desired } = next.value
      const current = await list(account)
      if (!current.items.some((w) => w.url === desired[0].url)) {
        await fetch(`${baseUrl}/v2/accounts/${account}/webhooks`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ url: desired[0].url, events: desired[0].events }),
        }).then((r) => r.json())
        await list(account)
      }
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
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
await (way === 'unihook' ? library() : plainFetch())
const ms = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage.rss())
await new Promise((resolve) => setTimeout(resolve, 50))
globalThis.gc()
globalThis.gc()
const retained = process.memoryUsage().heapUsed - heapBefore
process.stdout.write(JSON.stringify({ ms, peakGrowthKB: (peak - rssBefore) / 1024 / count, retainedKB: retained / 1024 / count }))
