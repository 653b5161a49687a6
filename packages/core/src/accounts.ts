/**
 * Reconciling many accounts in one run (a partner's sub-accounts, a holding's child companies), as a
 * stream: each account is planned and at once applied, then let go, so memory stays flat however many
 * accounts there are. Every request of the run draws from one rate budget; a journal lets an
 * interrupted run skip the accounts it finished; a shard selects this process's share of the accounts.
 */

import * as E from 'fp-ts/Either'
import type { Task } from 'fp-ts/Task'
import { localValidation, type ValidationError, type WebhookError } from './errors.js'
import type { Journal } from './journal.js'
import type { CallOptions } from './model.js'
import type { WebhookProvider } from './provider.js'
import { createRateBudget, type RateBudget, type RateBudgetStats } from './rate-budget.js'
import { apply, type ApplyOptions, type ApplyReport, checkPlanInput, type DesiredWebhook, type Plan, planAgainst, readCurrent } from './reconcile.js'
import { applySavedPlan, desiredDigest, type SavedAccountPlan, type StalePlan, savePlan } from './saved-plan.js'
import { checkShard, inShard, type Shard } from './shard.js'

/** One account of a run and the webhooks it should have. */
export interface AccountTarget<E extends string = string> {
  readonly account: string
  readonly desired: readonly DesiredWebhook<E>[]
}

/** A saved account plan to apply, with the desired webhooks it was planned from (`applySavedPlans`). */
export interface SavedTarget<E extends string = string> {
  readonly saved: SavedAccountPlan
  readonly desired: readonly DesiredWebhook<E>[]
}

/** What happened to one account, handed to `onAccount` as soon as it is known (and not kept by the run). */
export type AccountOutcome<E extends string = string> =
  | { readonly kind: 'planned'; readonly account: string; readonly plan: Plan<E>; readonly saved?: SavedAccountPlan }
  | { readonly kind: 'applied'; readonly account: string; readonly plan: Plan<E>; readonly report: ApplyReport<E> }
  | { readonly kind: 'stale'; readonly account: string; readonly stale: StalePlan }
  | { readonly kind: 'failed'; readonly account: string; readonly error: WebhookError }

/** Options of `reconcileAccounts` and `applySavedPlans`. */
export interface RunOptions<E extends string = string> extends Pick<CallOptions, 'signal' | 'timeoutMs'> {
  /** `plan` only reads and reports (and saves, with `save`); `apply` (default) plans each account and applies it at once. */
  readonly mode?: 'plan' | 'apply'
  /** Delete webhooks that are not desired (and duplicates). */
  readonly prune?: boolean
  /** Delete duplicates (the same URL twice in an account), the oldest kept, without pruning anything else. */
  readonly fixDuplicates?: boolean
  /** The budget every request draws from; default `budgetFor(provider)`. Share one per credential. */
  readonly budget?: RateBudget
  /** Accounts worked on at once (default: the budget's concurrency). Requests are bounded by the budget either way. */
  readonly accountConcurrency?: number
  /** Finished accounts are recorded here and skipped when already recorded with the same desired webhooks. */
  readonly journal?: Journal
  /** Only the accounts of this shard (1-based `index` of `count`). */
  readonly shard?: Shard
  /** In `plan` mode, also make each account's saved plan (`outcome.saved`). */
  readonly save?: boolean
  /** Passed to each account's `apply`: steps at once within an account, and create confirmation. */
  readonly apply?: Pick<ApplyOptions<E>, 'concurrency' | 'confirmCreates'>
  /** Called with each account's outcome as soon as it is known; the run keeps none of them. */
  readonly onAccount?: (outcome: AccountOutcome<E>) => void | Promise<void>
}

/** What a run did, in counts (the outcomes themselves went to `onAccount`). */
export interface RunSummary {
  /** Accounts read from the input. */
  readonly accounts: number
  readonly skipped: { readonly shard: number; readonly journal: number }
  /** Accounts matching their desired webhooks at the end: nothing to do, or every step succeeded. */
  readonly converged: number
  /** Accounts planned with changes (in `plan` mode: left to apply). */
  readonly withChanges: number
  readonly stale: number
  readonly failed: number
  /** Accounts not converged (failed, stale, a step failed, or left to apply), the first 100 of them. */
  readonly unconverged: readonly string[]
  readonly unconvergedCount: number
  readonly steps: { readonly creates: number; readonly updates: number; readonly deletes: number; readonly failed: number }
  /** Duplicates the plans found, and created URLs a concurrent operator also created (resolved to one). */
  readonly duplicates: number
  readonly raced: number
  readonly budget: RateBudgetStats
}

