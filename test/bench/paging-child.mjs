// One auto-paging walk in a fresh process, so that its RSS is its own: the fake runs in the parent.
// argv: <baseUrl> <items> <way: unihook|ky|fetch> <apiKey> <accept>. Prints { ms, rssGrowthMB, youngMB, items } as JSON:
// the peak RSS growth over the walk, and how much of it is V8's young generation growing (its
// semi-spaces, up to 2 × 16 MB on 64-bit Node 20), which any allocating walk pays.
import { getHeapSpaceStatistics } from 'node:v8'
import { iterateAll } from '@unihook/core'
import { conekta } from '@unihook/conekta'
import ky from 'ky'

const [baseUrl, total, way, apiKey, accept] = process.argv.slice(2)
const items = Number(total)
const PAGE = 250
const rss = () => process.memoryUsage.rss()
const youngGeneration = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0

/** The same pages as the adapter asks for, read with `get` (raw fetch or ky alone), items as parsed. */
async function* pagesWith(get) {
  const headers = { authorization: `Bearer ${apiKey}`, accept, 'accept-language': 'es' }
  for (let next = `${baseUrl}/webhooks?limit=${PAGE}`; next; ) {
    const page = await get(next, headers)
    yield* page.data
    next = page.has_more && page.data.length > 0 ? `${baseUrl}/webhooks?limit=${PAGE}&next=${page.data[page.data.length - 1].id}` : undefined
  }
}

const ways = {
  fetch: () => pagesWith((url, headers) => fetch(url, { headers }).then((r) => r.json())),
  ky: () => pagesWith((url, headers) => ky.get(url, { headers }).json()),
  unihook: () => iterateAll(conekta({ apiKey, baseUrl }), { maxItems: Number.POSITIVE_INFINITY, pageSize: PAGE }),
}
const walk = ways[way]

// Warm up (JIT, connection) on the first pages, then measure from there.
let warm = 0
for await (const _ of walk()) if (++warm >= 1000) break
const before = rss()
const youngBefore = youngGeneration()
let peak = before
let youngAtPeak = youngBefore
let seen = 0
const started = performance.now()
for await (const _ of walk()) {
  if (++seen % 100 === 0) {
    const now = rss()
    if (now > peak) [peak, youngAtPeak] = [now, youngGeneration()]
  }
}
const ms = performance.now() - started
if (seen !== items) throw new Error(`walked ${seen} items, expected ${items}`)
console.log(JSON.stringify({ ms, rssGrowthMB: (peak - before) / 2 ** 20, youngMB: (youngAtPeak - youngBefore) / 2 ** 20, items: seen }))
