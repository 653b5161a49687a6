/**
 * Reconciliation on the provider spec alone: declare the webhooks you want, `plan` the difference with
 * what the provider holds, then `apply` the plan. Webhooks are matched by URL. Nothing is deleted unless
 * the plan was made with `prune: true` (or `fixDuplicates: true`, for duplicates alone); `apply` carries
 * on past a failed step and reports each one. Many accounts at once: `reconcileAccounts` (accounts.ts).
 */

import * as E from 'fp-ts/Either'
import type { Task } from 'fp-ts/Task'
import type { TaskEither } from 'fp-ts/TaskEither'
import { confirmCreates, type RaceOutcome } from './confirm.js'
import { byUrl } from './duplicates.js'
import { type ErrorContext, type Issue, localValidation, mayHaveTakenEffect, type ValidationError, type WebhookError } from './errors.js'
import { idempotencyKeyFor } from './idempotency.js'
export type { RaceOutcome } from './confirm.js'
import { type CallOptions, type CreateWebhook, sameEvents, type UpdateWebhook, type Webhook } from './model.js'
import { listAll } from './pagination.js'
import type { WebhookProvider } from './provider.js'
import { redactUrl, type Secret, toSecret, withRedactedViews } from './secret.js'
import { possibleSecretOf } from './unconfirmed.js'

/**
 * One webhook as it should be, for `plan`: what a create takes, plus whether deliveries should be on.
 * Webhooks are matched to current ones by URL.
 */
export interface DesiredWebhook<E extends string = string> extends CreateWebhook<E> {
  /** Desired delivery state; left alone when absent. */
  readonly enabled?: boolean
}

/**
 * A field `plan` found different between a desired webhook and the current one: a common field, or a
 * provider's own (`alertEmail`, `services`: a key of `Webhook.providerFields`).
 */
export type Change = 'events' | 'description' | 'enabled' | (string & {})

/** A current webhook to change: what differs (`changes`) and the patch `apply` will send. */
export interface PlannedUpdate<E extends string = string> {
  readonly current: Webhook<E>
  readonly desired: DesiredWebhook<E>
  readonly changes: readonly Change[]
  readonly patch: UpdateWebhook<E>
}

/**
 * What `plan` found: the creates, updates and (with `prune`) deletes that would make the provider match
 * the desired webhooks. Nothing has been changed yet; pass it to `apply`.
 */
export interface Plan<E extends string = string> {
  readonly provider: string
  readonly account?: string
  readonly creates: readonly DesiredWebhook<E>[]
  readonly updates: readonly PlannedUpdate<E>[]
  /** Webhooks to delete: present only when planned with `prune: true`. */
  readonly deletes: readonly Webhook<E>[]
  readonly unchanged: readonly Webhook<E>[]
  /** Current webhooks that are not desired and are kept because `prune` was not asked for. */
  readonly unmanaged: readonly Webhook<E>[]
  /**
   * Current webhooks repeating a URL another one of the account holds (the oldest is kept and managed):
   * reported whether or not they will be removed. With `prune` or `fixDuplicates` they are in `deletes`
   * too.
   */
  readonly duplicates: readonly Webhook<E>[]
  /** Settings the provider cannot apply (say, a description on a provider without one). */
  readonly warnings: readonly string[]
}

/** Options of `plan`; `account` and `signal` apply to the reads it makes. */
export interface PlanOptions extends CallOptions {
  /** Delete current webhooks whose URL is not desired (and extra webhooks sharing a URL). */
  readonly prune?: boolean
  /** Delete extra webhooks sharing a URL (the oldest is kept), without pruning anything else. */
  readonly fixDuplicates?: boolean
  /** Upper bound on how many current webhooks are read. */
  readonly maxItems?: number
  /** Page size for reading current webhooks (default: the provider's largest). */
  readonly pageSize?: number
}

/**
 * Reads the provider's current webhooks and compares them, by URL, with the desired ones. Sends no
 * write. Desired entries are checked first: bad input is a local `ValidationError` before any request.
 */
export function plan<E extends string>(
  provider: WebhookProvider<E>,
  desired: readonly DesiredWebhook<E>[],
  given: PlanOptions = {},
): TaskEither<WebhookError, Plan<E>> {
  return async () => {
    const options: PlanOptions = given ?? {}
    const refused = checkPlanInput(provider, desired)
    if (refused) return E.left(refused)
    const current = await readCurrent(provider, options)
    return E.isLeft(current) ? current : E.right(planAgainst(provider, desired, current.right, options))
  }
}

