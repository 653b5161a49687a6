import { parseShard, type RunSummary, type Shard } from '@unihook/core'
import { type Context, str } from './command.js'
import { type Config, findConfig, loadConfig } from './config.js'
import { usageError } from './errors.js'
import type { PlanFileHeader, Target } from './plan-file.js'
import {
  type AccountView,
  type Group,
  groupsOf,
  inShardGroups,
  type PlanView,
  type ResultView,
  type RunOptions,
  type RunRequest,
  runGroups,
} from './reconcile-run.js'
import { budgetsFor, concurrencyOf, ratesOf, shardOf, shardText } from './run-flags.js'
import type { RunJournal } from './run-journal.js'
import { checkEntries, refuseConfig } from './validate-config.js'
import { settingsText } from './views.js'

/** The config, checked: what any create or update would refuse stops the whole command here, before the first request. */
export async function checkedConfig(c: Context, file?: string): Promise<Config> {
  const config = await loadConfig(file ?? findConfig(str(c.flags, 'config'), process.cwd()))
  const problems = checkEntries(config.webhooks, { sandbox: c.session.sandbox })
  if (problems.length) throw refuseConfig(config.file, config.locate, problems)
  return config
}

export const targetOf = (c: Context): Target =>
  c.session.sandbox
    ? { kind: 'sandbox', state: c.session.statePath }
    : { kind: 'api', ...(typeof c.flags.profile === 'string' ? { profile: c.flags.profile } : {}) }

export const optionsOf = (c: Context): RunOptions => ({ prune: c.flags.prune === true, fixDuplicates: c.flags['fix-duplicates'] === true })

/** What the commands need before the first request: every flag read and the config checked. */
export interface Prepared {
  /** Only the file: the rest of the config (its text, for lines in errors) is not held through the run. */
  readonly config: Pick<Config, 'file'>
  readonly groups: readonly Group[]
  readonly shard?: string
  readonly options: RunOptions
  readonly budget: RunRequest['budget']
  readonly concurrency: number
}

export async function prepare(c: Context, fromPlan?: PlanFileHeader): Promise<Prepared> {
  // Flags first: a bad --shard, --rate or --concurrency is refused before the config is even read.
  const flagShard = shardOf(c)
  const concurrency = concurrencyOf(c)
  const rates = ratesOf(c)
  const shard = fromPlan ? savedShard(fromPlan) : flagShard
  const config = await checkedConfig(c, fromPlan && str(c.flags, 'config') === undefined ? fromPlan.config : undefined)
  const all = groupsOf(config.webhooks)
  const groups = inShardGroups(all, shard)
  if (shard) c.out.note(`shard ${shardText(shard)}: ${groups.length} of ${all.length} accounts`)
  return {
    config: { file: config.file },
    groups,
    ...(shard ? { shard: shardText(shard) } : {}),
    options: fromPlan?.options ?? optionsOf(c),
    budget: budgetsFor(rates, concurrency),
    concurrency,
  }
}

export function savedShard(header: PlanFileHeader): Shard | undefined {
  if (header.shard === undefined) return undefined
  const shard = parseShard(header.shard)
  if (shard._tag === 'Left') throw usageError(`the plan file names shard "${header.shard}", which is not i/n; nothing was sent`, 'PlanFileError')
  return shard.right
}

/**
 * An account's view as a run keeps it until the report: its plan and result as JSON text, read back on
 * each access. As objects they took about 6 KB of peak memory per account (their own size times the
 * garbage collector's headroom), 60 MB at 10,000 accounts; as text, a few hundred bytes. The report
 * reads them one at a time, so no more than one account's objects exist at once.
 */
class KeptView implements AccountView {
  readonly group: Group
  readonly changes: number
  readonly duplicates: number
  readonly converged: boolean
  readonly notReached?: boolean
  readonly stale?: AccountView['stale']
  readonly saved?: AccountView['saved']
  readonly #text: string

  constructor({ group, plan, result, changes, duplicates, converged, notReached, stale, saved }: AccountView) {
    this.group = group
    this.changes = changes
    this.duplicates = duplicates
    this.converged = converged
    if (notReached) this.notReached = notReached
    if (stale) this.stale = stale
    if (saved) this.saved = saved
    this.#text = JSON.stringify(result ? { plan, result } : { plan })
  }

