/**
 * `unihook plan` and `unihook apply`: the config's desired webhooks, grouped by provider and account,
 * planned against what each holds (core `plan`), then carried out (core `apply`) with one bound on the
 * calls in flight across all accounts, a progress bar, and a report of what each failure left behind.
 */

import { createInterface } from 'node:readline/promises'
import { apply, type ApplyReport, mayHaveTakenEffect, type Plan, plan, redactUrl, type Step, type WebhookError } from '@unihook/core'
import { type Command, type Context, str } from '../command.js'
import { type DesiredEntry, findConfig, loadConfig } from '../config.js'
import { EXIT, failure, usageError } from '../errors.js'
import { createLimiter, each, type Limiter, limitProvider } from '../limit.js'
import type { ProviderName } from '../providers.js'
import { notSent } from '../interrupt.js'
import { projectFile } from '../project.js'
import { claim } from '../sandbox-lock.js'
import { checkEntries, refuseConfig } from '../validate-config.js'
import { changeView, desiredView, settingsText } from '../views.js'

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
function leftBehind(step: Step, error: WebhookError, webhook?: { id: string }, secretsIn?: string): string {
  const unsure = mayHaveTakenEffect(error)
  if (step.kind === 'create') {
    if (webhook) return `created as ${webhook.id} but not disabled`
    const kept = secretsIn ? `; if it was, its secret is in ${secretsIn}` : ''
    return unsure ? `may have been created: the answer was lost or interrupted${kept}; run plan to see` : 'nothing was created'
  }
  if (step.kind === 'update') return unsure ? 'may have been changed: the answer was lost; run plan to see' : 'left unchanged'
  return unsure ? 'may have been deleted: the answer was lost; run plan to see' : 'still present'
}

/**
 * Applies every plan with changes, bounded by one limiter; returns per-account results. Each secret
 * handed out is already in the secrets file (the session's adapters write it as the answer arrives);
 * steps refused because the command was interrupted are `notStarted`.
 */
export async function applyAll(c: Context, toApply: readonly Planned[], width: number, limit: Limiter) {
  const total = toApply.reduce((n, p) => n + p.plan!.creates.length + p.plan!.updates.length + p.plan!.deletes.length, 0)
  const progress = total > 0 ? c.out.progress(total, 'apply') : undefined
  const reports = await each(toApply, async (p) => {
    const adapter = limitProvider(await c.session.adapter(p.group.provider, p.group.account), limit)
    // Once interrupted, the steps refused unsent are not progress: the bar stops where the work stopped.
    const onProgress = (e: { ok: boolean }) => (e.ok || !c.signal.aborted ? progress?.tick(e.ok) : undefined)
    const report = await apply(adapter, p.plan!, { concurrency: width, onProgress })()
    return { group: p.group, report: report as ApplyReport }
  })
  progress?.stop()
  const secretsIn = c.session.secrets.count('pending') + c.session.secrets.count('unconfirmed') > 0 ? c.session.secrets.path : undefined

  const results = reports.map(({ group, report }) => ({
    provider: group.provider,
    ...(group.account === undefined ? {} : { account: group.account }),
    succeeded: report.succeeded.map((s) => ({
      kind: s.step.kind,
      url: url(c, s.step.url),
      ...(s.webhook ? { id: s.webhook.id } : 'id' in s.step ? { id: s.step.id } : {}),
    })),
    failed: report.failed
      .filter((f) => !notSent(f.error))
      .map((f) => ({
        kind: f.step.kind,
        url: url(c, f.step.url),
        ...('id' in f.step ? { id: f.step.id } : {}),
        error: errorView(f.error),
        left: leftBehind(f.step, f.error, f.webhook, secretsIn),
      })),
    notStarted: report.failed.filter((f) => notSent(f.error)).map((f) => ({ kind: f.step.kind, url: url(c, f.step.url) })),
  }))
  return { results }
}

