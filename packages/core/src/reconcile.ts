/**
 * Reconciliation on the provider spec alone: declare the webhooks you want, `plan` the difference with
 * what the provider holds, then `apply` the plan. Webhooks are matched by URL. Nothing is deleted unless
 * the plan was made with `prune: true`; `apply` carries on past a failed step and reports each one.
 */

import * as E from 'fp-ts/Either'
import type { Task } from 'fp-ts/Task'
import type { TaskEither } from 'fp-ts/TaskEither'
import { type ErrorContext, type Issue, localValidation, type ValidationError, type WebhookError } from './errors.js'
import { type CallOptions, type CreateWebhook, sameEvents, type UpdateWebhook, type Webhook } from './model.js'
import { listAll } from './pagination.js'
import type { WebhookProvider } from './provider.js'
import { redactUrl, withRedactedViews } from './secret.js'

export interface DesiredWebhook<E extends string = string> extends CreateWebhook<E> {
  /** Desired delivery state; left alone when absent. */
  readonly enabled?: boolean
}

export type Change = 'events' | 'description' | 'enabled'

export interface PlannedUpdate<E extends string = string> {
  readonly current: Webhook<E>
  readonly desired: DesiredWebhook<E>
  readonly changes: readonly Change[]
  readonly patch: UpdateWebhook<E>
}

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
  /** Settings the provider cannot apply (say, a description on a provider without one). */
  readonly warnings: readonly string[]
}

export interface PlanOptions extends CallOptions {
  /** Delete current webhooks whose URL is not desired (and extra webhooks sharing a desired URL). */
  readonly prune?: boolean
  /** Upper bound on how many current webhooks are read. */
  readonly maxItems?: number
}

export function plan<E extends string>(
  provider: WebhookProvider<E>,
  desired: readonly DesiredWebhook<E>[],
  given: PlanOptions = {},
): TaskEither<WebhookError, Plan<E>> {
  return async () => {
    const options: PlanOptions = given ?? {}
    const refused = checkPlanInput(provider, desired)
    if (refused) return E.left(refused)
    const byUrl = new Map<string, DesiredWebhook<E>>()
    const warnings: string[] = []
    for (const d of desired) {
      if (byUrl.has(d.url)) warnings.push(`${redactUrl(d.url)} is declared more than once; the last declaration wins`)
      // A copy: the plan shows its own redacted views without touching the caller's objects.
      byUrl.set(d.url, redacted({ ...d }))
    }
    const current = await listAll(provider, { maxItems: options.maxItems ?? 10_000 }, options)()
    if (E.isLeft(current)) return current

    const creates: DesiredWebhook<E>[] = []
    const updates: PlannedUpdate<E>[] = []
    const deletes: Webhook<E>[] = []
    const unchanged: Webhook<E>[] = []
    const unmanaged: Webhook<E>[] = []
    const matched = new Set<string>()
    const writable = provider.capabilities.writableFields

    for (const webhook of current.right) {
      const want = byUrl.get(webhook.url)
      if (!want || matched.has(webhook.url)) {
        ;(options.prune ? deletes : unmanaged).push(webhook)
        continue
      }
      matched.add(webhook.url)
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
      if (want.allowUnknownEvents) patch.allowUnknownEvents = true
      if (changes.length) updates.push(redacted({ current: webhook, desired: want, changes, patch }))
      else unchanged.push(webhook)
    }
    for (const d of byUrl.values()) {
      if (matched.has(d.url)) continue
      creates.push(d)
      if (d.enabled === false && !writable.enabled) {
        warnings.push(`${provider.provider} cannot disable a webhook through its API; ${redactUrl(d.url)} will be created enabled`)
      }
    }
    const result: Plan<E> = { provider: provider.provider, creates, updates, deletes, unchanged, unmanaged, warnings }
    return E.right(redacted(options.account === undefined ? result : { ...result, account: options.account }))
  }
}

