/**
 * `plan` / `apply` at a Razorpay partner's scale, against the Razorpay fake served on a free port (the
 * CLI on the "real API" pointed at it, so every request is counted): saved plans (`plan -out`, `apply
 * FILE`, refused when stale), `--shard i/n`, the journal an interrupted apply resumes from, duplicates
 * flagged and fixed, and a provider that answers 429 under one rate budget.
 */

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ServedFake, serveFake } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, SPAWN_TIMEOUT_MS, startCli, tempDir, waitFor } from './helpers.js'

const KEY_ID = 'rzp_test_PartnerScale001'
const KEY_SECRET = 'partner-scale-key-secret-0001'
const URL_PASSWORD = 'hunter2-url-password'
const account = (i: number) => `acc_Part${String(i).padStart(10, '0')}`
const accounts = (n: number) => Array.from({ length: n }, (_, i) => account(i))
const hookUrl = (i: number) => `https://partner.example.com/hooks/${i}`

let dir = ''
let cleanup = () => undefined as void
let served: ServedFake | undefined
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(async () => {
  await served?.close()
  served = undefined
  cleanup()
})

/** The Razorpay fake on a free port, counting every request it receives. */
async function partner(n: number) {
  const fake = createRazorpayFake({ keyId: KEY_ID, keySecret: KEY_SECRET, accounts: accounts(n) })
  const count = { requests: 0 }
  served = await serveFake((request) => {
    count.requests++
    return fake.handle(request)
  })
  const env = { RAZORPAY_KEY_ID: KEY_ID, RAZORPAY_KEY_SECRET: KEY_SECRET, RAZORPAY_BASE_URL: served.url }
  const adapter = razorpay({ keyId: KEY_ID, keySecret: KEY_SECRET, baseUrl: served.url })
  return { fake, count, env, adapter }
}

/** A config of one webhook per account; `url` and `events` per account index. */
function writeConfig(n: number, url: (i: number) => string = hookUrl, events: (i: number) => string[] = () => ['payment.captured']): string {
  const path = join(dir, 'unihook.config.json')
  const webhooks = Array.from({ length: n }, (_, i) => ({ provider: 'razorpay', account: account(i), url: url(i), events: events(i) }))
  writeFileSync(path, JSON.stringify({ webhooks }))
  return path
}

const cli = (args: string[], env: Record<string, string>) => runCli(args, { env, cwd: dir, timeoutMs: 120_000 })

describe('saved plans: plan -out FILE, apply FILE', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('round trip: the file holds no secret (mode 0600), apply FILE reads each account once and converges', async () => {
    const { fake, count, env } = await partner(6)
    // One URL carries a password: the plan file must not.
    writeConfig(6, (i) => (i === 3 ? `https://hook:${URL_PASSWORD}@partner.example.com/hooks/3` : hookUrl(i)))
    const planned = await cli(['plan', '-out', 'partner.plan', '--json'], env)
    expect(planned.code, planned.stderr).toBe(0)
    const file = join(dir, 'partner.plan')
    expect(planned.json()).toMatchObject({ savedTo: file, summary: { creates: 6 } })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    for (const secret of [KEY_SECRET, URL_PASSWORD, btoa(`${KEY_ID}:${KEY_SECRET}`)]) expect(text).not.toContain(secret)
    expect(text.trim().split('\n')).toHaveLength(7)
    expect(count.requests).toBe(6)

    count.requests = 0
    const applied = await cli(['apply', 'partner.plan', '--json'], env)
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.json()).toMatchObject({ complete: true, summary: { succeeded: 6, failed: 0 } })
    // Per account: the read proving nothing changed, the create, the listing confirming it. No second plan.
    expect(count.requests).toBe(6 * 3)
    for (const acct of accounts(6)) expect(fake.webhooks(acct)).toHaveLength(1)
    expect(applied.stdout).not.toContain(URL_PASSWORD)

    // `--out FILE` is the same flag; a plan with nothing to do applies nothing.
    const again = await cli(['plan', '--out', 'again.plan', '--detailed-exitcode'], env)
    expect(again.code, again.stderr).toBe(0)
    count.requests = 0
    expect((await cli(['apply', 'again.plan'], env)).code).toBe(0)
    expect(count.requests).toBe(0)
  })

  it('refuses a plan whose config changed, before any request, naming the account', async () => {
    const { count, env } = await partner(4)
    writeConfig(4)
    expect((await cli(['plan', '-out', 'p.plan'], env)).code).toBe(0)
    writeConfig(4, hookUrl, (i) => (i === 2 ? ['payment.captured', 'refund.created'] : ['payment.captured']))
    count.requests = 0
    const refused = await cli(['apply', 'p.plan', '--json'], env)
    expect(refused.code).toBe(1)
    expect(refused.json().error).toMatchObject({
      tag: 'StalePlan',
      message: expect.stringContaining(`razorpay ${account(2)}: its webhooks in the config changed`),
    })
    expect(count.requests).toBe(0)
    // The plan was made for the real API: the sandbox is another target.
    const elsewhere = await cli(['apply', 'p.plan', '--sandbox', '--state', join(dir, 's.json')], env)
    expect(elsewhere.code).toBe(64)
    expect(elsewhere.stderr).toMatch(/the plan was made against the real API, not the sandbox/)
    expect(count.requests).toBe(0)
  })

  it('refuses an account that changed since the plan, writing nothing to it, and applies the others', async () => {
    const { fake, env, adapter } = await partner(4)
    writeConfig(4)
    expect((await cli(['plan', '-out', 'p.plan'], env)).code).toBe(0)
    // Another operator creates account 1's webhook meanwhile.
    const other = await adapter.create({ url: hookUrl(1), events: ['payment.captured'], secret: 'another-operators-secret' }, { account: account(1) })()
    expect(other._tag).toBe('Right')
    const applied = await cli(['apply', 'p.plan', '--json'], env)
    expect(applied.code, applied.stderr).toBe(1)
    const doc = applied.json()
    expect(doc.stale).toEqual([expect.objectContaining({ account: account(1), reason: 'current', message: expect.stringMatching(/the account changed/) })])
    expect(doc.summary).toMatchObject({ succeeded: 3, failed: 0 })
    expect(fake.webhooks(account(1))).toHaveLength(1)
    for (const i of [0, 2, 3]) expect(fake.webhooks(account(i))).toHaveLength(1)
    // The text report sends the user to a new plan: applying the same stale plan again cannot finish it.
    const again = await cli(['apply', 'p.plan'], env)
    expect(again.code).toBe(1)
    expect(again.stdout).toMatch(/plan them again \(plan -out FILE\), then apply FILE\.$/m)
    expect(again.stdout).not.toMatch(/Run apply again/)
  })
})

