/**
 * `unihook plan` and `unihook apply`: the config's desired webhooks, grouped by provider and account,
 * planned against what each holds (core `plan`), then carried out (core `apply`) with one bound on the
 * calls in flight across all accounts, a progress bar, and a report of what each failure left behind.
 */

import { createInterface } from 'node:readline/promises'
import { apply, type ApplyReport, mayHaveTakenEffect, type Plan, plan, redactUrl, type Step, type WebhookError } from '@unihook/core'
import { type Command, type Context, str } from '../command.js'
import { type DesiredEntry, findConfig, loadConfig } from '../config.js'
import { EXIT, usageError } from '../errors.js'
import { createLimiter, each, type Limiter, limitProvider } from '../limit.js'
import type { ProviderName } from '../providers.js'
import { checkEntries, refuseConfig } from '../validate-config.js'
import { changeView, desiredView, type SecretRecord, secretRecord, settingsText, writeSecrets } from '../views.js'

export const DEFAULT_CONCURRENCY = 8

interface Group {
  readonly provider: ProviderName
  readonly account?: string
  readonly desired: readonly DesiredEntry[]
}

export interface Planned {
  readonly group: Group
  readonly plan?: Plan
  readonly error?: WebhookError
}

function groupsOf(entries: readonly DesiredEntry[]): Group[] {
  const groups = new Map<string, { provider: ProviderName; account?: string; desired: DesiredEntry[] }>()
  for (const entry of entries) {
    const key = `${entry.provider}\u0000${entry.account ?? ''}`
    const group = groups.get(key) ?? { provider: entry.provider, ...(entry.account === undefined ? {} : { account: entry.account }), desired: [] }
    groups.set(key, group)
    group.desired.push(entry)
  }
  return [...groups.values()]
}

const toDesired = ({ provider: _p, account: _a, ...desired }: DesiredEntry) => desired

function concurrencyOf(c: Context): number {
  const text = str(c.flags, 'concurrency')
  if (text === undefined) return DEFAULT_CONCURRENCY
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > 32) throw usageError(`--concurrency must be a whole number from 1 to 32, not "${text}"`)
  return value
}

export async function planAll(c: Context, limit: Limiter): Promise<{ file: string; planned: Planned[] }> {
  const config = await loadConfig(findConfig(str(c.flags, 'config'), process.cwd()))
  // What any create or update would refuse stops the whole command here, before the first request.
  const problems = checkEntries(config.webhooks, { sandbox: c.session.sandbox })
  if (problems.length) throw refuseConfig(config.file, config.locate, problems)
  const prune = c.flags.prune === true
  const groups = groupsOf(config.webhooks)
  // Adapters are built first, so that missing credentials stop the command before any call.
  const adapters = await Promise.all(groups.map(async (g) => limitProvider(await c.session.adapter(g.provider, g.account), limit)))
  const planned = await each(groups, async (group) => {
    const adapter = adapters[groups.indexOf(group)]!
    const result = await plan(adapter, group.desired.map(toDesired) as never, { prune, ...(group.account === undefined ? {} : { account: group.account }) })()
    return result._tag === 'Left' ? { group, error: result.left } : { group, plan: result.right as Plan }
  })
  return { file: config.file, planned }
}

const url = (c: Context, value: string) => (c.flags['show-secret'] === true ? value : redactUrl(value))

function planView(c: Context, p: Planned) {
  const where = { provider: p.group.provider, ...(p.group.account === undefined ? {} : { account: p.group.account }) }
  if (!p.plan) return { ...where, error: errorView(p.error!) }
  const ref = (w: { id: string; url: string }) => ({ id: w.id, url: url(c, w.url) })
  return {
    ...where,
    creates: p.plan.creates.map((d) => ({ ...desiredView(d), url: url(c, d.url) })),
    updates: p.plan.updates.map((u) => ({ ...ref(u.current), changes: u.changes.map((field) => changeView(u, field)) })),
    deletes: p.plan.deletes.map(ref),
    unchanged: p.plan.unchanged.map(ref),
    unmanaged: p.plan.unmanaged.map(ref),
    warnings: p.plan.warnings,
  }
}

const errorView = (e: WebhookError) => ({
  tag: e._tag,
  message: e.message,
  ...(e.status === undefined ? {} : { status: e.status }),
  ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
})

