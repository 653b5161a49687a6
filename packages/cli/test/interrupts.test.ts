/**
 * No secret lost, whatever stops the CLI: a 300-account Razorpay apply interrupted (SIGINT, once and
 * twice, SIGTERM) at several points, against the in-process sandbox and a running one, both answering
 * slowly. Afterwards every webhook that exists has its secret in the secrets file, none is duplicated,
 * each rerun resumes from the journal, and one rerun converges.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Background, readSecrets, runCli, SPAWN_TIMEOUT_MS, startCli, tempDir, waitFor } from './helpers.js'

const ACCOUNTS = 300
const account = (i: number) => `acc_Int${String(i).padStart(11, '0')}`

let dir = ''
let cleanup = () => undefined as void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

interface StoredWebhook {
  readonly id: string
  readonly account: string
  readonly url: string
  readonly secret?: string
}

/** Every Razorpay webhook the sandbox holds has its secret in the file, and no account holds two. */
function expectEverySecretKept(state: string, secrets: string): StoredWebhook[] {
  const held = (JSON.parse(readFileSync(state, 'utf8')) as { razorpay: { webhooks: StoredWebhook[] } }).razorpay.webhooks
  const kept = readSecrets(secrets)
  for (const w of held) {
    expect(
      kept.some((k) => k.account === w.account && k.secret === w.secret),
      `the secret of ${w.account} ${w.url}`,
    ).toBe(true)
  }
  expect(new Set(held.map((w) => `${w.account} ${w.url}`)).size).toBe(held.length)
  return held
}

describe.each(['in-process', 'running'] as const)('interrupting a 300-account apply, %s sandbox answering slowly', (mode) => {
  it('keeps every secret at every stop, and one rerun converges with no duplicates', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    const state = join(dir, '.unihook', 'sandbox.json')
    const secrets = join(dir, 'secrets.jsonl')
    const config = join(dir, 'unihook.config.json')
    const webhooks = Array.from({ length: ACCOUNTS }, (_, i) => ({
      provider: 'razorpay',
      account: account(i),
      url: `https://partner.example.com/hooks/${i}`,
      events: ['payment.captured'],
    }))
    writeFileSync(config, JSON.stringify({ webhooks }))
    // Creates take 15 ms: several are always in flight when a signal comes.
    const env = { UNIHOOK_SANDBOX_STATE: state, UNIHOOK_SANDBOX_FAULTS: JSON.stringify([{ provider: 'razorpay', method: 'POST', latencyMs: 15 }]) }
    let sandbox: Background | undefined
    if (mode === 'running') {
      sandbox = startCli(['sandbox', '--port', '0', '--json'], { env, cwd: dir })
      await sandbox.nextLine()
    }
    try {
      const apply = () => startCli(['apply', '-c', config, '--sandbox', '--yes', '--concurrency', '8', '--secrets-out', secrets, '--json'], { env, cwd: dir })

      // 1. One SIGINT once creates are under way: in-flight calls finish, nothing new starts, exit 130.
      const first = apply()
      await waitFor(first.stderr, /apply: \d+\/300/)
      first.child.kill('SIGINT')
      expect(await first.exited, first.stderr()).toBe(130)
      expect(first.stderr()).toMatch(/interrupted: starting nothing new/)
      const report = JSON.parse(first.stdout())
      expect(report).toMatchObject({ interrupted: true, complete: false })
      expect(report.summary.succeeded).toBeGreaterThan(0)
      // Accounts stream (each planned, then applied at once): those the interrupt came before are not reached.
      expect(report.summary.notStarted + report.accounts.notReached).toBeGreaterThan(0)
      expect(report.summary.succeeded + report.summary.failed + report.summary.notStarted + report.accounts.notReached).toBe(ACCOUNTS)
      const afterFirst = expectEverySecretKept(state, secrets)
      expect(afterFirst.length).toBe(report.summary.succeeded)

      // 2. A second SIGINT exits at once, secrets of calls still in flight already on disk. It is sent once the
      // first is acknowledged: two signals sent back to back may reach the process as one.
      const second = apply()
      await waitFor(second.stderr, /apply: \d+\/\d+/)
      second.child.kill('SIGINT')
      await waitFor(second.stderr, /interrupted: starting nothing new/)
      second.child.kill('SIGINT')
      expect(await second.exited).toBe(130)
      // The journal of the first run: its finished accounts are not read again.
      expect(second.stderr()).toMatch(/resuming: \d+ accounts already done/)
      expect(second.stderr()).toMatch(/interrupted again: exiting now/)
      // A running sandbox may still be carrying out what the killed command sent.
      if (sandbox) await new Promise((resolve) => setTimeout(resolve, 200))
      const afterSecond = expectEverySecretKept(state, secrets)
      expect(afterSecond.length).toBeGreaterThan(afterFirst.length)

      // 3. SIGTERM as soon as the third apply writes its first secret (before the first create is answered).
      // Counted from the file as it is now: the exit at once above leaves pending lines of webhooks that
      // were never made, so twice the webhooks held is no measure of it.
      const linesBefore = readSecrets(secrets).length
      const third = apply()
      await waitFor(() => (readSecrets(secrets).length > linesBefore ? 'written' : ''), /written/)
      third.child.kill('SIGTERM')
      expect(await third.exited, third.stderr()).toBe(130)
      expect(third.stderr()).toMatch(/interrupted: starting nothing new/)
      if (sandbox) await new Promise((resolve) => setTimeout(resolve, 200))
      const afterThird = expectEverySecretKept(state, secrets)

      // One rerun creates exactly what is missing; then the plan is clean.
      const rerun = await runCli(['apply', '-c', config, '--sandbox', '--yes', '--concurrency', '16', '--secrets-out', secrets, '--json'], {
        env,
        cwd: dir,
        timeoutMs: 120_000,
      })
      expect(rerun.code, rerun.stderr).toBe(0)
      expect(rerun.json().summary).toMatchObject({ succeeded: ACCOUNTS - afterThird.length, failed: 0, notStarted: 0 })
      expect(expectEverySecretKept(state, secrets)).toHaveLength(ACCOUNTS)
      const plan = await runCli(['plan', '-c', config, '--sandbox', '--detailed-exitcode', '--json'], { env, cwd: dir, timeoutMs: 120_000 })
      expect(plan.code, plan.stdout).toBe(0)
      expect(plan.json().summary).toMatchObject({ creates: 0, updates: 0, unchanged: ACCOUNTS })
    } finally {
      sandbox?.child.kill('SIGINT')
      await sandbox?.exited
    }
  })
})