/** Every current webhook of the account, read as `plan` reads them (the provider's largest page, at most `maxItems`). */
export function readCurrent<E extends string>(provider: WebhookProvider<E>, options: PlanOptions = {}): Promise<E.Either<WebhookError, readonly Webhook<E>[]>> {
  const pageSize = options.pageSize === undefined ? largestPage(provider) : { pageSize: options.pageSize }
  const { prune: _prune, fixDuplicates: _fix, maxItems, pageSize: _pageSize, ...call } = options
  return listAll(provider, { maxItems: maxItems ?? 10_000, ...pageSize }, call)()
}

/**
 * The plan against webhooks already read (`readCurrent`): what `plan` does after its read, with no
 * request. The desired list must have passed `plan`'s checks (`checkPlanInput`).
 */
export function planAgainst<E extends string>(
  provider: WebhookProvider<E>,
  desired: readonly DesiredWebhook<E>[],
  current: readonly Webhook<E>[],
  options: PlanOptions = {},
): Plan<E> {
  const wanted = new Map<string, DesiredWebhook<E>>()
  const warnings: string[] = []
  for (const d of desired) {
    if (wanted.has(d.url)) warnings.push(`${redactUrl(d.url)} is declared more than once; the last declaration wins`)
    // A copy: the plan shows its own redacted views without touching the caller's objects.
    wanted.set(d.url, redacted({ ...d }))
  }
  const creates: DesiredWebhook<E>[] = []
  const updates: PlannedUpdate<E>[] = []
  const deletes: Webhook<E>[] = []
  const unchanged: Webhook<E>[] = []
  const unmanaged: Webhook<E>[] = []
  const duplicates: Webhook<E>[] = []
  const matched = new Set<string>()
  const writable = provider.capabilities.writableFields

  for (const [url, [webhook, ...extras]] of byUrl(current)) {
    duplicates.push(...extras)
    const want = wanted.get(url)
    if (options.prune || options.fixDuplicates) deletes.push(...extras)
    if (!want || !webhook) {
      if (webhook) (options.prune ? deletes : unmanaged).push(webhook)
      continue
    }
    matched.add(url)
    const changes: Change[] = []
    const patch: { -readonly [K in keyof UpdateWebhook<E>]: UpdateWebhook<E>[K] } = {}
    if (!sameEvents(webhook.events, want.events)) {
      changes.push('events')
      patch.events = want.events
    }
    if (want.description !== undefined && want.description !== webhook.description) {
      if (writable.description) {
        changes.push('description')
        patch.description = want.description
      } else warnings.push(`${provider.provider} cannot store a description; ignored for ${redactUrl(want.url)}`)
    }
    if (want.enabled !== undefined && want.enabled !== (webhook.status !== 'disabled')) {
      if (writable.enabled) {
        changes.push('enabled')
        patch.enabled = want.enabled
      } else warnings.push(`${provider.provider} cannot enable or disable a webhook through its API; ${redactUrl(want.url)} left as is`)
    }
    for (const field of providerFieldChanges(webhook, want)) {
      changes.push(field)
      ;(patch as Record<string, unknown>)[field] = (want as unknown as Record<string, unknown>)[field]
    }
    if (want.allowUnknownEvents) patch.allowUnknownEvents = true
    // The URL is unchanged (webhooks are matched by it), but carrying it lets providers whose update
    // needs the whole object (Razorpay's PATCH, Conekta's PUT) skip a read before writing.
    if (changes.length) updates.push(redacted({ current: webhook, desired: want, changes, patch: redacted({ url: webhook.url, ...patch }) }))
    else unchanged.push(webhook)
  }
  for (const d of wanted.values()) {
    if (matched.has(d.url)) continue
    creates.push(d)
    if (d.enabled === false && !writable.enabled) {
      warnings.push(`${provider.provider} cannot disable a webhook through its API; ${redactUrl(d.url)} will be created enabled`)
    }
  }
  const result: Plan<E> = { provider: provider.provider, creates, updates, deletes, unchanged, unmanaged, duplicates, warnings }
  return redacted(options.account === undefined ? result : { ...result, account: options.account })
}

/**
 * The provider's own settings (`Webhook.providerFields`) a desired webhook sets to something else; a
 * setting the desired webhook leaves out is left alone, and lists compare as sets.
 */