async function confirm(c: Context): Promise<boolean> {
  if (c.flags.yes === true) return true
  if (!c.interactive) throw usageError('apply changes webhooks: pass --yes to confirm when not on a terminal')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  // Ctrl-C at the prompt reaches readline as a key, not a signal: it answers no.
  const asked = new AbortController()
  rl.on('SIGINT', () => asked.abort())
  try {
    return /^y(es)?$/i.test((await rl.question('Apply these changes? [y/N] ', { signal: AbortSignal.any([asked.signal, c.signal]) })).trim())
  } catch (error) {
    if ((error as Error).name === 'AbortError') return false
    throw error
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
    // Two applies on one target would each create what is missing: the second waits for none, it refuses.
    const lock = c.session.sandbox ? `${c.session.statePath}.apply.lock` : projectFile('apply.lock')
    const claimed = claim(lock)
    if ('holder' in claimed)
      throw failure(
        `another apply (process ${claimed.holder}) is running on this ${c.session.sandbox ? 'sandbox' : 'project'}; wait for it to end, then run apply again`,
        {
          tag: 'ApplyRunning',
        },
      )
    try {
      return await planAndApply(c, width, limit)
    } finally {
      claimed.release()
    }
  },
}

async function planAndApply(c: Context, width: number, limit: Limiter): Promise<number> {
  const { file, planned } = await planAll(c, limit)
  if (!c.out.json) printPlan(c, planned)
  if (c.signal.aborted) {
    c.out.note('interrupted while planning: nothing was changed')
    return EXIT.failure
  }
  const toApply = planned.filter((p) => p.plan && p.plan.creates.length + p.plan.updates.length + p.plan.deletes.length > 0)
  if (toApply.length && !(await confirm(c))) {
    c.out.note('apply cancelled; nothing was changed')
    return EXIT.failure
  }
  const { results } = await applyAll(c, toApply, width, limit)
  const planErrors = planned.filter((p) => p.error)
  const count = (pick: (r: (typeof results)[number]) => readonly unknown[]) => results.reduce((n, r) => n + pick(r).length, 0)
  const summary = {
    succeeded: count((r) => r.succeeded),
    failed: count((r) => r.failed),
    notStarted: count((r) => r.notStarted),
    notPlanned: planErrors.length,
  }
  const interrupted = c.signal.aborted
  const complete = summary.failed === 0 && summary.notStarted === 0 && planErrors.length === 0
  const sink = c.session.secrets
  const kept = { created: sink.count('created'), unconfirmed: sink.count('unconfirmed') }
  const secretsDoc = { returned: kept.created, unconfirmed: kept.unconfirmed, ...(kept.created + kept.unconfirmed ? { writtenTo: sink.path } : {}) }
  if (c.out.json) {
    c.out.document({ config: file, plans: planned.map((p) => planView(c, p)), results, summary, complete, interrupted, secrets: secretsDoc })
  } else {
    c.out.line()
    for (const r of results) {
      for (const f of r.failed) {
        c.out.line(
          `${c.out.c.red('✗')} ${r.provider}${r.account ? ` ${r.account}` : ''} ${f.kind} ${f.url}: ${f.error.tag}: ${f.error.message}${f.error.requestId ? ` (request id ${f.error.requestId})` : ''} — ${f.left}`,
        )
      }
    }
    const notStarted = summary.notStarted ? `, ${summary.notStarted} not started (interrupted)` : ''
    c.out.line(
      `Apply${interrupted ? ' (interrupted)' : ''}: ${summary.succeeded} succeeded, ${summary.failed} failed${notStarted}${planErrors.length ? `, ${planErrors.length} accounts not planned` : ''}.${complete ? '' : ' Run apply again to finish: it plans only what is still missing.'}`,
    )
  }
  if (kept.created + kept.unconfirmed) {
    const unsure = kept.unconfirmed ? ` (${kept.unconfirmed} for webhooks that may exist: the answer was lost or interrupted)` : ''
    c.out.note(`${kept.created + kept.unconfirmed} signing secret(s) written to ${sink.path}${unsure}`)
  }
  return complete ? EXIT.ok : EXIT.failure
}