describe('--shard i/n', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('splits the accounts disjointly, their union every account', async () => {
    const { env } = await partner(30)
    writeConfig(30)
    const seen: string[][] = []
    for (const i of [1, 2, 3]) {
      const run = await cli(['plan', '--shard', `${i}/3`, '--json'], env)
      expect(run.code, run.stderr).toBe(0)
      expect(run.json().shard).toBe(`${i}/3`)
      seen.push(run.json().plans.map((p: { account: string }) => p.account))
    }
    for (const shard of seen) expect(shard.length).toBeGreaterThan(0)
    const all = seen.flat()
    expect(new Set(all).size).toBe(all.length)
    expect([...all].sort()).toEqual(accounts(30).sort())
  })

  it('refuses a bad shard with a typed message, exit 64, before any request', async () => {
    const { count, env } = await partner(3)
    writeConfig(3)
    for (const bad of ['0/3', '4/3', '1/0', 'two/3', '1-3']) {
      for (const command of ['plan', 'apply']) {
        const run = await cli(
          [command, '--shard', bad, '--yes', '--json'].filter((a) => command === 'apply' || a !== '--yes'),
          env,
        )
        expect(run.code, `${command} --shard ${bad}`).toBe(64)
        expect(run.json().error).toMatchObject({ tag: 'ShardError', message: expect.stringContaining(`--shard "${bad}"`) })
      }
    }
    expect(count.requests).toBe(0)
  })
})

describe('the journal: an interrupted apply resumes', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('skips the accounts finished before the interrupt: fewer requests than a full rerun, and the journal goes once complete', async () => {
    const n = 60
    const { fake, count, env } = await partner(n)
    fake.faults.latency(20, { method: 'POST' })
    writeConfig(n)
    const first = startCli(['apply', '--yes', '--concurrency', '2', '--json'], { env, cwd: dir })
    await waitFor(first.stderr, /apply: \d+\/60/)
    first.child.kill('SIGINT')
    expect(await first.exited, first.stderr()).toBe(130)
    const interrupted = fake.snapshot()

    count.requests = 0
    const resumed = await cli(['apply', '--yes', '--json'], env)
    expect(resumed.code, resumed.stderr).toBe(0)
    const done = Number(/resuming: (\d+) accounts already done/.exec(resumed.stderr)?.[1])
    expect(done).toBeGreaterThan(0)
    expect(resumed.json().accounts).toMatchObject({ resumed: done, notReached: 0 })
    const withJournal = count.requests
    expect(readdirSync(join(dir, '.unihook', 'journal'))).toEqual([])

    fake.restore(interrupted)
    count.requests = 0
    const full = await cli(['apply', '--yes', '--no-resume', '--json'], env)
    expect(full.code, full.stderr).toBe(0)
    expect(full.stderr).not.toMatch(/resuming/)
    // The full rerun reads every account the journal let the resumed run skip, one listing each.
    expect(count.requests - withJournal).toBe(done)
    for (const acct of accounts(n)) expect(fake.webhooks(acct)).toHaveLength(1)
  })
})