function providerFieldChanges(current: Webhook<string>, desired: DesiredWebhook<string>): string[] {
  const held = current.providerFields
  if (!held) return []
  const wanted = desired as unknown as Record<string, unknown>
  return Object.keys(held).filter((field) => {
    const want = wanted[field]
    const have = held[field]
    if (want === undefined) return false
    if (Array.isArray(want)) return !Array.isArray(have) || !sameEvents(have, want as string[])
    return want !== have
  })
}

/** Reads current webhooks at the provider's largest page, so a plan over many accounts costs fewest calls. */
function largestPage(provider: WebhookProvider<string>): { pageSize?: number } {
  const { style, maxPageSize } = provider.capabilities.pagination
  return style !== 'none' && maxPageSize !== undefined ? { pageSize: maxPageSize } : {}
}

/** One write of a plan, as `apply` reports it: a create, an update (with its patch) or a delete, each named by URL. */
export type Step<E extends string = string> =
  | { readonly kind: 'create'; readonly url: string; readonly desired: DesiredWebhook<E> }
  | { readonly kind: 'update'; readonly url: string; readonly id: string; readonly patch: UpdateWebhook<E> }
  | { readonly kind: 'delete'; readonly url: string; readonly id: string }

/**
 * What `apply` did: the steps that succeeded (with the webhook each left), those that failed (with the
 * error), and whether the plan was carried out completely.
 */
export interface ApplyReport<E extends string = string> {
  readonly succeeded: readonly { readonly step: Step<E>; readonly webhook?: Webhook<E> }[]
  /**
   * Steps that did not complete. `webhook` is set when the step left one behind: a create whose
   * follow-up (disabling it, for `enabled: false`) failed. `secret` is set on a create that may have
   * happened all the same (aborted in flight, or its answer lost, and not found afterwards): if the
   * webhook exists, this is its signing secret, and nothing else holds it. Hidden in every view.
   */
  readonly failed: readonly { readonly step: Step<E>; readonly error: WebhookError; readonly webhook?: Webhook<E>; readonly secret?: Secret }[]
  /** True when every step succeeded. */
  readonly complete: boolean
  /** Set when what was given to `apply` is not a plan: nothing was attempted. */
  readonly refused?: ValidationError
  /**
   * Created URLs that the confirming listing found held more than once (another operator created them
   * at the same time): which webhook was kept, which were removed. See `ApplyOptions.confirmCreates`.
   */
  readonly raced?: readonly RaceOutcome<E>[]
  /** Set when the listing that confirms the creates failed: they succeeded, but a concurrent duplicate may remain. */
  readonly unconfirmed?: WebhookError
}

/** Passed to `ApplyOptions.onProgress` after each step finishes. */
export interface ApplyProgress<E extends string = string> {
  /** Steps finished so far (succeeded or failed), this one included. */
  readonly done: number
  readonly total: number
  readonly step: Step<E>
  readonly ok: boolean
}

/**
 * Options of `apply`: how many steps run at once and a progress callback, plus the per-call options
 * every step uses.
 */
export interface ApplyOptions<E extends string = string> extends CallOptions {
  /**
   * How many steps run at once (default 4). Bounded so that a plan over many accounts does not flood
   * the provider: a 429 is retried by the transport after its `Retry-After`. Values below 1 or not a
   * number fall back to the default; at most 32.
   */
  readonly concurrency?: number
  /** Called after each step, in completion order. */
  readonly onProgress?: (progress: ApplyProgress<E>) => void
  /**
   * After the creates, list the account once and keep one webhook per created URL, so that two applies
   * running at once leave no duplicate (confirm.ts says why this converges). Default: on where the
   * provider has no idempotent create (`capabilities.concurrency.idempotentCreate`); there, creates
   * carry a key derived from the account and URL instead.
   */
  readonly confirmCreates?: boolean
}

/** How many steps `apply` runs at once unless `ApplyOptions.concurrency` says otherwise. */
export const DEFAULT_APPLY_CONCURRENCY = 4
const MAX_APPLY_CONCURRENCY = 32

type Outcome<E extends string> =
  | { readonly ok: true; readonly step: Step<E>; readonly webhook?: Webhook<E> }
  | { readonly ok: false; readonly step: Step<E>; readonly error: WebhookError; readonly webhook?: Webhook<E>; readonly secret?: Secret }

