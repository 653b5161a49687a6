/**
 * `unihook plan` and `unihook apply`: the config's desired webhooks, grouped by provider and account,
 * planned against what each holds and carried out (reconcile-run.ts), with one rate budget per provider
 * credential, `--shard i/n`, saved plans (`plan -out FILE`, `apply FILE`), a journal that lets an
 * interrupted apply resume, duplicates flagged and fixed, a progress bar, and a report of what each
 * failure left behind.
 */

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import type { RunSummary, SavedAccountPlan } from '@unihook/core'
import { type Command, type Context, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import { type PlanFileHeader, readPlanFile, targetText, writePlanFile } from '../plan-file.js'
import { projectFile } from '../project.js'
import { type AccountView, accountKey, digestOf, type Group, groupKey, type ResultView, runGroups } from '../reconcile-run.js'
import { shardOf, shardText } from '../run-flags.js'
import { openRunJournal, type RunJournal } from '../run-journal.js'
import { claim } from '../sandbox-lock.js'
import { baseRequest, collector, hasChanges, planAccounts, type Prepared, prepare, printPlan, rateView, summaryOf, targetOf, writtenAs } from '../planning.js'

const PLAN_OPTIONS = {
  config: { type: 'string', short: 'c' },
  prune: { type: 'boolean' },
  'fix-duplicates': { type: 'boolean' },
  concurrency: { type: 'string' },
  rate: { type: 'string', multiple: true },
  shard: { type: 'string' },
} as const

export const planCommand: Command = {
  name: 'plan',
  usage:
    'unihook plan [-c FILE] [--prune] [--fix-duplicates] [--detailed-exitcode] [-out FILE] [--shard i/n] [--rate N] [--concurrency N] [--sandbox | --profile NAME]',
  summary: 'show what apply would change, per provider and account; -out FILE saves it for apply FILE',
  options: { ...PLAN_OPTIONS, 'detailed-exitcode': { type: 'boolean' }, out: { type: 'string' } },
  async run(c) {
    const out = str(c.flags, 'out')
    const prepared = await prepare(c)
    const { views, summaries } = await planAccounts(c, prepared, out !== undefined)
    const summary = summaryOf(views)
    const changes = hasChanges(views)
    const interrupted = c.signal.aborted
    const saved = out !== undefined && summary.errors === 0 && !interrupted ? savePlanFile(c, prepared, views, resolve(out)) : undefined
    if (c.out.json) {
      c.out.document({
        config: prepared.config.file,
        ...(prepared.shard === undefined ? {} : { shard: prepared.shard }),
        plans: views.filter((v) => !v.notReached).map((v) => writtenAs(() => v.plan)),
        summary,
        changes,
        rate: rateView(summaries, prepared.budget),
        ...(saved ? { savedTo: saved } : {}),
      })
    } else printPlan(c, views)
    if (out !== undefined && !saved) {
      c.out.note(`no plan saved to ${out}: ${interrupted ? 'planning was interrupted' : `${summary.errors} accounts could not be planned`}`)
      return EXIT.failure
    }
    if (saved) c.out.note(`plan saved to ${saved} (mode 0600, no secrets); run: unihook apply ${out}${c.session.sandbox ? ' --sandbox' : ''}`)
    if (summary.errors) return EXIT.failure
    return (changes || summary.duplicates > 0) && c.flags['detailed-exitcode'] === true ? EXIT.changes : EXIT.ok
  },
}

function savePlanFile(c: Context, prepared: Prepared, views: readonly AccountView[], path: string): string {
  const plans = views.flatMap((v) => (v.saved ? [v.saved] : []))
  const header: PlanFileHeader = {
    kind: 'unihook-saved-plan',
    version: 1,
    config: prepared.config.file,
    target: targetOf(c),
    ...(prepared.shard === undefined ? {} : { shard: prepared.shard }),
    options: prepared.options,
    createdAt: new Date().toISOString(),
    accounts: plans.length,
  }
  writePlanFile(path, { header, plans })
  return path
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
  usage:
    'unihook apply [FILE] [-c FILE] [--prune] [--fix-duplicates] [--yes] [--shard i/n] [--rate N] [--concurrency N] [--no-resume] [--secrets-out FILE] [--sandbox | --profile NAME]',
  summary: 'carry the plan out (or the plan saved in FILE by plan -out)',
  options: { ...PLAN_OPTIONS, yes: { type: 'boolean', short: 'y' }, 'no-resume': { type: 'boolean' } },
  async run(c) {
    const planFile = c.positionals[0]
    const saved = planFile === undefined ? undefined : readPlanFile(planFile)
    if (saved) refuseOtherSettings(c, saved.header)
    const prepared = await prepare(c, saved?.header)
    // Two applies of one shard on one target would each create what is missing: the second refuses.
    const shardSuffix = prepared.shard === undefined ? '' : `.shard-${prepared.shard.replace('/', '-of-')}`
    const lock = c.session.sandbox ? `${c.session.statePath}.apply${shardSuffix}.lock` : projectFile(`apply${shardSuffix}.lock`)
    const claimed = claim(lock)
    if ('holder' in claimed)
      throw failure(
        `another apply (process ${claimed.holder}) is running on this ${c.session.sandbox ? 'sandbox' : 'project'}${prepared.shard ? ` for shard ${prepared.shard}` : ''}; wait for it to end, then run apply again`,
        { tag: 'ApplyRunning' },
      )
    try {
      if (saved && planFile !== undefined) return await applyPlanFile(c, prepared, saved.plans, planFile)
      return await planAndApply(c, prepared)
    } finally {
      claimed.release()
    }
  },
}

/** `apply FILE` takes the plan's own settings: a flag saying otherwise is refused rather than ignored. */
function refuseOtherSettings(c: Context, header: PlanFileHeader): void {
  const target = targetOf(c)
  if (JSON.stringify(target) !== JSON.stringify(header.target))
    throw usageError(
      `the plan was made against ${targetText(header.target)}, not ${targetText(target)}: pass the same target flags as plan did; nothing was sent`,
    )
  const shard = shardOf(c)
  if (shard && shardText(shard) !== header.shard)
    throw usageError(`the plan was made for ${header.shard ? `shard ${header.shard}` : 'every account'}, not --shard ${shardText(shard)}; nothing was sent`)
  for (const [flag, key] of [
    ['--prune', 'prune'],
    ['--fix-duplicates', 'fixDuplicates'],
  ] as const) {
    const given = c.flags[flag.slice(2)] === true
    if (given && !header.options[key]) throw usageError(`the plan was made without ${flag}: run plan ${flag} -out FILE to plan it; nothing was sent`)
  }
}

/** Why a saved plan no longer fits the config, account by account (nothing read from the provider). */
async function staleAgainstConfig(prepared: Prepared, plans: readonly SavedAccountPlan[]): Promise<string[]> {
  const byKey = new Map(plans.map((p) => [groupKey(p.provider, p.account ?? ''), p]))
  const reasons: string[] = []
  const name = (provider: string, account: string) => `${provider}${account ? ` ${account}` : ''}`
  for (const group of prepared.groups) {
    const key = groupKey(group.provider, accountKey(group))
    const plan = byKey.get(key)
    byKey.delete(key)
    if (!plan) reasons.push(`${name(group.provider, accountKey(group))}: in the config but not in the plan`)
    else if ((await digestOf(group, plan.options)) !== plan.desiredDigest)
      reasons.push(`${name(group.provider, accountKey(group))}: its webhooks in the config changed since the plan`)
  }
  for (const plan of byKey.values()) reasons.push(`${name(plan.provider, plan.account ?? '')}: in the plan but no longer in the config`)
  return reasons
}

function staleError(reasons: readonly string[], file: string) {
  const shown = reasons.slice(0, 10).map((r) => `  ${r}`)
  const more = reasons.length > shown.length ? [`  … and ${reasons.length - shown.length} more`] : []
  return failure(
    `the plan in ${file} is stale, nothing was sent:\n${[...shown, ...more].join('\n')}\nplan again (unihook plan -out ${file}), review it, then apply it`,
    { tag: 'StalePlan' },
  )
}

async function applyPlanFile(c: Context, prepared: Prepared, plans: readonly SavedAccountPlan[], file: string): Promise<number> {
  const reasons = await staleAgainstConfig(prepared, plans)
  if (reasons.length) throw staleError(reasons, file)
  const withChanges = plans.filter((p) => p.summary.creates.length + p.summary.updates.length + p.summary.deletes.length > 0)
  const journal = await openJournal(c, prepared, createHash('sha256').update(readFileSync(file)).digest('hex'))
  const saved = byGroupKey(withChanges)
  const done = await countDone(journal, prepared.groups, savedDigest(saved))
  announceResume(c, journal, done)
  return applySaved(c, prepared, saved, journal, { resumed: done, printPlans: true })
}

const savedDigest = (saved: ReadonlyMap<string, SavedAccountPlan>) => async (g: Group) => saved.get(groupKey(g.provider, accountKey(g)))?.desiredDigest ?? ''

const byGroupKey = (plans: readonly SavedAccountPlan[]) => new Map(plans.map((p) => [groupKey(p.provider, p.account ?? ''), p]))

async function openJournal(c: Context, prepared: Prepared, plan?: string): Promise<RunJournal> {
  const scope = {
    config: prepared.config.file,
    target: targetOf(c),
    ...(prepared.shard === undefined ? {} : { shard: prepared.shard }),
    ...(plan === undefined ? {} : { plan }),
  }
  return openRunJournal(scope, c.flags['no-resume'] === true)
}

/** How many of these accounts the journal says are done: said before the run starts. */
function announceResume(c: Context, journal: RunJournal, done: number): void {
  if (done > 0) c.out.note(`resuming: ${done} accounts already done (journal ${journal.path}; --no-resume starts afresh)`)
}

async function countDone(journal: RunJournal, groups: readonly Group[], digest: (g: Group) => Promise<string>): Promise<number> {
  let done = 0
  for (const group of groups) if (journal.forProvider(group.provider).finished(accountKey(group), await digest(group))) done++
  return done
}

async function planAndApply(c: Context, prepared: Prepared): Promise<number> {
  const journal = await openJournal(c, prepared)
  const done = await countDone(journal, prepared.groups, (g) => digestOf(g, prepared.options))
  announceResume(c, journal, done)
  if (c.flags.yes !== true) {
    // Asking first: plan everything, show it, then apply each account's plan, refused if it changed meanwhile.
    const { views } = await planAccounts(c, prepared, true, journal)
    if (!c.out.json) printPlan(c, views)
    if (c.signal.aborted) {
      c.out.note('interrupted while planning: nothing was changed')
      return EXIT.failure
    }
    const plans = views.flatMap((v) => (v.saved && v.changes > 0 ? [v.saved] : []))
    if (plans.length && !(await confirm(c))) {
      c.out.note('apply cancelled; nothing was changed')
      return EXIT.failure
    }
    return applySaved(c, prepared, byGroupKey(plans), journal, { resumed: done, printPlans: false, planned: views })
  }
  const collect = collector(c, prepared.groups, prepared.groups.length - done, true)
  const summaries = await runGroups(c, { ...baseRequest(prepared), mode: 'apply', journal, onAccount: collect.onAccount })
  return report(c, prepared, collect.done(), summaries, journal, { resumed: done, printPlans: true })
}

interface ApplyRun {
  /** Accounts the journal said were done, skipped. */
  readonly resumed: number
  readonly printPlans: boolean
  /** Accounts planned before the confirmation: those with nothing to apply are reported as they are. */
  readonly planned?: readonly AccountView[]
}

/** Applies saved account plans (from FILE, or made before the confirmation), each refused if its account changed since. */
async function applySaved(c: Context, prepared: Prepared, saved: ReadonlyMap<string, SavedAccountPlan>, journal: RunJournal, run: ApplyRun): Promise<number> {
  const groups = prepared.groups.filter((g) => saved.has(groupKey(g.provider, accountKey(g))))
  // The accounts of these plans the journal holds are skipped: the others are the run's to report on.
  const skipped = await countDone(journal, groups, savedDigest(saved))
  const collect = collector(c, prepared.groups, groups.length - skipped, true)
  for (const view of run.planned ?? []) if (view.changes === 0) collect.add(view)
  const summaries = await runGroups(c, { ...baseRequest(prepared), groups, mode: 'apply', saved, journal, onAccount: collect.onAccount })
  return report(c, prepared, collect.done(), summaries, journal, run)
}

function report(
  c: Context,
  prepared: Prepared,
  collected: { views: readonly AccountView[]; notReached: number },
  summaries: ReadonlyMap<string, RunSummary>,
  journal: RunJournal,
  run: ApplyRun,
): number {
  const { views, notReached } = collected
  const { reported, unconfirmed, ...steps } = tallyResults(views)
  const stale = views.flatMap((v) => (v.stale ? [{ ...v.plan, ...v.stale }] : []))
  const summary = { ...steps, notPlanned: views.filter((v) => !v.notReached && v.plan.error).length }
  const interrupted = c.signal.aborted
  const complete = summary.failed === 0 && summary.notStarted === 0 && summary.notPlanned === 0 && stale.length === 0 && notReached === 0 && unconfirmed === 0
  if (complete && !interrupted) journal.complete()
  const sink = c.session.secrets
  const kept = { created: sink.count('created'), unconfirmed: sink.count('unconfirmed') }
  const secretsDoc = { returned: kept.created, unconfirmed: kept.unconfirmed, ...(kept.created + kept.unconfirmed ? { writtenTo: sink.path } : {}) }
  const accounts = { total: prepared.groups.length, resumed: run.resumed, notReached, stale: stale.length, unconfirmed }
  if (c.out.json) {
    c.out.document({
      config: prepared.config.file,
      ...(prepared.shard === undefined ? {} : { shard: prepared.shard }),
      plans: views.filter((v) => !v.notReached).map((v) => writtenAs(() => v.plan)),
      results: reported.map((v) => writtenAs(() => v.result)),
      summary,
      accounts,
      ...(stale.length ? { stale } : {}),
      complete,
      interrupted,
      secrets: secretsDoc,
      rate: rateView(summaries, prepared.budget),
      ...(complete ? {} : { journal: journal.path }),
    })
  } else printReport(c, views, reported, { summary, accounts, complete, interrupted, printPlans: run.printPlans, stale })
  if (!complete && views.some((v) => v.converged)) c.out.note(`finished accounts are in ${journal.path}: the next apply resumes after them`)
  if (kept.created + kept.unconfirmed) {
    const unsure = kept.unconfirmed ? ` (${kept.unconfirmed} for webhooks that may exist: the answer was lost or interrupted)` : ''
    c.out.note(`${kept.created + kept.unconfirmed} signing secret(s) written to ${sink.path}${unsure}`)
  }
  return complete ? EXIT.ok : EXIT.failure
}

/**
 * The steps of a run's results, and the views with any: each view's result read once (a kept view's is
 * parsed on each access).
 */
function tallyResults(views: readonly AccountView[]) {
  const tally = { succeeded: 0, failed: 0, notStarted: 0, unconfirmed: 0, reported: [] as AccountView[] }
  for (const view of views) {
    const result = view.result
    if (!result) continue
    if (result.unconfirmed) tally.unconfirmed++
    if (!(result.succeeded.length || result.failed.length || result.notStarted.length)) continue
    tally.succeeded += result.succeeded.length
    tally.failed += result.failed.length
    tally.notStarted += result.notStarted.length
    tally.reported.push(view)
  }
  return tally
}

/** What the end of an apply tells: its totals, whether it finished, and the accounts a saved plan no longer fitted. */
interface RunReport {
  readonly summary: { succeeded: number; failed: number; notStarted: number; notPlanned: number }
  readonly accounts: { resumed: number; notReached: number; unconfirmed: number }
  readonly complete: boolean
  readonly interrupted: boolean
  readonly stale: readonly { provider: string; account?: string; message: string }[]
}

function printReport(c: Context, views: readonly AccountView[], reported: readonly AccountView[], r: RunReport & { printPlans: boolean }): void {
  if (r.printPlans) printPlan(c, views)
  c.out.line()
  for (const view of reported) {
    const result = view.result as ResultView
    const where = `${result.provider}${result.account ? ` ${result.account}` : ''}`
    for (const f of result.failed) {
      c.out.line(
        `${c.out.c.red('✗')} ${where} ${f.kind} ${f.url}: ${f.error.tag}: ${f.error.message}${f.error.requestId ? ` (request id ${f.error.requestId})` : ''} — ${f.left}`,
      )
    }
    for (const raced of result.raced ?? [])
      c.out.line(`! ${where} ${raced.url}: created by another apply at the same time; kept ${raced.kept}, removed ${raced.removed.join(', ') || 'none'}`)
    if (result.unconfirmed)
      c.out.line(`! ${where}: could not list the account after its creates (${result.unconfirmed.tag}): a concurrent duplicate may remain; run plan`)
  }
  for (const s of r.stale) c.out.line(`${c.out.c.red('✗')} ${s.provider}${s.account ? ` ${s.account}` : ''}: stale, nothing sent to it: ${s.message}`)
  const { summary, accounts } = r
  const parts = [
    `${summary.succeeded} succeeded`,
    `${summary.failed} failed`,
    ...(summary.notStarted ? [`${summary.notStarted} not started (interrupted)`] : []),
    ...(summary.notPlanned ? [`${summary.notPlanned} accounts not planned`] : []),
    ...(accounts.notReached ? [`${accounts.notReached} accounts not reached (interrupted)`] : []),
    ...(r.stale.length ? [`${r.stale.length} accounts stale`] : []),
    ...(accounts.resumed ? [`${accounts.resumed} accounts done by an earlier run`] : []),
  ]
  c.out.line(`Apply${r.interrupted ? ' (interrupted)' : ''}: ${parts.join(', ')}.${r.complete ? '' : nextStep(r)}`)
}

/** What finishes an incomplete run: apply again resumes what was not done; a stale saved plan only a new plan can finish. */
function nextStep(r: RunReport): string {
  const { summary, accounts } = r
  const resumable = r.interrupted || summary.failed + summary.notStarted + summary.notPlanned + accounts.notReached > 0
  return [
    ...(resumable ? [' Run apply again to finish: it resumes with the accounts not done.'] : []),
    ...(r.stale.length ? [' The stale accounts were left as they are: plan them again (plan -out FILE), then apply FILE.'] : []),
  ].join('')
}
