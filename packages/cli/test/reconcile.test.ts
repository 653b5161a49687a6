/**
 * `unihook plan` / `apply` as a process: config errors with their field path, detailed exit codes,
 * confirmation, and a Razorpay partner's 200 sub-accounts with injected faults: progress shown, each
 * failure reported with what it left, and a rerun that converges.
 */

import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_STACK, readSecrets, runCli, sandboxState, SPAWN_TIMEOUT_MS } from './helpers.js'

const sandbox = sandboxState('each')

const account = (i: number) => `acc_Sub${String(i).padStart(11, '0')}`
const write = (name: string, text: string) => {
  const path = join(sandbox.dir, name)
  writeFileSync(path, text)
  return path
}

describe('config errors', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const bad: [string, string, RegExp][] = [
    [
      'unihook.config.json',
      '{"webhooks": [{"provider": "razorpay", "account": "acc_Sub00000000001", "url": "https://a.example.com", "events": "payment.captured"}]}',
      /webhooks\[0\]\.events: must be a list of strings/,
    ],
    [
      'unihook.config.json',
      '{"webhooks": [{"provider": "paypal", "url": "https://a.example.com", "events": ["x"]}]}',
      /webhooks\[0\]\.provider: must be one of conekta, razorpay, calypso, stripe, not "paypal"/,
    ],
    [
      'unihook.config.json',
      '{"webhooks": [{"provider": "razorpay", "url": "https://a.example.com", "events": ["payment.captured"]}]}',
      /webhooks\[0\]\.account: razorpay webhooks belong to a sub-merchant account/,
    ],
    [
      'unihook.config.yaml',
      'webhooks:\n  - provider: calypso\n    url: https://a.example.com\n    events: [INVOICE_PAID, NOT_AN_EVENT]\n',
      /unihook\.config\.yaml:4: webhooks\[0\]\.events\[1\]: unknown event "NOT_AN_EVENT"/,
    ],
    ['unihook.config.json', '{"webhooks": [', /not valid JSON/],
    // YAML takes a trailing comma: the line and column come from JSON's grammar.
    [
      'unihook.config.json',
      '{"webhooks": [\n  {"provider": "razorpay"},\n]}',
      /unihook\.config\.json:3: not valid JSON \(column 1\): a value \(JSON allows no comma before \]\)/,
    ],
    [
      'unihook.config.ts',
      'export default { webhooks: [{ provider: "conekta", url: "https://a.example.com", events: ["order.paid"], colour: "red" }] }\n',
      /webhooks\[0\]\.colour: unknown field/,
    ],
  ]
  for (const [name, text, message] of bad) {
    it(`${name}: ${message.source.slice(0, 50)}`, async () => {
      write(name, text)
      const run = await runCli(['plan', '--sandbox'], { env: sandbox.env, cwd: sandbox.dir })
      expect(run.code, run.stderr).toBe(64)
      expect(run.stderr).toContain(name)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).not.toMatch(NO_STACK)
    })
  }

  it('names the missing config', async () => {
    const run = await runCli(['plan', '--sandbox', '--json'], { env: sandbox.env, cwd: sandbox.dir })
    expect(run.code).toBe(64)
    expect(run.json().error).toMatchObject({ tag: 'ConfigError', message: expect.stringContaining('unihook.config.ts') })
  })
})

