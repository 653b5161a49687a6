// One auto-paging walk in a fresh process, so that its RSS is its own: the fake runs in the parent.
// argv: <baseUrl> <items> <way: unihook|fetch>. Prints { ms, rssGrowthMB, items } as JSON.
import { iterateAll } from '@unihook/core'
import { razorpay } from '@unihook/razorpay'

const [baseUrl, total, way, keyId, keySecret, account] = process.argv.slice(2)
const items = Number(total)
const rss = () => process.memoryUsage.rss()

async function* rawPages() {
  const auth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
  for (let skip = 0; ; skip += 100) {
    const page = await fetch(`${baseUrl}/v2/accounts/${account}/webhooks?count=100&skip=${skip}`, {
      headers: { authorization: auth, accept: 'application/json' },
    }).then((r) => r.json())
    yield* page.items
    if (page.items.length < 100) return
  }
}

const walk = () =>
  way === 'fetch' ? rawPages() : iterateAll(razorpay({ keyId, keySecret, account, baseUrl }), { maxItems: Number.POSITIVE_INFINITY, pageSize: 100 })

// Warm up (JIT, connection) on the first pages, then measure from a settled heap.
let warm = 0
for await (const _ of walk()) if (++warm >= 1000) break
const before = rss()
let peak = before
let seen = 0
const started = performance.now()
for await (const _ of walk()) {
  if (++seen % 100 === 0) peak = Math.max(peak, rss())
}
const ms = performance.now() - started
if (seen !== items) throw new Error(`walked ${seen} items, expected ${items}`)
console.log(JSON.stringify({ ms, rssGrowthMB: (peak - before) / 2 ** 20, items: seen }))
