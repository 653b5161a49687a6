/**
 * Plan and apply over many accounts at the library level: one rate budget against a rate-limited fake,
 * refused creates retried, duplicates flagged, two operators at once, a journal to resume, shards, saved
 * plans refused when stale. The fakes are the adapters' own, called in-process.
 */

import { mkdtemp, readFile, appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AccountOutcome,
  type AccountTarget,
  applySavedPlans,
  createRateBudget,
  type DesiredWebhook,
  desiredDigest,
  memoryJournal,
  openFileJournal,
  parseShard,
  plan,
  reconcileAccounts,
  type RunSummary,
  type SavedAccountPlan,
  type WebhookProvider,
  shardOfAccount,
} from '@unihook/core'
import { razorpay } from '@unihook/razorpay'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { byMethod, calypsoAccounts, calypsoSubject, duplicateCount, RETRY, razorpayAccounts, razorpaySubject } from './subjects.js'

const hook = (account: string, n: number) => `https://hooks.example.com/${account}/${n}`
const targets = (accounts: readonly string[], events: readonly string[]): AccountTarget[] =>
  accounts.map((account) => ({ account, desired: [{ url: hook(account, 1), events }] }))
const RZ_EVENTS = ['payment.captured']
const CP_EVENTS = ['INVOICE_PAID']

