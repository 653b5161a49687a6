// Mounts a fake with `mswHandler` from @unihook/core/testing/msw under whichever msw major the consumer
// installed, and drives an adapter through it. `getResponse` (msw's own matcher) runs on every Node
// version we support; `setupServer` runs where that msw major supports the running Node (msw 3 needs
// Node 22.12 or newer).
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { runOrThrow } from '@unihook/core'
import { mswHandler } from '@unihook/core/testing/msw'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { getResponse } from 'msw'

const mswVersion = createRequire(import.meta.url)('msw/package.json').version
const major = Number(mswVersion.split('.')[0])
const [nodeMajor = 0, nodeMinor = 0] = process.versions.node.split('.').map(Number)
const keys = { keyId: 'rzp_test_Cq4nF7kLm2Pz9X', keySecret: 'consumer-partner-secret' }
const account = 'acc_H3kYHQ635sBwXG'
const baseUrl = 'https://api.razorpay.com'

async function roundTrip(provider) {
  const created = await runOrThrow(provider.create({ url: 'https://shop.example/msw', events: ['payment.captured'] }))
  const { items } = await runOrThrow(provider.list({ pageSize: 10 }))
  assert.deepEqual(
    items.map((w) => w.id),
    [created.id],
  )
}

const handler = mswHandler(createRazorpayFake({ ...keys, accounts: [account] }), baseUrl)
const viaMsw = async (input, init) => (await getResponse([handler], new Request(input, init))) ?? Response.error()
await roundTrip(razorpay({ ...keys, account, fetch: viaMsw }))
const ran = ['getResponse']

if (major < 3 || nodeMajor > 22 || (nodeMajor === 22 && nodeMinor >= 12)) {
  const { setupServer } = await import('msw/node')
  const server = setupServer(mswHandler(createRazorpayFake({ ...keys, accounts: [account] }), baseUrl))
  server.listen({ onUnhandledRequest: 'error' })
  try {
    await roundTrip(razorpay({ ...keys, account }))
  } finally {
    server.close()
  }
  ran.push('setupServer')
}
console.log(`msw ${mswVersion}: mswHandler works through ${ran.join(' and ')}`)
