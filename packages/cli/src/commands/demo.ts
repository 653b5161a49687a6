/**
 * `unihook demo`: the project's main job, a scripted tour with no setup. On an in-process sandbox (a
 * temporary state, ephemeral ports) it plans and applies a sample config across every provider,
 * lists the result in one table, triggers one event per provider to a local listener, checks that each
 * delivery verified, and prints a summary. It exits 0 only when every step worked.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { iterateAll, type Webhook } from '@unihook/core'
import type { Command, Context } from '../command.js'
import { EXIT, toCliError } from '../errors.js'
import { type ProviderName, providers } from '../providers.js'
import { openSecretsSink } from '../secrets-file.js'
import { createSession } from '../session.js'
import { keysFromSandbox } from '../verification.js'
import { WEBHOOK_HEAD, webhookRow, webhookView } from '../views.js'
import { type DeliveryRecord, startListener } from '../listener.js'
import { applyAccounts, hasChanges, planAccounts, prepare, printPlan } from '../planning.js'
import { sandboxDeliver } from '../sandbox-deliver.js'

/**
 * The sample config: for every provider, a webhook on each of its sandbox accounts (one without an
 * account where it has none), the first on its two most common events, the others on the first.
 */
export function demoConfig(listener: string) {
  return {
    webhooks: providers().flatMap((d) => {
      const [first, second] = d.samples.events
      const url = `${listener}/${d.name}`
      if (d.sandbox.accounts.length === 0) return [{ provider: d.name, url, events: [first, second] }]
      return d.sandbox.accounts.map((account, i) => ({ provider: d.name, account, url, events: i === 0 ? [first, second] : [first] }))
    }),
  }
}

/** One event per provider, its most common, for its first sandbox account. */
const triggers = (): { provider: ProviderName; event: string; account?: string }[] =>
  providers().map((d) => {
    const account = d.sandbox.accounts[0]
    return { provider: d.name, event: d.samples.events[0], ...(account === undefined ? {} : { account }) }
  })

interface StepResult {
  readonly step: string
  readonly ok: boolean
  readonly detail: string
}

export const demoCommand: Command = {
  name: 'demo',
  usage: 'unihook demo [--json]',
  summary: 'a tour on an in-process sandbox: plan, apply, list, trigger, listen, verify',
  options: {},
  async run(outer) {
    const dir = mkdtempSync(join(tmpdir(), 'unihook-demo-'))
    // The tour's sandbox and the secrets it hands out live in its own temporary directory.
    const secrets = openSecretsSink(join(dir, 'sandbox-secrets.jsonl'))
    const session = createSession({ sandbox: true, state: join(dir, 'sandbox.json'), env: {}, secrets, stop: outer.signal, note: () => undefined })
    const c: Context = { ...outer, session, flags: { config: join(dir, 'unihook.config.json'), yes: true } }
    const out = outer.out
    const steps: StepResult[] = []
    const record = (step: string, ok: boolean, detail: string) => {
      steps.push({ step, ok, detail })
      if (!out.json) out.line(`${ok ? out.c.green('✓') : out.c.red('✗')} ${step}: ${detail}`)
    }
    const received: DeliveryRecord[] = []
    const listener = await startListener({ port: 0, keys: () => keysFromSandbox(session.fakes().snapshot()), onDelivery: (r) => received.push(r) })
    const listed: ReturnType<typeof webhookView>[] = []
    try {
      // 1. Plan and apply the sample config.
      writeFileSync(c.flags.config as string, JSON.stringify(demoConfig(listener.url), null, 2))
      if (!out.json) out.line(out.c.bold(`\n1. plan: ${c.flags.config}`))
      const prepared = await prepare(c)
      const { views: planned } = await planAccounts(c, prepared)
      if (!out.json) printPlan(c, planned)
      const planErrors = planned.filter((p) => p.plan.error)
      record(
        'plan',
        planErrors.length === 0 && hasChanges(planned),
        `${planned.length} accounts across ${new Set(planned.map((p) => p.group.provider)).size} providers`,
      )
      if (!out.json) out.line(out.c.bold('\n2. apply'))
      const results = (await applyAccounts(c, prepared)).flatMap((v) => (v.result ? [v.result] : []))
      const failed = results.flatMap((r) => r.failed)
      const succeeded = results.reduce((n, r) => n + r.succeeded.length, 0)
      record('apply', failed.length === 0 && succeeded > 0, `${succeeded} created, ${failed.length} failed`)
      const { views: again } = await planAccounts(c, prepared)
      record('converged', !hasChanges(again) && again.every((p) => !p.plan.error), 'a second plan finds nothing to change')

      // 2. One table of every webhook, across providers and accounts.
      if (!out.json) out.line(out.c.bold('\n3. list'))
      for (const p of planned) {
        const adapter = await session.adapter(p.group.provider, p.group.account)
        const call = p.group.account === undefined ? {} : { account: p.group.account }
        for await (const w of iterateAll<Webhook>(adapter, { maxItems: 1000 }, call)) listed.push(webhookView(w, false, p.group.account))
      }
      out.table(WEBHOOK_HEAD, listed.map(webhookRow))
      record('list', listed.length === demoConfig(listener.url).webhooks.length, `${listed.length} webhooks`)

      // 3. Trigger one event per provider; the listener verifies each delivery.
      if (!out.json) out.line(out.c.bold(`\n4. trigger → listen on ${listener.url}`))
      for (const t of triggers()) {
        const before = received.length
        const rows = await sandboxDeliver(session.fakes(), t.provider, t.event, t.account)
        const delivered = rows.length > 0 && rows.every((r) => r.status === 200)
        const got = received.slice(before)
        const verified = got.length === rows.length && got.every((r) => r.verified && r.provider === t.provider && r.type === t.event)
        const reason = got.find((r) => !r.verified)
        record(
          `${t.provider} ${t.event}`,
          delivered && verified,
          delivered && verified
            ? `delivered and verified (${got.map((r) => r.id).join(', ')})`
            : reason
              ? `not verified: ${reason.reason}: ${reason.message}`
              : `delivered ${rows.length}, statuses ${rows.map((r) => r.status ?? r.error).join(', ')}`,
        )
      }
    } catch (error) {
      const e = toCliError(error)
      record('error', false, `${e.details.tag ?? 'Error'}: ${e.message}`)
    } finally {
      await listener.close()
      await session.close()
      secrets.close()
      rmSync(dir, { recursive: true, force: true })
    }
    const ok = steps.every((s) => s.ok)
    if (out.json) out.document({ ok, steps, webhooks: listed })
    else {
      out.line(out.c.bold('\nSummary'))
      out.table(
        ['step', 'result', 'detail'],
        steps.map((s) => [s.step, s.ok ? out.c.green('ok') : out.c.red('FAILED'), s.detail]),
      )
      out.line(ok ? out.c.green('The demo worked: every step succeeded.') : out.c.red('The demo failed: see the steps above.'))
    }
    return ok ? EXIT.ok : EXIT.failure
  },
}