  get plan(): PlanView {
    return (JSON.parse(this.#text) as { plan: PlanView }).plan
  }

  get result(): ResultView | undefined {
    return (JSON.parse(this.#text) as { result?: ResultView }).result
  }
}

/** A value `JSON.stringify` writes as what `read` returns, made only when it is written. */
export const writtenAs = (read: () => unknown) => ({ toJSON: read })

/**
 * Collects the account views of a run in the config's order, ticking a progress bar in apply runs.
 * `expected` is how many accounts the run was handed: those it never reported on were not reached.
 */
export function collector(c: Context, groups: readonly Group[], expected: number, progress: boolean) {
  // Keyed by the group itself (every view carries the run's own group object): no key text per account.
  const order = new Map(groups.map((g, i) => [g, i]))
  const views: (AccountView | undefined)[] = new Array(groups.length)
  const bar = progress && expected > 0 ? c.out.progress(expected, 'apply') : undefined
  let received = 0
  let refused = 0
  const add = (view: AccountView) => {
    views[order.get(view.group) as number] = view instanceof KeptView ? view : new KeptView(view)
  }
  return {
    /** A view from an earlier phase (an account with nothing to apply): shown, not counted. */
    add,
    onAccount: (view: AccountView) => {
      add(view)
      received++
      // Once interrupted, accounts refused unsent are not progress: the bar stops where the work stopped.
      if (view.notReached) refused++
      else bar?.tick(view.converged)
    },
    done: () => {
      bar?.stop()
      return { views: views.filter((v): v is AccountView => v !== undefined), notReached: expected - received + refused }
    },
  }
}

export function summaryOf(views: readonly AccountView[]) {
  const summary = { creates: 0, updates: 0, deletes: 0, unchanged: 0, unmanaged: 0, duplicates: 0, errors: 0 }
  for (const view of views) {
    // Read once: a kept view's plan is parsed on each access.
    const plan = view.plan
    summary.creates += plan.creates?.length ?? 0
    summary.updates += plan.updates?.length ?? 0
    summary.deletes += plan.deletes?.length ?? 0
    summary.unchanged += plan.unchanged?.length ?? 0
    summary.unmanaged += plan.unmanaged?.length ?? 0
    summary.duplicates += view.duplicates
    if (plan.error && !view.notReached) summary.errors++
  }
  return summary
}

export const rateView = (summaries: ReadonlyMap<string, RunSummary>, budget: RunRequest['budget']) =>
  Object.fromEntries(
    [...summaries].map(([provider, s]) => {
      const rate = budget(provider).requestsPerSecond
      return [provider, { requestsPerSecond: Number.isFinite(rate) ? rate : null, ...s.budget }]
    }),
  )

export function printPlan(c: Context, views: readonly AccountView[]): void {
  const { c: col } = c.out
  for (const { group, plan: view, stale, notReached } of views) {
    if (notReached) continue
    c.out.line(col.bold(`${group.provider}${group.account ? ` ${group.account}` : ''}`))
    if (view.error) {
      c.out.line(`  ${col.red('! cannot plan')}: ${view.error.tag}: ${view.error.message}`)
      continue
    }
    if (stale) {
      c.out.line(`  ${col.red('! stale')}: ${stale.message}`)
      continue
    }
    for (const d of view.creates ?? []) c.out.line(`  ${col.green('+ create')} ${d.url} [${d.events.join(', ')}]${settingsText(d)}`)
    for (const u of view.updates ?? []) {
      c.out.line(`  ${col.yellow('~ update')} ${u.url} (${u.id})`)
      for (const ch of u.changes) c.out.line(`      ${ch.field}: ${JSON.stringify(ch.from)} → ${JSON.stringify(ch.to)}`)
    }
    const deleted = new Set((view.deletes ?? []).map((d) => d.id))
    for (const d of view.deletes ?? []) c.out.line(`  ${col.red('- delete')} ${d.url} (${d.id})`)
    for (const d of view.duplicates ?? []) {
      const kept = d.keeps ? `, a second webhook for the URL of ${d.keeps} (kept)` : ''
      const fix = deleted.has(d.id) ? 'deleted by this plan' : 'apply --fix-duplicates (or --prune) deletes it'
      c.out.line(`  ${col.yellow('! duplicate')} ${d.url} (${d.id})${kept}: every event is delivered twice; ${fix}`)
    }
    if (view.unchanged?.length) c.out.line(`  ${col.dim(`= ${view.unchanged.length} unchanged`)}`)
    for (const u of view.unmanaged ?? []) c.out.line(`  ${col.dim(`? unmanaged ${u.url} (${u.id}); kept (apply --prune deletes it)`)}`)
    for (const w of view.warnings ?? []) c.out.note(col.yellow(`warning: ${group.provider}: ${w}`))
  }
  const s = summaryOf(views)
  c.out.line()
  c.out.line(
    `Plan: ${s.creates} to create, ${s.updates} to update, ${s.deletes} to delete, ${s.unchanged} unchanged, ${s.unmanaged} unmanaged${s.duplicates ? `, ${s.duplicates} duplicates` : ''}${s.errors ? `, ${s.errors} not planned (errors)` : ''}.`,
  )
}

export const hasChanges = (views: readonly AccountView[]) => views.some((v) => v.changes > 0)

/** Plans every account of the config (this shard's); `save` makes each account's saved plan too. */
export async function planAccounts(c: Context, prepared: Prepared, save = false, journal?: RunJournal) {
  const collect = collector(c, prepared.groups, prepared.groups.length, false)
  const summaries = await runGroups(c, { ...baseRequest(prepared), mode: 'plan', save, ...(journal ? { journal } : {}), onAccount: collect.onAccount })
  return { views: collect.done().views, summaries }
}

/** Plans and applies every account at once, no journal (the demo's tour). */
export async function applyAccounts(c: Context, prepared: Prepared) {
  const collect = collector(c, prepared.groups, prepared.groups.length, false)
  await runGroups(c, { ...baseRequest(prepared), mode: 'apply', onAccount: collect.onAccount })
  return collect.done().views
}

export const baseRequest = (prepared: Prepared) => ({
  ...prepared.options,
  groups: prepared.groups,
  budget: prepared.budget,
  stepConcurrency: prepared.concurrency,
})