/**
 * Carries a plan out: updates and deletes first (deletes free room under the provider's webhook limit),
 * then creates, each phase with bounded concurrency. A failed step does not stop the others; the report
 * names every step's outcome, in plan order.
 */
export function apply<E extends string>(provider: WebhookProvider<E>, planned: Plan<E>, given: ApplyOptions<E> = {}): Task<ApplyReport<E>> {
  return async () => {
    const refused = checkApplyInput(provider, planned)
    if (refused) return redacted({ succeeded: [], failed: [], complete: false, refused })
    const { concurrency, onProgress, confirmCreates: confirm, ...callOptions } = given ?? {}
    const call: CallOptions = planned.account !== undefined && callOptions.account === undefined ? { ...callOptions, account: planned.account } : callOptions
    const first = [
      ...planned.updates.map((u): Step<E> => redacted({ kind: 'update', url: u.current.url, id: u.current.id, patch: u.patch })),
      ...planned.deletes.map((d): Step<E> => redacted({ kind: 'delete', url: d.url, id: d.id })),
    ]
    const keyed = await Promise.all(planned.creates.map((c) => withIdempotencyKey(provider.provider, call.account, c)))
    const creates = keyed.map((c): Step<E> => redacted({ kind: 'create', url: c.url, desired: c }))
    const total = first.length + creates.length
    const width = applyConcurrency(concurrency)
    let done = 0
    const run = async (step: Step<E>): Promise<Outcome<E>> => {
      const outcome = await runStep(provider, step, call)
      done++
      onProgress?.({ done, total, step, ok: outcome.ok })
      return outcome
    }
    const outcomes = [...(await pool(first, width, run, call.signal)), ...(await pool(creates, width, run, call.signal))]
    const succeeded: { step: Step<E>; webhook?: Webhook<E> }[] = []
    const failed: { step: Step<E>; error: WebhookError; webhook?: Webhook<E>; secret?: Secret }[] = []
    for (const outcome of outcomes) {
      if (!outcome) continue
      const { ok: _ok, ...entry } = outcome
      if (outcome.ok) succeeded.push(redacted(entry))
      else failed.push(redacted(entry as (typeof failed)[number]))
    }
    const created = new Set(succeeded.flatMap((entry) => (entry.step.kind === 'create' ? [entry.step.url] : [])))
    const confirmed =
      (confirm ?? !provider.capabilities.concurrency.idempotentCreate) && created.size ? await confirmRaces(provider, created, call, succeeded) : {}
    const complete = failed.length === 0 && succeeded.length === total && confirmed.unconfirmed === undefined
    return redacted({ succeeded, failed, complete, ...confirmed })
  }
}

/**
 * Confirms the creates (confirm.ts) and, where another operator's webhook was kept instead of ours,
 * reports that one as the create's result.
 */
async function confirmRaces<E extends string>(
  provider: WebhookProvider<E>,
  urls: ReadonlySet<string>,
  call: CallOptions,
  succeeded: { step: Step<E>; webhook?: Webhook<E> }[],
): Promise<{ raced?: readonly RaceOutcome<E>[]; unconfirmed?: WebhookError }> {
  const confirmation = await confirmCreates(provider, urls, call, { maxItems: 10_000, ...largestPage(provider) })
  if (E.isLeft(confirmation)) return { unconfirmed: confirmation.left }
  if (!confirmation.right.length) return {}
  const keptByUrl = new Map(confirmation.right.map((outcome) => [outcome.url, outcome.kept]))
  for (const [index, entry] of succeeded.entries()) {
    const kept = entry.step.kind === 'create' ? keptByUrl.get(entry.step.url) : undefined
    if (kept && kept.id !== entry.webhook?.id) succeeded[index] = redacted({ step: entry.step, webhook: kept })
  }
  return { raced: confirmation.right }
}

function applyConcurrency(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return DEFAULT_APPLY_CONCURRENCY
  return Math.min(Math.floor(value), MAX_APPLY_CONCURRENCY)
}

/** Runs `work` over `items`, at most `width` at a time; results keep the items' order. Stops starting new work once aborted. */
async function pool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>, signal?: AbortSignal): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return results
}