describe('the journal of a saved plan', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('apply FILE interrupted, then again: the accounts it finished are skipped, not refused as changed', async () => {
    const n = 40
    const { fake, env } = await partner(n)
    writeConfig(n)
    expect((await cli(['plan', '-out', 'p.plan'], env)).code).toBe(0)
    fake.faults.latency(20, { method: 'POST' })
    const first = startCli(['apply', 'p.plan', '--concurrency', '2', '--json'], { env, cwd: dir })
    await waitFor(first.stderr, /apply: \d+\/40/)
    first.child.kill('SIGINT')
    expect(await first.exited, first.stderr()).toBe(130)
    // Without the journal, every account finished above now differs from the plan and would be stale.
    const again = await cli(['apply', 'p.plan', '--json'], env)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/resuming: \d+ accounts already done/)
    expect(again.json().accounts).toMatchObject({ stale: 0, notReached: 0 })
    for (const acct of accounts(n)) expect(fake.webhooks(acct)).toHaveLength(1)
  })
})

describe('duplicates', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('plan flags them without --prune (exit 2 under --detailed-exitcode); apply --fix-duplicates keeps the managed one', async () => {
    const { fake, env, adapter } = await partner(2)
    writeConfig(2)
    for (const [i, times] of [
      [0, 2],
      [1, 1],
    ] as const) {
      for (let k = 0; k < times; k++) {
        const made = await adapter.create({ url: hookUrl(i), events: ['payment.captured'], secret: `duplicate-test-secret-${k}` }, { account: account(i) })()
        expect(made._tag).toBe('Right')
      }
    }
    const text = await cli(['plan'], env)
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/! duplicate https:\/\/partner\.example\.com\/hooks\/0 \(\w+\), a second webhook for the URL of \w+ \(kept\)/)
    expect(text.stdout).toMatch(/1 duplicates/)

    const planned = await cli(['plan', '--detailed-exitcode', '--json'], env)
    expect(planned.code).toBe(2)
    const doc = planned.json()
    expect(doc.changes).toBe(false)
    expect(doc.summary).toMatchObject({ duplicates: 1, creates: 0, deletes: 0 })
    const [duplicate] = doc.plans[0].duplicates
    const managed = doc.plans[0].unchanged[0].id
    expect(duplicate).toMatchObject({ url: hookUrl(0), keeps: managed })

    const fixed = await cli(['apply', '--yes', '--fix-duplicates', '--json'], env)
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(fixed.json().results[0].succeeded).toEqual([{ kind: 'delete', url: hookUrl(0), id: duplicate.id }])
    expect(fake.webhooks(account(0)).map((w) => w.id)).toEqual([managed])
    expect((await cli(['plan', '--detailed-exitcode'], env)).code).toBe(0)
  })
})

describe('one rate budget per provider credential', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('a provider answering 429 (creates included) converges in one apply', async () => {
    const n = 24
    const { fake, env } = await partner(n)
    fake.faults.rateLimit(40, { burst: 4, retryAfter: 1 })
    writeConfig(n)
    const applied = await cli(['apply', '--yes', '--concurrency', '8', '--json'], env)
    expect(applied.code, applied.stderr).toBe(0)
    const doc = applied.json()
    expect(doc).toMatchObject({ complete: true, summary: { succeeded: n, failed: 0 } })
    expect(fake.faults.rateLimited()).toBeGreaterThan(0)
    expect(doc.rate.razorpay.rateLimited).toBeGreaterThan(0)
    for (const acct of accounts(n)) expect(fake.webhooks(acct)).toHaveLength(1)
  })

  it('--rate N paces every account of the credential together', async () => {
    const { fake, env } = await partner(12)
    writeConfig(12)
    fake.clearRequests()
    const run = await cli(['plan', '--rate', '10', '--concurrency', '8', '--json'], env)
    expect(run.code, run.stderr).toBe(0)
    expect(run.json().rate.razorpay).toMatchObject({ requestsPerSecond: 10, sent: 12 })
    const times = fake.requests.map((r) => r.at)
    // 12 requests at 10 a second, evenly spaced: at least 1.1 s from the first to the last.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1000)
    const bad = await cli(['plan', '--rate', 'razorpy=10'], env)
    expect(bad.code).toBe(64)
    expect(bad.stderr).toMatch(/unknown provider "razorpy".*did you mean "razorpay"/)
    expect(existsSync(join(dir, '.unihook', 'journal'))).toBe(false)
  })
})