export type Step<E extends string = string> =
  | { readonly kind: 'create'; readonly url: string; readonly desired: DesiredWebhook<E> }
  | { readonly kind: 'update'; readonly url: string; readonly id: string; readonly patch: UpdateWebhook<E> }
  | { readonly kind: 'delete'; readonly url: string; readonly id: string }

export interface ApplyReport<E extends string = string> {
  readonly succeeded: readonly { readonly step: Step<E>; readonly webhook?: Webhook<E> }[]
  /**
   * Steps that did not complete. `webhook` is set when the step left one behind: a create whose
   * follow-up (disabling it, for `enabled: false`) failed.
   */
  readonly failed: readonly { readonly step: Step<E>; readonly error: WebhookError; readonly webhook?: Webhook<E> }[]
  /** True when every step succeeded. */
  readonly complete: boolean
  /** Set when what was given to `apply` is not a plan: nothing was attempted. */
  readonly refused?: ValidationError
}

/**
 * Carries a plan out step by step: updates, then deletes (freeing room under the provider's webhook
 * limit), then creates. A failed step does not stop the others; the report names every step's outcome.
 */
export function apply<E extends string>(provider: WebhookProvider<E>, planned: Plan<E>, given: CallOptions = {}): Task<ApplyReport<E>> {
  return async () => {
    const options: CallOptions = given ?? {}
    const refused = checkApplyInput(provider, planned)
    if (refused) return redacted({ succeeded: [], failed: [], complete: false, refused })
    const call: CallOptions = planned.account !== undefined && options.account === undefined ? { ...options, account: planned.account } : options
    const steps: Step<E>[] = [
      ...planned.updates.map((u): Step<E> => redacted({ kind: 'update', url: u.current.url, id: u.current.id, patch: u.patch })),
      ...planned.deletes.map((d): Step<E> => redacted({ kind: 'delete', url: d.url, id: d.id })),
      ...planned.creates.map((c): Step<E> => redacted({ kind: 'create', url: c.url, desired: c })),
    ]
    const succeeded: { step: Step<E>; webhook?: Webhook<E> }[] = []
    const failed: { step: Step<E>; error: WebhookError; webhook?: Webhook<E> }[] = []
    const canDisable = provider.capabilities.writableFields.enabled
    for (const step of steps) {
      if (call.signal?.aborted) break
      if (step.kind === 'create' && step.desired.enabled === false && canDisable) {
        const created = await provider.create(withoutEnabled(step.desired), call)()
        if (E.isLeft(created)) {
          failed.push(redacted({ step, error: created.left }))
          continue
        }
        const disabled = await provider.update(created.right.id, { enabled: false }, call)()
        if (E.isLeft(disabled)) failed.push(redacted({ step, error: disabled.left, webhook: created.right }))
        else succeeded.push(redacted({ step, webhook: disabled.right }))
        continue
      }
      const result =
        step.kind === 'create'
          ? await provider.create(withoutEnabled(step.desired), call)()
          : step.kind === 'update'
            ? await provider.update(step.id, step.patch, call)()
            : E.map(() => undefined)(await provider.delete(step.id, call)())
      if (E.isLeft(result)) failed.push(redacted({ step, error: result.left }))
      else succeeded.push(redacted(result.right ? { step, webhook: result.right } : { step }))
    }
    return redacted({ succeeded, failed, complete: failed.length === 0 && succeeded.length === steps.length })
  }
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
function checkPlanInput(provider: unknown, desired: unknown): ValidationError | undefined {
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
  if (!isObject(planned)) issues.push({ path: 'plan', message: "must be a plan, the Right value of plan()" })
  else {
    for (const key of ['creates', 'updates', 'deletes'] as const) {
      if (!Array.isArray(planned[key])) issues.push({ path: `plan.${key}`, message: 'must be an array' })
    }
  }
  return issues.length ? localValidation(providerContext(provider, 'apply'), issues) : undefined
}