function summaryOf(planned: readonly Planned[]) {
  const sum = (pick: (p: Plan) => readonly unknown[]) => planned.reduce((n, p) => n + (p.plan ? pick(p.plan).length : 0), 0)
  return {
    creates: sum((p) => p.creates),
    updates: sum((p) => p.updates),
    deletes: sum((p) => p.deletes),
    unchanged: sum((p) => p.unchanged),
    unmanaged: sum((p) => p.unmanaged),
    errors: planned.filter((p) => p.error).length,
  }
}

export function printPlan(c: Context, planned: readonly Planned[]): void {
  const { c: col } = c.out
  for (const p of planned) {
    const view = planView(c, p)
    c.out.line(col.bold(`${p.group.provider}${p.group.account ? ` ${p.group.account}` : ''}`))
    if ('error' in view) {
      c.out.line(`  ${col.red('! cannot plan')}: ${view.error.tag}: ${view.error.message}`)
      continue
    }
    for (const d of view.creates) c.out.line(`  ${col.green('+ create')} ${d.url} [${d.events.join(', ')}]${settingsText(d)}`)
    for (const u of view.updates) {
      c.out.line(`  ${col.yellow('~ update')} ${u.url} (${u.id})`)
      for (const ch of u.changes) c.out.line(`      ${ch.field}: ${JSON.stringify(ch.from)} → ${JSON.stringify(ch.to)}`)
    }
    for (const d of view.deletes) c.out.line(`  ${col.red('- delete')} ${d.url} (${d.id})`)
    if (view.unchanged.length) c.out.line(`  ${col.dim(`= ${view.unchanged.length} unchanged`)}`)
    for (const u of view.unmanaged) c.out.line(`  ${col.dim(`? unmanaged ${u.url} (${u.id}); kept (apply --prune deletes it)`)}`)
    for (const w of view.warnings) c.out.note(col.yellow(`warning: ${p.group.provider}: ${w}`))
  }
  const s = summaryOf(planned)
  c.out.line()
  c.out.line(
    `Plan: ${s.creates} to create, ${s.updates} to update, ${s.deletes} to delete, ${s.unchanged} unchanged, ${s.unmanaged} unmanaged${s.errors ? `, ${s.errors} not planned (errors)` : ''}.`,
  )
}

export const hasChanges = (planned: readonly Planned[]) =>
  planned.some((p) => p.plan && p.plan.creates.length + p.plan.updates.length + p.plan.deletes.length > 0)

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  prune: { type: 'boolean' },
} as const

export const planCommand: Command = {
  name: 'plan',
  usage: 'unihook plan [-c FILE] [--prune] [--detailed-exitcode] [--concurrency N] [--sandbox | --profile NAME]',
  summary: 'show what apply would change, per provider and account',
  options: { ...OPTIONS, 'detailed-exitcode': { type: 'boolean' }, concurrency: { type: 'string' } },
  async run(c) {
    const limit = createLimiter(concurrencyOf(c))
    const { file, planned } = await planAll(c, limit)
    const changes = hasChanges(planned)
    if (c.out.json) c.out.document({ config: file, plans: planned.map((p) => planView(c, p)), summary: summaryOf(planned), changes })
    else printPlan(c, planned)
    if (planned.some((p) => p.error)) return EXIT.failure
    return changes && c.flags['detailed-exitcode'] === true ? EXIT.changes : EXIT.ok
  },
}

/** What a failed step left behind, in words. */
function leftBehind(step: Step, error: WebhookError, webhook?: { id: string }): string {
  const unsure = mayHaveTakenEffect(error)
  if (step.kind === 'create') {
    if (webhook) return `created as ${webhook.id} but not disabled`
    return unsure ? 'may have been created: the answer was lost; run plan to see' : 'nothing was created'
  }
  if (step.kind === 'update') return unsure ? 'may have been changed: the answer was lost; run plan to see' : 'left unchanged'
  return unsure ? 'may have been deleted: the answer was lost; run plan to see' : 'still present'
}