const summaryOf = (result: E.Either<unknown, RunSummary>): RunSummary => {
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`)
  return result.right
}

describe('one rate budget for the run', () => {
  it('converges every account in one pass under the provider limit, even when the budget is set above it', async () => {
    const accounts = razorpayAccounts(40)
    const subject = razorpaySubject(accounts)
    // The provider allows 100/s (bursts of 5); the operator's budget claims 400/s, so 429s come, and
    // each pauses the whole budget for its Retry-After (50 ms) instead of each slot sleeping alone.
    subject.fake.faults.rateLimit(100, { burst: 5, retryAfter: 0.05 })
    const budget = createRateBudget({ requestsPerSecond: 400, concurrency: 32 })
    const summary = summaryOf(await reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), { budget })())
    expect(subject.fake.faults.rateLimited()).toBeGreaterThan(0)
    expect(summary.budget.rateLimited).toBe(subject.fake.faults.rateLimited())
    expect(summary.unconvergedCount).toBe(0)
    expect(summary.converged).toBe(40)
    for (const account of accounts) expect(subject.urls(account)).toEqual([hook(account, 1)])
  })

  it('retries a create refused with 429 although a create is not idempotent, and creates once', async () => {
    const [account] = razorpayAccounts(1) as [string]
    const subject = razorpaySubject([account])
    subject.fake.faults.failNext(2, { status: 429, retryAfter: 0 }, { method: 'POST' })
    const created = await subject.adapter().create({ url: hook(account, 1), events: RZ_EVENTS }, { account })()
    expect(E.isRight(created)).toBe(true)
    expect(byMethod(subject.fake).POST).toBe(3)
    expect(subject.urls(account)).toEqual([hook(account, 1)])
  })

  it('retries a create whose connection was refused (nothing was sent), but not one whose answer was lost', async () => {
    const [account] = razorpayAccounts(1) as [string]
    const subject = razorpaySubject([account])
    let refusals = 1
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (refusals-- > 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
      return subject.fake.handle(new Request(input, init))
    }
    const adapter = razorpay({ keyId: subject.fake.keyId, keySecret: subject.fake.keySecret, fetch, retry: RETRY }) as unknown as WebhookProvider
    expect(E.isRight(await adapter.create({ url: hook(account, 1), events: RZ_EVENTS }, { account })())).toBe(true)
    expect(byMethod(subject.fake).POST).toBe(1)
    subject.fake.faults.loseNext(1, { method: 'POST' })
    const lost = await adapter.create({ url: hook(account, 2), events: RZ_EVENTS }, { account })()
    // The lost answer is looked up, never resent: one POST, one webhook.
    expect(byMethod(subject.fake).POST).toBe(2)
    expect(subject.urls(account).filter((u) => u === hook(account, 2))).toHaveLength(1)
    expect(E.isRight(lost) || lost.left._tag === 'NetworkError').toBe(true)
  })

  it('paces to its rate, and holds no slot while paused', async () => {
    const budget = createRateBudget({ requestsPerSecond: 200, concurrency: 2 })
    const started = Date.now()
    const releases = await Promise.all(Array.from({ length: 2 }, () => budget.acquire()))
    budget.pause(60)
    for (const release of releases) release()
    // Both slots are free during the pause, yet nothing is released before it ends.
    const third = budget.acquire()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(budget.stats().sent).toBe(2)
    ;(await third)()
    expect(Date.now() - started).toBeGreaterThanOrEqual(60)
    const paced = Date.now()
    for (let i = 0; i < 10; i++) (await budget.acquire())()
    // Ten requests at 200/s are spaced 5 ms apart: at least 45 ms.
    expect(Date.now() - paced).toBeGreaterThanOrEqual(44)
    expect(budget.stats()).toMatchObject({ sent: 13, rateLimited: 1 })
  })

  it('gives up a wait when the caller aborts, and refuses bad options', async () => {
    const budget = createRateBudget({ concurrency: 1 })
    const held = await budget.acquire()
    const controller = new AbortController()
    const waiting = budget.acquire(controller.signal)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    held()
    ;(await budget.acquire())()
    expect(() => createRateBudget({ requestsPerSecond: 0 })).toThrow(RangeError)
    expect(() => createRateBudget({ concurrency: 1.5 })).toThrow(RangeError)
  })
})

describe('duplicates', () => {
  it('are flagged by plan without prune, and removed by fixDuplicates only', async () => {
    const [account] = razorpayAccounts(1) as [string]
    const subject = razorpaySubject([account])
    const adapter = subject.adapter()
    for (let i = 0; i < 2; i++) await adapter.create({ url: hook(account, 1), events: RZ_EVENTS }, { account })()
    await adapter.create({ url: hook(account, 2), events: RZ_EVENTS }, { account })()
    await adapter.create({ url: hook(account, 2), events: RZ_EVENTS }, { account })()
    const desired = [{ url: hook(account, 1), events: RZ_EVENTS }]
    const planned = await plan(adapter, desired, { account })()
    if (E.isLeft(planned)) throw new Error(planned.left.message)
    expect(planned.right.duplicates.map((w) => w.url).sort()).toEqual([hook(account, 1), hook(account, 2)])
    expect(planned.right.deletes).toEqual([])
    const summary = summaryOf(await reconcileAccounts(adapter, [{ account, desired }], { fixDuplicates: true })())
    expect(summary.duplicates).toBe(2)
    expect(summary.steps.deletes).toBe(2)
    // The undesired URL is kept (no prune), once.
    expect(subject.urls(account).sort()).toEqual([hook(account, 1), hook(account, 2)])
  })
})

describe('two operators at once', () => {
  it('Razorpay (no idempotency key): the confirming listing leaves one webhook per account', async () => {
    const accounts = razorpayAccounts(60)
    const subject = razorpaySubject(accounts)
    subject.fake.faults.latency(2)
    const runs = await Promise.all([1, 2].map(() => reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), { accountConcurrency: 16 })()))
    const [a, b] = runs.map(summaryOf) as [RunSummary, RunSummary]
    expect(duplicateCount(subject, accounts)).toBe(0)
    for (const account of accounts) expect(subject.urls(account)).toEqual([hook(account, 1)])
    // Both created in most accounts at the same moment; one copy of each was removed.
    expect(a.steps.creates + b.steps.creates).toBeGreaterThan(60)
    expect(a.raced + b.raced).toBeGreaterThan(0)
  })

  it('Razorpay without the confirmation duplicates (what the confirmation is for)', async () => {
    const accounts = razorpayAccounts(30)
    const subject = razorpaySubject(accounts)
    subject.fake.faults.latency(2)
    const unconfirmed = { accountConcurrency: 16, apply: { confirmCreates: false } }
    await Promise.all([1, 2].map(() => reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), unconfirmed)()))
    expect(duplicateCount(subject, accounts)).toBeGreaterThan(0)
  })

  it('Calypso: the requestId derived from account and URL makes the second create the first one', async () => {
    const accounts = calypsoAccounts(40)
    const subject = calypsoSubject(accounts)
    subject.fake.faults.latency(2)
    await Promise.all([1, 2].map(() => reconcileAccounts(subject.adapter(), targets(accounts, CP_EVENTS), { accountConcurrency: 16 })()))
    expect(duplicateCount(subject, accounts)).toBe(0)
    for (const account of accounts) expect(subject.urls(account)).toEqual([hook(account, 1)])
  })
})

describe('resuming', () => {
  it('skips the accounts a journal holds, and plans again an account whose desired webhooks changed', async () => {
    const accounts = razorpayAccounts(30)
    const subject = razorpaySubject(accounts)
    const journal = memoryJournal()
    const controller = new AbortController()
    let seen = 0
    const onAccount = () => {
      if (++seen === 12) controller.abort(new Error('interrupted'))
    }
    const first = summaryOf(
      await reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), { journal, signal: controller.signal, accountConcurrency: 1, onAccount })(),
    )
    expect(first.converged).toBe(12)
    subject.fake.clearRequests()
    const changed = targets(accounts, RZ_EVENTS).map((t, i) => (i === 0 ? { ...t, desired: [{ url: hook(t.account, 1), events: ['refund.created'] }] } : t))
    const second = summaryOf(await reconcileAccounts(subject.adapter(), changed, { journal })())
    expect(second.skipped.journal).toBe(11)
    expect(second.converged).toBe(19)
    // One listing per account not journalled (and one per create to confirm it): none for the 11 skipped.
    expect(subject.fake.requests.filter((r) => r.method === 'GET')).toHaveLength(19 + 18)
    expect(subject.fake.webhooks(accounts[0] as string)[0]?.events).toEqual(['refund.created'])
  })

  it("digests a provider's own settings too, so a changed alertEmail is planned again", async () => {
    const options = { prune: false, fixDuplicates: false }
    const hook = (alertEmail?: string) =>
      ({ url: 'https://a.example.com/h', events: ['payment.captured'], ...(alertEmail ? { alertEmail } : {}) }) as DesiredWebhook
    expect(await desiredDigest([hook('a@example.com')], options)).not.toBe(await desiredDigest([hook('b@example.com')], options))
    expect(await desiredDigest([hook()], options)).not.toBe(await desiredDigest([hook('a@example.com')], options))
    expect(await desiredDigest([hook('a@example.com')], options)).toBe(await desiredDigest([hook('a@example.com')], options))
  })

  it('keeps a journal in a file that a new process reads, ignoring a torn last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'unihook-journal-'))
    const path = join(dir, 'journal.jsonl')
    const files = { readFile, appendFile }
    const accounts = razorpayAccounts(5)
    const subject = razorpaySubject(accounts)
    await reconcileAccounts(subject.adapter(), targets(accounts.slice(0, 3), RZ_EVENTS), { journal: await openFileJournal(path, files) })()
    await appendFile(path, '{"account":"acc_torn')
    const reopened = await openFileJournal(path, files)
    expect(reopened.size).toBe(3)
    const summary = summaryOf(await reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), { journal: reopened })())
    expect(summary.skipped.journal).toBe(3)
    expect(summary.converged).toBe(2)
    expect(await readFile(path, 'utf8')).not.toContain('hooks.example.com')
  })
})

describe('shards', () => {
  it('split the accounts disjointly and completely, the same way every time', async () => {
    const accounts = razorpayAccounts(90)
    const subject = razorpaySubject(accounts)
    const seen: string[][] = [[], [], []]
    for (const index of [1, 2, 3]) {
      const shard = parseShard(`${index}/3`)
      if (E.isLeft(shard)) throw new Error('shard')
      await reconcileAccounts(subject.adapter(), targets(accounts, RZ_EVENTS), {
        shard: shard.right,
        onAccount: (o: AccountOutcome) => void seen[index - 1]?.push(o.account),
      })()
    }
    expect(seen.flat().sort()).toEqual([...accounts].sort())
    for (const group of seen) expect(group.length).toBeGreaterThan(10)
    expect(accounts.map((a) => shardOfAccount(a, 3))).toEqual(accounts.map((a) => shardOfAccount(a, 3)))
  })

  it('refuses a malformed shard before any request', async () => {
    const subject = razorpaySubject(razorpayAccounts(1))
    expect(E.isLeft(parseShard('4/3'))).toBe(true)
    expect(E.isLeft(parseShard('1-3'))).toBe(true)
    const result = await reconcileAccounts(subject.adapter(), targets(razorpayAccounts(1), RZ_EVENTS), { shard: { index: 0, count: 2 } })()
    expect(E.isLeft(result) && result.left._tag).toBe('ValidationError')
    expect(subject.fake.requests).toHaveLength(0)
  })
})

describe('saved plans', () => {
  it('hold no secret and no URL credential, only digests and redacted URLs', async () => {
    const [account] = razorpayAccounts(1) as [string]
    const subject = razorpaySubject([account])
    const secretUrl = `https://hook-user:pw-PLANTED-77@hooks.example.com/${account}/1`
    const desired = [{ url: secretUrl, events: RZ_EVENTS, secret: 'whsec-PLANTED-secret-88' }]
    const saved: SavedAccountPlan[] = []
    await reconcileAccounts(subject.adapter(), [{ account, desired }], {
      mode: 'plan',
      save: true,
      onAccount: (o) => void (o.kind === 'planned' && o.saved && saved.push(o.saved)),
    })()
    const text = JSON.stringify(saved)
    expect(saved[0]?.summary.creates).toHaveLength(1)
    expect(text).not.toContain('PLANTED')
    const applied = await applySavedPlans(subject.adapter(), [{ saved: saved[0] as SavedAccountPlan, desired }])()
    expect(summaryOf(applied).converged).toBe(1)
    expect(subject.fake.webhooks(account)[0]?.secret).toBe('whsec-PLANTED-secret-88')
  })

  it('apply as planned, and are refused for an account that changed since', async () => {
    const accounts = razorpayAccounts(4)
    const subject = razorpaySubject(accounts)
    const adapter = subject.adapter()
    const saved: SavedAccountPlan[] = []
    await reconcileAccounts(adapter, targets(accounts, RZ_EVENTS), {
      mode: 'plan',
      save: true,
      onAccount: (o) => void (o.kind === 'planned' && o.saved && saved.push(o.saved)),
    })()
    expect(saved).toHaveLength(4)
    // Plain JSON with no URL in clear beyond the redacted summary, and nothing written yet.
    const file = saved.map((s) => JSON.stringify(s)).join('\n')
    expect(subject.fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(0)
    const changed = accounts[1] as string
    await adapter.create({ url: hook(changed, 9), events: RZ_EVENTS }, { account: changed })()
    const outcomes: AccountOutcome[] = []
    const desiredOf = new Map(targets(accounts, RZ_EVENTS).map((t) => [t.account, t.desired]))
    const reread = file.split('\n').map((line) => JSON.parse(line) as SavedAccountPlan)
    const summary = summaryOf(
      await applySavedPlans(
        adapter,
        reread.map((s) => ({ saved: s, desired: desiredOf.get(s.account as string) ?? [] })),
        { onAccount: (o) => void outcomes.push(o) },
      )(),
    )
    expect(summary.converged).toBe(3)
    expect(summary.stale).toBe(1)
    const refused = outcomes.find((o) => o.kind === 'stale')
    expect(refused).toMatchObject({ account: changed, stale: { reason: 'current' } })
    expect(subject.urls(changed)).toEqual([hook(changed, 9)])
    // Desired webhooks edited after planning: refused too.
    const edited = await applySavedPlans(adapter, [
      { saved: reread[0] as SavedAccountPlan, desired: [{ url: hook(accounts[0] as string, 2), events: RZ_EVENTS }] },
    ])()
    expect(summaryOf(edited).stale).toBe(1)
  })
})