describe('plan and apply', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('plans from a TS config, needs --yes off a terminal, applies, and converges (--detailed-exitcode)', async () => {
    write(
      'unihook.config.ts',
      `const url: string = 'https://shop.example.com/hooks'
export default { webhooks: [
  { provider: 'conekta', url, events: ['order.paid'] },
  { provider: 'razorpay', account: '${account(1)}', url, events: ['payment.captured'], alertEmail: 'ops@example.com' },
  { provider: 'calypso', url, events: ['INVOICE_PAID'], services: ['PAYOUT'] },
] }\n`,
    )
    const planned = await runCli(['plan', '--sandbox', '--detailed-exitcode', '--json'], { env: sandbox.env, cwd: sandbox.dir })
    expect(planned.code, planned.stderr).toBe(2)
    const doc = planned.json()
    expect(doc.changes).toBe(true)
    expect(doc.summary).toMatchObject({ creates: 3, updates: 0, deletes: 0 })
    expect(doc.plans.map((p: { provider: string; account?: string }) => [p.provider, p.account])).toEqual([
      ['conekta', undefined],
      ['razorpay', account(1)],
      ['calypso', undefined],
    ])

    const refused = await runCli(['apply', '--sandbox'], { env: sandbox.env, cwd: sandbox.dir })
    expect(refused.code).toBe(64)
    expect(refused.stderr).toMatch(/pass --yes/)

    const secrets = join(sandbox.dir, 'secrets.json')
    const applied = await runCli(['apply', '--sandbox', '--yes', '--json', '--secrets-out', secrets], { env: sandbox.env, cwd: sandbox.dir })
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.json()).toMatchObject({ complete: true, summary: { succeeded: 3, failed: 0 }, secrets: { returned: 2, writtenTo: secrets } })
    expect(statSync(secrets).mode & 0o777).toBe(0o600)
    const kept = readSecrets(secrets).filter((s) => s.state === 'created')
    expect(kept.map((s) => s.provider).sort()).toEqual(['calypso', 'razorpay'])
    for (const s of kept) expect(applied.stdout).not.toContain(s.secret)

    // A change in the config is one field-by-field update.
    write(
      'unihook.config.ts',
      readFileSync(join(sandbox.dir, 'unihook.config.ts'), 'utf8').replace("events: ['order.paid']", "events: ['order.paid', 'charge.paid']"),
    )
    const drift = await runCli(['plan', '--sandbox', '--detailed-exitcode', '--json'], { env: sandbox.env, cwd: sandbox.dir })
    expect(drift.code).toBe(2)
    expect(drift.json().plans[0].updates).toEqual([
      {
        id: expect.any(String),
        url: 'https://shop.example.com/hooks',
        changes: [{ field: 'events', from: ['order.paid'], to: ['order.paid', 'charge.paid'] }],
      },
    ])
    expect((await runCli(['apply', '--sandbox', '--yes'], { env: sandbox.env, cwd: sandbox.dir })).code).toBe(0)
    const converged = await runCli(['plan', '--sandbox', '--detailed-exitcode'], { env: sandbox.env, cwd: sandbox.dir })
    expect(converged.code, converged.stdout).toBe(0)
    expect(converged.stdout).toMatch(/0 to create, 0 to update, 0 to delete, 3 unchanged/)
  })

  it('deletes only with --prune', async () => {
    const config = write('hooks.json', JSON.stringify({ webhooks: [{ provider: 'conekta', url: 'https://a.example.com/keep', events: ['order.paid'] }] }))
    const extra = await runCli(
      ['webhooks', 'create', '--sandbox', '--provider', 'conekta', '--url', 'https://a.example.com/stray', '--events', 'order.paid', '--json'],
      { env: sandbox.env },
    )
    expect(extra.code, extra.stderr).toBe(0)
    const kept = await runCli(['apply', '-c', config, '--sandbox', '--yes', '--json'], { env: sandbox.env })
    expect(kept.json().plans[0].unmanaged).toEqual([{ id: extra.json().webhook.id, url: 'https://a.example.com/stray' }])
    const pruned = await runCli(['apply', '-c', config, '--sandbox', '--yes', '--prune', '--json'], { env: sandbox.env })
    expect(pruned.code, pruned.stderr).toBe(0)
    expect(pruned.json().results[0].succeeded).toEqual([{ kind: 'delete', url: 'https://a.example.com/stray', id: extra.json().webhook.id }])
  })

  it('200 Razorpay sub-accounts with faults: progress, failures reported precisely, a rerun converges', async () => {
    const config = {
      webhooks: Array.from({ length: 200 }, (_, i) => ({
        provider: 'razorpay',
        account: account(i),
        url: `https://partner.example.com/hooks/${i}`,
        events: ['payment.captured'],
      })),
    }
    const file = write('unihook.config.json', JSON.stringify(config))
    const faults = JSON.stringify([
      { provider: 'razorpay', method: 'POST', path: `/v2/accounts/${account(17)}/webhooks`, status: 400 },
      { provider: 'razorpay', method: 'POST', path: `/v2/accounts/${account(142)}/webhooks`, status: 503 },
    ])
    const first = await runCli(['apply', '-c', file, '--sandbox', '--yes', '--concurrency', '16', '--json'], {
      env: { ...sandbox.env, UNIHOOK_SANDBOX_FAULTS: faults },
      timeoutMs: 120_000,
    })
    expect(first.code, first.stderr).toBe(1)
    const report = first.json()
    expect(report.complete).toBe(false)
    expect(report.summary).toEqual({ succeeded: 198, failed: 2, notStarted: 0, notPlanned: 0 })
    const failures = report.results.filter((r: { failed: unknown[] }) => r.failed.length)
    expect(failures.map((r: { account: string }) => r.account).sort()).toEqual([account(17), account(142)])
    const byAccount = Object.fromEntries(failures.map((r: { account: string; failed: unknown[] }) => [r.account, r.failed[0]]))
    expect(byAccount[account(17)]).toMatchObject({
      kind: 'create',
      url: 'https://partner.example.com/hooks/17',
      error: { tag: expect.any(String), status: 400 },
      left: 'nothing was created',
    })
    expect(byAccount[account(142)]).toMatchObject({
      kind: 'create',
      url: 'https://partner.example.com/hooks/142',
      error: { status: 503 },
      left: expect.stringMatching(/may have been created/),
    })
    // Progress went to stderr, never into the JSON on stdout.
    expect(first.stderr).toMatch(/apply: 200\/200 \(2 failed\)/)
    expect(first.stderr).toMatch(/apply: 20\/200/)

    const second = await runCli(['apply', '-c', file, '--sandbox', '--yes', '--json'], { env: sandbox.env, timeoutMs: 120_000 })
    expect(second.code, second.stderr).toBe(0)
    expect(second.json()).toMatchObject({ complete: true, summary: { succeeded: 2, failed: 0 } })
    const third = await runCli(['plan', '-c', file, '--sandbox', '--detailed-exitcode', '--json'], { env: sandbox.env, timeoutMs: 120_000 })
    expect(third.code).toBe(0)
    expect(third.json().summary).toMatchObject({ creates: 0, updates: 0, unchanged: 200 })
  })
})
