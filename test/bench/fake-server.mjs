// A Razorpay fake served from its own process, so that the client measured in the parent does not share
// its event loop or CPU with the provider: in reality the provider is remote. Driven over IPC:
//   { seed: { accounts, perAccount } } seeds through the handler and remembers that state,
//   { restore: true } puts the seeded state back (a run changes the store) and forgets recorded requests,
//   { latency: ms } delays every answer by ms, as a network between client and provider would,
//   { requests: true } answers how many requests of each method arrived since (429s included),
//   { rateLimit: { perSecond, burst } } refuses requests over a token bucket with 429 (perSecond 0 removes it),
//   { empty: true } removes every webhook and forgets recorded requests,
//   { keep: true } remembers the current state as the one `restore` puts back,
//   { audit: accounts } answers, over those accounts, how many hold no webhook and how many duplicates there are.
// Every answer carries the process's CPU time so far.
import { serveFake } from '@unihook/core/testing'
import { createRazorpayFake } from '@unihook/razorpay/testing'

const [keyId, keySecret] = process.argv.slice(2)
const fake = createRazorpayFake({ keys: { [keyId]: keySecret }, maxWebhooksPerAccount: 30 })
const authorization = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
let seeded = fake.snapshot()

async function seed({ accounts, perAccount }) {
  for (const account of accounts) {
    for (let i = 0; i < perAccount; i++) {
      const response = await fake.handle(
        new Request(`http://razorpay.invalid/v2/accounts/${account}/webhooks`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ url: `https://hooks.example.com/${account}/${i}`, events: ['payment.captured'] }),
        }),
      )
      if (response.status !== 200) throw new Error(`seeding failed: ${await response.text()}`)
    }
  }
  seeded = fake.snapshot()
  forget()
}

// Counted here rather than from `fake.requests`, which keeps only the latest 10,000: every request that
// reaches the fake, 429s included.
let counts = {}
const forget = () => {
  fake.clearRequests()
  counts = {}
}
const served = await serveFake((request) => {
  counts[request.method] = (counts[request.method] ?? 0) + 1
  return fake.handle(request)
})
process.on('message', async (message) => {
  if (message.seed) await seed(message.seed)
  if (message.keep) seeded = fake.snapshot()
  if (message.restore) {
    fake.restore(seeded)
    forget()
  }
  if (message.latency !== undefined) fake.faults.latency(message.latency)
  if (message.rateLimit) fake.faults.rateLimit(message.rateLimit.perSecond, { burst: message.rateLimit.burst, retryAfter: 1 })
  if (message.empty) {
    fake.restore({ webhooks: [] })
    forget()
  }
  let audit
  if (message.audit) {
    audit = { missing: 0, duplicates: 0 }
    for (const account of message.audit) {
      const urls = fake.webhooks(account).map((w) => w.url)
      if (urls.length === 0) audit.missing++
      audit.duplicates += urls.length - new Set(urls).size
    }
  }
  process.send({ done: true, counts: message.requests ? counts : {}, cpu: process.cpuUsage(), audit, rateLimited: fake.faults.rateLimited() })
})
process.on('disconnect', () => served.close().then(() => process.exit(0)))
process.send({ url: served.url })