/** The default budget for a provider: its documented rate (`capabilities.rateLimit`) where there is one, else unpaced; 8 requests on the wire. */
export function budgetFor(provider: WebhookProvider<string>, concurrency = 8): RateBudget {
  const rate = provider.capabilities.rateLimit?.requestsPerSecond
  return createRateBudget({ ...(rate === undefined ? {} : { requestsPerSecond: rate }), concurrency })
}

const MAX_LISTED_UNCONVERGED = 100

/** Counts of a run as it goes. */
class Tally {
  accounts = 0
  shard = 0
  journal = 0
  converged = 0
  withChanges = 0
  stale = 0
  failed = 0
  unconvergedCount = 0
  readonly unconverged: string[] = []
  readonly steps = { creates: 0, updates: 0, deletes: 0, failed: 0 }
  duplicates = 0
  raced = 0

  notConverged(account: string): void {
    this.unconvergedCount++
    if (this.unconverged.length < MAX_LISTED_UNCONVERGED) this.unconverged.push(account)
  }

  count(outcome: AccountOutcome<string>): boolean {
    if (outcome.kind === 'failed' || outcome.kind === 'stale') {
      this[outcome.kind]++
      this.notConverged(outcome.account)
      return false
    }
    const { plan } = outcome
    this.duplicates += plan.duplicates.length
    const changes = plan.creates.length + plan.updates.length + plan.deletes.length
    if (changes) this.withChanges++
    if (outcome.kind === 'planned') {
      if (changes) this.notConverged(outcome.account)
      else this.converged++
      return changes === 0
    }
    const { report } = outcome
    for (const { step } of report.succeeded) this.steps[`${step.kind}s`]++
    this.steps.failed += report.failed.length
    this.raced += report.raced?.length ?? 0
    if (report.complete) this.converged++
    else this.notConverged(outcome.account)
    return report.complete
  }

  summary(budget: RateBudget): RunSummary {
    const { accounts, shard, journal, converged, withChanges, stale, failed, unconverged, unconvergedCount, steps, duplicates, raced } = this
    return {
      accounts,
      skipped: { shard, journal },
      converged,
      withChanges,
      stale,
      failed,
      unconverged,
      unconvergedCount,
      steps: { ...steps },
      duplicates,
      raced,
      budget: budget.stats(),
    }
  }
}

/** Checks a run's options before any request. */
function checkRun(provider: unknown, options: RunOptions<string>): ValidationError | undefined {
  const refused = checkPlanInput(provider, [])
  if (refused) return refused
  const issues = []
  if (options.shard !== undefined) {
    const shard = checkShard(options.shard)
    if (E.isLeft(shard)) issues.push(...shard.left.issues)
  }
  const width = options.accountConcurrency
  if (width !== undefined && !(Number.isInteger(width) && width >= 1)) issues.push({ path: 'accountConcurrency', message: 'must be a whole number ≥ 1' })
  if (options.mode !== undefined && options.mode !== 'plan' && options.mode !== 'apply') issues.push({ path: 'mode', message: "must be 'plan' or 'apply'" })
  const name = (provider as { provider?: unknown }).provider
  return issues.length ? localValidation({ provider: typeof name === 'string' ? name : 'unknown', operation: 'reconcile' }, issues) : undefined
}

/** The work of one account, to its outcome. */
type AccountWork<T> = (item: T, call: CallOptions) => Promise<AccountOutcome>

/**
 * Runs `work` over the items as they come from `items`, `width` at a time, skipping other shards' and
 * journalled accounts, counting and reporting each outcome. Holds no outcome past its `onAccount`.
 */
