/**
 * Saved plans, as Terraform's `plan -out FILE` then `apply FILE`: a plan is saved with what it assumed
 * (digests of the desired webhooks and of the webhooks the account held), and applying it first checks
 * both. When either changed, the saved plan is stale and is refused for that account; nothing is sent
 * but the one read that found out. When both hold, the plan is made again from that read, which gives
 * the same steps (planning is a function of the two), and applied.
 *
 * A saved plan is plain JSON, one object per account (the CLI writes one per line). It holds digests,
 * ids, redacted URLs and the names of the changes, never a URL's credentials or a secret: applying it
 * takes the desired webhooks again (from the same configuration), and the digest proves they are the
 * ones planned.
 */

import * as E from 'fp-ts/Either'
import type { WebhookError } from './errors.js'
import type { ProviderFields, Webhook } from './model.js'
import type { WebhookProvider } from './provider.js'
import { apply, type ApplyOptions, type ApplyReport, type DesiredWebhook, type Plan, type PlanOptions, planAgainst, readCurrent } from './reconcile.js'
import { redactUrl, revealSecret } from './secret.js'
import { sha256Hex } from './verify/verification.js'

/** The format version of a saved plan; another version is refused. */
export const SAVED_PLAN_VERSION = 1

/** What a saved plan asked of the account beyond its desired webhooks. */
export interface SavedPlanOptions {
  readonly prune: boolean
  readonly fixDuplicates: boolean
}

/** One account's saved plan: what it assumed, and what it will do, for review. */
export interface SavedAccountPlan {
  readonly version: typeof SAVED_PLAN_VERSION
  readonly provider: string
  readonly account?: string
  readonly options: SavedPlanOptions
  /** Digest of the desired webhooks and the options (`desiredDigest`). */
  readonly desiredDigest: string
  /** Digest of the webhooks the account held when planned (`currentDigest`). */
  readonly currentDigest: string
  readonly plannedAt: string
  /** The steps, for a person to review: redacted URLs and ids. */
  readonly summary: {
    readonly creates: readonly string[]
    readonly updates: readonly { readonly id: string; readonly url: string; readonly changes: readonly string[] }[]
    readonly deletes: readonly { readonly id: string; readonly url: string }[]
    readonly duplicates: readonly { readonly id: string; readonly url: string }[]
  }
}

/** Why a saved plan was refused for an account. */
export interface StalePlan {
  readonly stale: true
  readonly account?: string
  /** `desired`: the configuration changed. `current`: the account changed. `plan`: not a saved plan of this version and provider. */
  readonly reason: 'desired' | 'current' | 'plan'
  readonly message: string
}

const digestOf = (value: unknown): Promise<string> => Promise.resolve(sha256Hex(JSON.stringify(value)))

const sorted = (values: readonly string[]): string[] => [...values].sort()

/** The digest of the desired webhooks (secrets included, hashed) and the options they are planned with. */
export function desiredDigest(desired: readonly DesiredWebhook<string>[], options: SavedPlanOptions): Promise<string> {
  const entries = desired.map((d) => [
    d.url,
    sorted(d.events),
    d.description ?? null,
    d.enabled ?? null,
    d.secret === undefined ? null : revealSecret(d.secret),
    d.allowUnknownEvents === true,
    providerFieldsOf(d),
  ])
  entries.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  return digestOf([entries, options.prune, options.fixDuplicates])
}

const COMMON_FIELDS = new Set(['url', 'events', 'description', 'enabled', 'secret', 'allowUnknownEvents', 'idempotencyKey'])

