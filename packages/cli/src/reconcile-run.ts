/**
 * The engine of `plan` and `apply`: the config's desired webhooks grouped by provider and account, run
 * through core's `reconcileAccounts` (or `applySavedPlans`, for a saved plan) one provider at a time,
 * all providers at once. Each provider's credential gets one rate budget shared by every account
 * (run-flags.ts); each account's outcome is turned into the small views the commands print as soon as it
 * arrives, so a run over 10,000 accounts keeps views, not plans.
 */

import {
  type AccountOutcome,
  type ApplyReport,
  applySavedPlans,
  type CallOptions,
  desiredDigest,
  inShard,
  mayHaveTakenEffect,
  type Plan,
  type RateBudget,
  type RunSummary,
  reconcileAccounts,
  redactUrl,
  type SavedAccountPlan,
  type Shard,
  type Step,
  type WebhookError,
} from '@unihook/core'
import type { Context } from './command.js'
import type { DesiredEntry } from './config.js'
import { fromWebhookError } from './errors.js'
import { notSent } from './interrupt.js'
import type { AnyProvider, ProviderName } from './providers.js'
import type { RunJournal } from './run-journal.js'
import { changeView, desiredView } from './views.js'

export interface Group {
  readonly provider: ProviderName
  readonly account?: string
  readonly desired: readonly DesiredEntry[]
}

/** The account core sees for a group: its id, or '' for the credential's own (default) account. */
export const accountKey = (group: Pick<Group, 'account'>): string => group.account ?? ''
export const groupKey = (provider: string, account: string): string => `${provider}\u0000${account}`

export function groupsOf(entries: readonly DesiredEntry[]): Group[] {
  const groups = new Map<string, { provider: ProviderName; account?: string; desired: DesiredEntry[] }>()
  for (const entry of entries) {
    const key = groupKey(entry.provider, accountKey(entry))
    const group = groups.get(key) ?? { provider: entry.provider, ...(entry.account === undefined ? {} : { account: entry.account }), desired: [] }
    groups.set(key, group)
    group.desired.push(entry)
  }
  // Copied to their length: a pushed-to array keeps room for 16 more, about 140 bytes per account.
  return [...groups.values()].map((group) => ({ ...group, desired: [...group.desired] }))
}

/** The groups of this shard (all of them without one). */
export const inShardGroups = (groups: readonly Group[], shard: Shard | undefined): Group[] =>
  shard ? groups.filter((g) => inShard(accountKey(g), shard)) : [...groups]

export const toDesired = ({ provider: _p, account: _a, ...desired }: DesiredEntry) => desired

export const digestOf = (group: Group, options: RunOptions) => desiredDigest(group.desired.map(toDesired), options)

export interface RunOptions {
  readonly prune: boolean
  readonly fixDuplicates: boolean
}

export const errorView = (e: WebhookError) => ({
  tag: e._tag,
  message: e.message,
  ...(e.status === undefined ? {} : { status: e.status }),
  ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
})

type Ref = { readonly id: string; readonly url: string }

/** What one account's plan shows: redacted URLs unless `--show-secret`. */
export interface PlanView {
  readonly provider: string
  readonly account?: string
  readonly creates?: readonly (ReturnType<typeof desiredView> & { url: string })[]
  readonly updates?: readonly (Ref & { changes: ReturnType<typeof changeView>[] })[]
  readonly deletes?: readonly Ref[]
  readonly unchanged?: readonly Ref[]
  readonly unmanaged?: readonly Ref[]
  /** Webhooks repeating a URL the account already holds, with the id of the one kept. */
  readonly duplicates?: readonly (Ref & { keeps?: string })[]
  readonly warnings?: readonly string[]
  readonly error?: ReturnType<typeof errorView>
}

/** What applying one account did. */
export interface ResultView {
  readonly provider: string
  readonly account?: string
  readonly succeeded: readonly { kind: Step['kind']; url: string; id?: string }[]
  readonly failed: readonly { kind: Step['kind']; url: string; id?: string; error: ReturnType<typeof errorView>; left: string }[]
  readonly notStarted: readonly { kind: Step['kind']; url: string }[]
  /** Created URLs another operator created at the same time: the webhook kept and those removed. */
  readonly raced?: readonly { url: string; kept: string; removed: readonly string[] }[]
  /** The listing confirming the creates failed: a concurrent duplicate may remain. */
  readonly unconfirmed?: ReturnType<typeof errorView>
}