async function run<T, E extends string>(
  provider: WebhookProvider<E>,
  items: Iterable<T> | AsyncIterable<T>,
  accountOf: (item: T) => string,
  digestOf: (item: T) => Promise<string>,
  work: AccountWork<T>,
  options: RunOptions<E>,
): Promise<E.Either<ValidationError, RunSummary>> {
  const refused = checkRun(provider, options as RunOptions<string>)
  if (refused) return E.left(refused)
  const budget = options.budget ?? budgetFor(provider)
  const call: CallOptions = { budget, signal: options.signal, timeoutMs: options.timeoutMs }
  const tally = new Tally()
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<T>)[Symbol.iterator]()
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) return
      const next = await iterator.next()
      if (next.done) return
      const item = next.value
      tally.accounts++
      const account = accountOf(item)
      if (options.shard && !inShard(account, options.shard)) {
        tally.shard++
        continue
      }
      // The digest (a SHA-256 of the desired webhooks) is only worked out for a journal to compare and keep.
      const digest = options.journal ? await digestOf(item) : undefined
      if (digest !== undefined && options.journal?.finished(account, digest)) {
        tally.journal++
        continue
      }
      const outcome = await work(item, { ...call, account })
      const converged = tally.count(outcome)
      if (converged && digest !== undefined && options.mode !== 'plan') await options.journal?.record({ account, digest, outcome: 'converged', at: Date.now() })
      await options.onAccount?.(outcome as AccountOutcome<E>)
    }
  }
  const width = options.accountConcurrency ?? budget.concurrency
  await Promise.all(Array.from({ length: width }, worker))
  return E.right(tally.summary(budget))
}

const runOptionsOf = (options: RunOptions<string>) => ({ prune: options.prune === true, fixDuplicates: options.fixDuplicates === true })

/**
 * Plans every account (and, in `apply` mode, applies its plan at once), streaming: accounts are read
 * from `targets` as workers free up, so `targets` may be a generator over millions. Bad options are a
 * `ValidationError` before any request; an account whose desired webhooks are invalid fails alone.
 */
export function reconcileAccounts<E extends string>(
  provider: WebhookProvider<E>,
  targets: Iterable<AccountTarget<E>> | AsyncIterable<AccountTarget<E>>,
  options: RunOptions<E> = {},
): Task<E.Either<ValidationError, RunSummary>> {
  return () => {
    const planOptions = runOptionsOf(options as RunOptions<string>)
    const work: AccountWork<AccountTarget<E>> = async ({ account, desired }, call) => {
      const invalid = checkPlanInput(provider, desired)
      if (invalid) return { kind: 'failed', account, error: invalid }
      const current = await readCurrent(provider, { ...planOptions, ...call })
      if (E.isLeft(current)) return { kind: 'failed', account, error: current.left }
      const planned = planAgainst(provider, desired, current.right, { ...planOptions, account })
      if (options.mode === 'plan') {
        const saved = options.save ? await savePlan(planned, desired, current.right, planOptions) : undefined
        return { kind: 'planned', account, plan: planned, ...(saved ? { saved } : {}) }
      }
      const report = await apply(provider, planned, { ...call, ...options.apply })()
      return { kind: 'applied', account, plan: planned, report }
    }
    return run(
      provider,
      targets,
      (t) => t.account,
      (t) => desiredDigest(t.desired, planOptions),
      work as AccountWork<AccountTarget<E>>,
      options,
    )
  }
}

/**
 * Applies saved account plans (`plan` mode with `save`), streaming: each is checked against the account
 * before it acts (saved-plan.ts) and refused as `stale` when the account or the desired webhooks changed.
 */
export function applySavedPlans<E extends string>(
  provider: WebhookProvider<E>,
  targets: Iterable<SavedTarget<E>> | AsyncIterable<SavedTarget<E>>,
  options: Omit<RunOptions<E>, 'mode' | 'prune' | 'fixDuplicates' | 'save'> = {},
): Task<E.Either<ValidationError, RunSummary>> {
  return () => {
    const work: AccountWork<SavedTarget<E>> = async ({ saved, desired }, call) => {
      const account = saved.account ?? ''
      const outcome = await applySavedPlan(provider, saved, desired, { ...call, ...options.apply })
      if (outcome.kind === 'stale') return { kind: 'stale', account, stale: outcome.stale }
      if (outcome.kind === 'failed') return { kind: 'failed', account, error: outcome.error }
      return { kind: 'applied', account, plan: outcome.plan, report: outcome.report }
    }
    return run(
      provider,
      targets,
      (t) => t.saved.account ?? '',
      (t) => Promise.resolve(t.saved.desiredDigest),
      work as AccountWork<SavedTarget<E>>,
      {
        ...options,
        mode: 'apply',
      },
    )
  }
}