/** A provider's own settings of a desired webhook (Razorpay's `alertEmail`, Calypso's `services`), by name: a change to one changes the digest. */
function providerFieldsOf(desired: DesiredWebhook<string>): [string, unknown][] {
  return Object.entries(desired)
    .filter(([key, value]) => !COMMON_FIELDS.has(key) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
}

/** The digest of the webhooks an account holds: what a plan assumed. */
export function currentDigest(current: readonly Webhook<string>[]): Promise<string> {
  // A provider's own fields count (a plan compares them); lists as sets. Absent for providers without any.
  const entries = current.map((w) => [
    w.id,
    w.url,
    sorted(w.events),
    w.status,
    w.description ?? null,
    ...(w.providerFields ? [fieldsOf(w.providerFields)] : []),
  ])
  entries.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
  return digestOf(entries)
}

const fieldsOf = (fields: ProviderFields) =>
  Object.keys(fields)
    .sort()
    .map((name) => {
      const value = fields[name]
      return [name, Array.isArray(value) ? sorted(value) : (value ?? null)]
    })

const optionsOf = (options: PlanOptions): SavedPlanOptions => ({ prune: options.prune === true, fixDuplicates: options.fixDuplicates === true })

/** Saves a plan with what it assumed: the desired webhooks it was made from and the webhooks the account held. */
export async function savePlan<E extends string>(
  planned: Plan<E>,
  desired: readonly DesiredWebhook<E>[],
  current: readonly Webhook<E>[],
  options: PlanOptions = {},
): Promise<SavedAccountPlan> {
  const saved = optionsOf(options)
  return {
    version: SAVED_PLAN_VERSION,
    provider: planned.provider,
    ...(planned.account === undefined ? {} : { account: planned.account }),
    options: saved,
    desiredDigest: await desiredDigest(desired, saved),
    currentDigest: await currentDigest(current),
    plannedAt: new Date().toISOString(),
    summary: {
      creates: planned.creates.map((c) => redactUrl(c.url)),
      updates: planned.updates.map((u) => ({ id: u.current.id, url: redactUrl(u.current.url), changes: [...u.changes] })),
      deletes: planned.deletes.map((d) => ({ id: d.id, url: redactUrl(d.url) })),
      duplicates: planned.duplicates.map((d) => ({ id: d.id, url: redactUrl(d.url) })),
    },
  }
}

/** Whether a value read from a file is a saved account plan this version can apply. */
export function isSavedAccountPlan(value: unknown): value is SavedAccountPlan {
  const v = value as Partial<SavedAccountPlan> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === SAVED_PLAN_VERSION &&
    typeof v.provider === 'string' &&
    typeof v.desiredDigest === 'string' &&
    typeof v.currentDigest === 'string' &&
    typeof v.options === 'object' &&
    v.options !== null
  )
}

/** What applying a saved plan did: refused it as stale, failed to read the account, or applied it. */
export type SavedApplyOutcome<E extends string> =
  | { readonly kind: 'stale'; readonly stale: StalePlan }
  | { readonly kind: 'failed'; readonly error: WebhookError }
  | { readonly kind: 'applied'; readonly plan: Plan<E>; readonly report: ApplyReport<E> }

const stale = (saved: Partial<SavedAccountPlan>, reason: StalePlan['reason'], message: string): { kind: 'stale'; stale: StalePlan } => ({
  kind: 'stale',
  stale: { stale: true, ...(typeof saved.account === 'string' ? { account: saved.account } : {}), reason, message },
})

/**
 * Applies one account's saved plan: refuses it when the desired webhooks or the account changed since it
 * was planned (one read tells), else makes the same plan from that read and applies it.
 */
export async function applySavedPlan<E extends string>(
  provider: WebhookProvider<E>,
  saved: SavedAccountPlan,
  desired: readonly DesiredWebhook<E>[],
  options: ApplyOptions<E> & Pick<PlanOptions, 'maxItems' | 'pageSize'> = {},
): Promise<SavedApplyOutcome<E>> {
  if (!isSavedAccountPlan(saved) || saved.provider !== provider.provider) {
    return stale(saved ?? {}, 'plan', `not a version ${SAVED_PLAN_VERSION} saved plan for ${provider.provider}`)
  }
  if ((await desiredDigest(desired, saved.options)) !== saved.desiredDigest) {
    return stale(saved, 'desired', 'the desired webhooks changed since the plan was saved: plan again')
  }
  const { maxItems, pageSize, ...applyOptions } = options
  const call = { ...applyOptions, ...(saved.account === undefined ? {} : { account: saved.account }) }
  const current = await readCurrent(provider, { ...saved.options, maxItems, pageSize, ...pickCall(call) })
  if (E.isLeft(current)) return { kind: 'failed', error: current.left }
  if ((await currentDigest(current.right)) !== saved.currentDigest) {
    return stale(saved, 'current', 'the account changed since the plan was saved: plan again')
  }
  const planned = planAgainst(provider, desired, current.right, { ...saved.options, ...pickCall(call) })
  return { kind: 'applied', plan: planned, report: await apply(provider, planned, call)() }
}

const pickCall = (options: { account?: string; signal?: AbortSignal; timeoutMs?: number; budget?: ApplyOptions['budget'] }) => {
  const { account, signal, timeoutMs, budget } = options
  return { account, signal, timeoutMs, budget }
}