async function runStep<E extends string>(provider: WebhookProvider<E>, step: Step<E>, call: CallOptions): Promise<Outcome<E>> {
  if (step.kind === 'create') {
    const created = await provider.create(withoutEnabled(step.desired), call)()
    if (E.isLeft(created)) return unconfirmedCreate(step, created.left)
    if (step.desired.enabled !== false || !provider.capabilities.writableFields.enabled) return { ok: true, step, webhook: created.right }
    const disabled = await provider.update(created.right.id, { enabled: false }, call)()
    return E.isLeft(disabled) ? { ok: false, step, error: disabled.left, webhook: created.right } : { ok: true, step, webhook: disabled.right }
  }
  if (step.kind === 'update') {
    const updated = await provider.update(step.id, step.patch, call)()
    return E.isLeft(updated) ? { ok: false, step, error: updated.left } : { ok: true, step, webhook: updated.right }
  }
  const deleted = await provider.delete(step.id, call)()
  return E.isLeft(deleted) ? { ok: false, step, error: deleted.left } : { ok: true, step }
}

/**
 * A failed create, with the secret the webhook holds if it was created after all: the adapter's (one it
 * generated), else the caller's when the answer was lost or the call aborted.
 */
function unconfirmedCreate<E extends string>(step: Extract<Step<E>, { kind: 'create' }>, error: WebhookError): Outcome<E> {
  const given = step.desired.secret
  const secret = possibleSecretOf(error) ?? (given !== undefined && mayHaveTakenEffect(error) ? toSecret(given) : undefined)
  return secret === undefined ? { ok: false, step, error } : { ok: false, step, error, secret }
}

/** The desired webhook with the key that makes concurrent creates of it one (kept when the caller set one). */
async function withIdempotencyKey<E extends string>(provider: string, account: string | undefined, desired: DesiredWebhook<E>): Promise<DesiredWebhook<E>> {
  if (desired.idempotencyKey !== undefined) return desired
  return redacted({ ...desired, idempotencyKey: await idempotencyKeyFor(provider, account, desired.url) })
}

function withoutEnabled<E extends string>(desired: DesiredWebhook<E>): CreateWebhook<E> {
  const { enabled: _enabled, ...create } = desired
  return create
}

/**
 * Plans and reports hold desired secrets and URLs with credentials, which `apply` needs as they are:
 * their `JSON.stringify` and `util.inspect` views hide them, like every webhook's.
 */
function redacted<T extends object>(value: T): T {
  return withRedactedViews(value)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function providerContext(provider: unknown, operation: 'plan' | 'apply'): ErrorContext {
  const name = isObject(provider) ? provider.provider : undefined
  return { provider: typeof name === 'string' ? name : 'unknown', operation }
}

function providerIssues(provider: unknown, needs: readonly string[]): Issue[] {
  if (isObject(provider) && needs.every((op) => typeof provider[op] === 'function')) return []
  return [{ path: 'provider', message: `must be a webhook provider (an adapter with ${needs.join(', ')})` }]
}

/** Refuses, before any request, a `plan` call whose provider or desired list cannot be planned. */
export function checkPlanInput(provider: unknown, desired: unknown): ValidationError | undefined {
  const issues = providerIssues(provider, ['list'])
  if (!Array.isArray(desired)) issues.push({ path: 'desired', message: 'must be an array of desired webhooks' })
  else {
    desired.forEach((d: unknown, i) => {
      if (!isObject(d)) issues.push({ path: `desired[${i}]`, message: 'must be an object with url and events' })
      else {
        if (typeof d.url !== 'string' || d.url.trim() === '') issues.push({ path: `desired[${i}].url`, message: 'must be a non-empty URL' })
        if (!Array.isArray(d.events)) issues.push({ path: `desired[${i}].events`, message: 'must be an array of event names' })
      }
    })
  }
  return issues.length ? localValidation(providerContext(provider, 'plan'), issues) : undefined
}

/** Refuses an `apply` of something that is not a plan (`plan()`'s Right value). */
function checkApplyInput(provider: unknown, planned: unknown): ValidationError | undefined {
  const issues = providerIssues(provider, ['create', 'update', 'delete'])
  if (!isObject(planned)) issues.push({ path: 'plan', message: 'must be a plan, the Right value of plan()' })
  else {
    for (const key of ['creates', 'updates', 'deletes'] as const) {
      if (!Array.isArray(planned[key])) issues.push({ path: `plan.${key}`, message: 'must be an array' })
    }
  }
  return issues.length ? localValidation(providerContext(provider, 'apply'), issues) : undefined
}