/** One account of a run, as the commands show it. */
export interface AccountView {
  readonly group: Group
  readonly plan: PlanView
  readonly changes: number
  readonly duplicates: number
  readonly result?: ResultView
  readonly stale?: { readonly reason: string; readonly message: string }
  /** The command was interrupted before this account was read. */
  readonly notReached?: boolean
  readonly saved?: SavedAccountPlan
  readonly converged: boolean
}

const where = (group: Group) => ({ provider: group.provider, ...(group.account === undefined ? {} : { account: group.account }) })

export function planView(c: Pick<Context, 'flags'>, group: Group, plan: Plan): PlanView {
  const shown = (value: string) => (c.flags['show-secret'] === true ? value : redactUrl(value))
  const ref = (w: Ref) => ({ id: w.id, url: shown(w.url) })
  const duplicateIds = new Set(plan.duplicates.map((d) => d.id))
  const holders = [...plan.unchanged, ...plan.updates.map((u) => u.current), ...plan.unmanaged, ...plan.deletes].filter((w) => !duplicateIds.has(w.id))
  const kept = (url: string) => holders.find((w) => w.url === url)?.id
  return {
    ...where(group),
    creates: plan.creates.map((d) => ({ ...desiredView(d), url: shown(d.url) })),
    updates: plan.updates.map((u) => ({ ...ref(u.current), changes: u.changes.map((field) => changeView(u, field)) })),
    deletes: plan.deletes.map(ref),
    unchanged: plan.unchanged.map(ref),
    unmanaged: plan.unmanaged.map(ref),
    duplicates: plan.duplicates.map((d) => {
      const keeps = kept(d.url)
      return { ...ref(d), ...(keeps === undefined ? {} : { keeps }) }
    }),
    warnings: plan.warnings,
  }
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

function resultView(c: Pick<Context, 'flags' | 'session'>, group: Group, report: ApplyReport): ResultView {
  const shown = (value: string) => (c.flags['show-secret'] === true ? value : redactUrl(value))
  const sink = c.session.secrets
  const secretsIn = sink.count('pending') + sink.count('unconfirmed') > 0 ? sink.path : undefined
  const unconfirmed = report.unconfirmed && !notSent(report.unconfirmed) ? report.unconfirmed : undefined
  return {
    ...where(group),
    succeeded: report.succeeded.map((s) => ({
      kind: s.step.kind,
      url: shown(s.step.url),
      ...(s.webhook ? { id: s.webhook.id } : 'id' in s.step ? { id: s.step.id } : {}),
    })),
    failed: report.failed
      .filter((f) => !notSent(f.error))
      .map((f) => ({
        kind: f.step.kind,
        url: shown(f.step.url),
        ...('id' in f.step ? { id: f.step.id } : {}),
        error: errorView(f.error),
        left: leftBehind(f.step, f.error, f.webhook, secretsIn),
      })),
    notStarted: report.failed.filter((f) => notSent(f.error)).map((f) => ({ kind: f.step.kind, url: shown(f.step.url) })),
    ...(report.raced?.length ? { raced: report.raced.map((r) => ({ url: shown(r.url), kept: r.kept.id, removed: r.removed })) } : {}),
    ...(unconfirmed ? { unconfirmed: errorView(unconfirmed) } : {}),
  }
}

const changesOf = (plan: Plan) => plan.creates.length + plan.updates.length + plan.deletes.length

/** One account's outcome as the commands show it. */
export function accountView(c: Pick<Context, 'flags' | 'session'>, group: Group, outcome: AccountOutcome): AccountView {
  if (outcome.kind === 'failed') {
    const plan = { ...where(group), error: errorView(outcome.error) }
    return { group, plan, changes: 0, duplicates: 0, converged: false, ...(notSent(outcome.error) ? { notReached: true } : {}) }
  }
  if (outcome.kind === 'stale') {
    const { reason, message } = outcome.stale
    return { group, plan: where(group), changes: 0, duplicates: 0, converged: false, stale: { reason, message } }
  }
  const plan = planView(c, group, outcome.plan)
  const base = { group, plan, changes: changesOf(outcome.plan), duplicates: outcome.plan.duplicates.length }
  if (outcome.kind === 'planned') return { ...base, converged: base.changes === 0, ...(outcome.saved ? { saved: outcome.saved } : {}) }
  const result = resultView(c, group, outcome.report)
  const interruptedConfirm = outcome.report.unconfirmed !== undefined && notSent(outcome.report.unconfirmed)
  return { ...base, result, converged: outcome.report.complete || (interruptedConfirm && outcome.report.failed.length === 0) }
}

/** What a run is asked to do. */
export interface RunRequest extends RunOptions {
  readonly mode: 'plan' | 'apply'
  readonly groups: readonly Group[]
  /** Plan mode: make each account's saved plan. */
  readonly save?: boolean
  /** Apply these saved plans (by `groupKey`) instead of planning: `apply FILE`, or `apply` after its confirmation. */
  readonly saved?: ReadonlyMap<string, SavedAccountPlan>
  readonly journal?: RunJournal
  readonly budget: (provider: string) => RateBudget
  /** Steps at once within an account. */
  readonly stepConcurrency: number
  readonly onAccount: (view: AccountView) => void
}

const OWN_ACCOUNT_OPERATIONS = ['list', 'get', 'create', 'update', 'delete'] as const

/** The provider, a call for the account '' acting for the credential's own account (the adapter's default). */
function withOwnAccount(provider: AnyProvider): AnyProvider {
  const mapped: Record<string, unknown> = {}
  for (const name of OWN_ACCOUNT_OPERATIONS) {
    const operation = (provider[name] as (...args: unknown[]) => unknown).bind(provider)
    mapped[name] = (...args: unknown[]) => {
      const last = args.length - 1
      const call = args[last] as CallOptions | undefined
      if (call?.account === '') {
        const { account: _own, ...rest } = call
        args[last] = rest
      }
      return operation(...args)
    }
  }
  return { ...provider, ...mapped } as AnyProvider
}

/** Runs every group (planning, applying, or applying saved plans), each provider under its own budget; the summaries by provider. */
export async function runGroups(c: Context, request: RunRequest): Promise<Map<string, RunSummary>> {
  const byProvider = new Map<string, Group[]>()
  for (const group of request.groups) {
    const same = byProvider.get(group.provider)
    if (same) same.push(group)
    else byProvider.set(group.provider, [group])
  }
  // Adapters are built first, so that missing credentials stop the command before any call.
  const adapters = new Map<string, AnyProvider>()
  for (const [provider, groups] of byProvider) {
    const needsDefault = groups.some((g) => g.account === undefined)
    adapters.set(provider, withOwnAccount(await c.session.adapter(provider, needsDefault ? undefined : groups[0]?.account)))
  }
  const summaries = new Map<string, RunSummary>()
  await Promise.all(
    [...byProvider].map(async ([provider, groups]) => {
      const summary = await runProvider(c, request, adapters.get(provider) as AnyProvider, provider, groups)
      summaries.set(provider, summary)
    }),
  )
  return summaries
}

async function runProvider(c: Context, request: RunRequest, adapter: AnyProvider, provider: string, groups: readonly Group[]): Promise<RunSummary> {
  const byKey = new Map(groups.map((g) => [accountKey(g), g]))
  const journal = request.journal?.forProvider(provider)
  const onAccount = async (outcome: AccountOutcome) => {
    const group = byKey.get(outcome.account) as Group
    const view = accountView(c, group, outcome)
    // Interrupted after its steps, before the listing that confirms its creates: the account is done, and
    // a rerun must not find it "changed since the plan". (Core records only complete reports.)
    if (journal && outcome.kind === 'applied' && !outcome.report.complete && view.converged) {
      const digest = request.saved?.get(groupKey(provider, outcome.account))?.desiredDigest ?? (await digestOf(group, request))
      await journal.record({ account: outcome.account, digest, outcome: 'converged', at: Date.now() })
    }
    request.onAccount(view)
  }
  const common = {
    budget: request.budget(provider),
    apply: { concurrency: request.stepConcurrency },
    onAccount,
    ...(journal ? { journal } : {}),
  }
  // Interrupted, the run takes no further account; the accounts under way finish what they started.
  function* targets<T>(make: (group: Group) => T | undefined): Generator<T> {
    for (const group of groups) {
      if (c.signal.aborted) return
      const target = make(group)
      if (target !== undefined) yield target
    }
  }
  const desired = (group: Group) => group.desired.map(toDesired)
  const saved = request.saved
  const run = saved
    ? applySavedPlans(
        adapter,
        targets((group) => {
          const plan = saved.get(groupKey(provider, accountKey(group)))
          return plan ? { saved: plan, desired: desired(group) } : undefined
        }),
        common,
      )
    : reconcileAccounts(
        adapter,
        targets((group) => ({ account: accountKey(group), desired: desired(group) })),
        { ...common, mode: request.mode, prune: request.prune, fixDuplicates: request.fixDuplicates, save: request.save === true },
      )
  const summary = await run()
  if (summary._tag === 'Left') throw fromWebhookError(summary.left)
  return summary.right
}