/** Applies every plan with changes, bounded by one limiter; returns per-account results and the secrets handed out. */
export async function applyAll(c: Context, toApply: readonly Planned[], width: number, limit: Limiter) {
  const total = toApply.reduce((n, p) => n + p.plan!.creates.length + p.plan!.updates.length + p.plan!.deletes.length, 0)
  const progress = total > 0 ? c.out.progress(total, 'apply') : undefined
  const reports = await each(toApply, async (p) => {
    const adapter = limitProvider(await c.session.adapter(p.group.provider, p.group.account), limit)
    const report = await apply(adapter, p.plan!, { concurrency: width, onProgress: (e) => progress?.tick(e.ok) })()
    return { group: p.group, report: report as ApplyReport }
  })
  progress?.stop()

  const secrets: SecretRecord[] = reports.flatMap(({ group, report }) =>
    report.succeeded
      .flatMap((s) => (s.step.kind === 'create' && s.webhook ? [secretRecord(s.webhook, group.account)] : []))
      .filter((r): r is SecretRecord => r !== undefined),
  )

  const results = reports.map(({ group, report }) => ({
    provider: group.provider,
    ...(group.account === undefined ? {} : { account: group.account }),
    succeeded: report.succeeded.map((s) => ({
      kind: s.step.kind,
      url: url(c, s.step.url),
      ...(s.webhook ? { id: s.webhook.id } : 'id' in s.step ? { id: s.step.id } : {}),
    })),
    failed: report.failed.map((f) => ({
      kind: f.step.kind,
      url: url(c, f.step.url),
      ...('id' in f.step ? { id: f.step.id } : {}),
      error: errorView(f.error),
      left: leftBehind(f.step, f.error, f.webhook),
    })),
  }))
  return { results, secrets }
}

async function confirm(c: Context): Promise<boolean> {
  if (c.flags.yes === true) return true
  if (!c.interactive) throw usageError('apply changes webhooks: pass --yes to confirm when not on a terminal')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question('Apply these changes? [y/N] ')).trim())
  } finally {
    rl.close()
  }
}

export const applyCommand: Command = {
  name: 'apply',
  usage: 'unihook apply [-c FILE] [--prune] [--yes] [--concurrency N] [--secrets-out FILE] [--sandbox | --profile NAME]',
  summary: 'carry the plan out',
  options: { ...OPTIONS, yes: { type: 'boolean', short: 'y' }, concurrency: { type: 'string' } },
  async run(c) {
    const width = concurrencyOf(c)
    const limit = createLimiter(width)
    const { file, planned } = await planAll(c, limit)
    if (!c.out.json) printPlan(c, planned)
    const toApply = planned.filter((p) => p.plan && p.plan.creates.length + p.plan.updates.length + p.plan.deletes.length > 0)
    if (toApply.length && !(await confirm(c))) {
      c.out.note('apply cancelled; nothing was changed')
      return EXIT.failure
    }
    const { results, secrets } = await applyAll(c, toApply, width, limit)
    const secretsOut = str(c.flags, 'secrets-out')
    if (secrets.length && secretsOut) writeSecrets(secretsOut, secrets)

    const planErrors = planned.filter((p) => p.error)
    const succeeded = results.reduce((n, r) => n + r.succeeded.length, 0)
    const failed = results.reduce((n, r) => n + r.failed.length, 0)
    const complete = failed === 0 && planErrors.length === 0
    const secretsDoc = { returned: secrets.length, ...(secrets.length && secretsOut ? { writtenTo: secretsOut } : {}) }
    if (c.out.json) {
      c.out.document({
        config: file,
        plans: planned.map((p) => planView(c, p)),
        results,
        summary: { succeeded, failed, notPlanned: planErrors.length },
        complete,
        secrets: secretsDoc,
      })
    } else {
      c.out.line()
      for (const r of results) {
        for (const f of r.failed) {
          c.out.line(
            `${c.out.c.red('✗')} ${r.provider}${r.account ? ` ${r.account}` : ''} ${f.kind} ${f.url}: ${f.error.tag}: ${f.error.message}${f.error.requestId ? ` (request id ${f.error.requestId})` : ''} — ${f.left}`,
          )
        }
      }
      c.out.line(
        `Apply: ${succeeded} succeeded, ${failed} failed${planErrors.length ? `, ${planErrors.length} accounts not planned` : ''}.${complete ? '' : ' Run apply again to retry what failed.'}`,
      )
    }
    if (secrets.length && !secretsOut)
      c.out.note(
        c.out.c.yellow(`${secrets.length} signing secret(s) were returned and not kept: pass --secrets-out FILE to save them (rotate-secret issues new ones)`),
      )
    else if (secrets.length) c.out.note(`${secrets.length} signing secret(s) written to ${secretsOut}`)
    return complete ? EXIT.ok : EXIT.failure
  },
}
