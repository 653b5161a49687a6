/**
 * The common model: what a webhook is, what a caller asks for, and what a page of results looks like,
 * independent of any provider.
 */

import type { RateBudget } from './rate-budget.js'
import { INSPECT, redactDeep, type Secret } from './secret.js'

/**
 * Delivery state, the same for every provider: `active`, `disabled` (by the user), `failing` (the
 * provider stopped or is retrying after failures) or `pending` (not yet confirmed).
 */
export type WebhookStatus = 'active' | 'disabled' | 'failing' | 'pending'

/**
 * What is known about a webhook's delivery-signing secret.
 * - `none`: no secret is set (deliveries cannot be verified).
 * - `present`: a secret is set but the provider never returns it (Razorpay's `secret_exists`).
 * - `value`: the secret itself, returned once (Calypso's `secretKey`, or one unihook generated).
 * - `account-key`: deliveries are signed with a key of the whole account (Conekta's `/webhook_keys`).
 */
export type SecretInfo =
  | { readonly kind: 'none' }
  | { readonly kind: 'present' }
  | { readonly kind: 'value'; readonly value: Secret; readonly keyId?: string }
  | { readonly kind: 'account-key' }

/**
 * A webhook as every adapter returns it: the common fields, the provider's own object as `raw`, and any
 * settings it could not honour exactly as `warnings`. Its URL and secret are redacted when logged or
 * serialized.
 */
export interface Webhook<E extends string = string> {
  readonly provider: string
  readonly id: string
  /** The target URL, as the provider holds it. May carry credentials; redacted in logs and JSON. */
  readonly url: string
  /** Provider-native event names. */
  readonly events: readonly (E | (string & {}))[]
  readonly status: WebhookStatus
  readonly createdAt?: Date
  readonly updatedAt?: Date
  readonly description?: string
  /** The sub-account / child company it belongs to, where the provider has one. */
  readonly account?: string
  readonly secret?: SecretInfo
  /** Settings the adapter could not honour exactly; nothing is dropped silently. */
  readonly warnings?: readonly string[]
  /**
   * The provider's own writable settings as it holds them, named as its `create` and `update` take them
   * (Razorpay's `alertEmail`, Calypso's `services`); `null` when none is set. Only settings the provider
   * returned are present: `plan` compares a desired webhook's same-named fields with these.
   */
  readonly providerFields?: ProviderFields
  /** The provider's object as decoded, for anything the model does not carry. */
  readonly raw: unknown
}

/** A webhook's provider-specific settings (`Webhook.providerFields`): a text, a list of names, or `null` for none. */
export type ProviderFields = Readonly<Record<string, string | readonly string[] | null>>

declare const UNCATALOGUED: unique symbol

/**
 * A name outside an adapter's catalog, of a given form: what `uncatalogued(…)` marks, and how a delivery
 * of such an event types its `type` (Razorpay's ``Uncatalogued<`${string}.${string}`>``, say). The form
 * keeps a catalogued name from matching it, so `event.type === 'payment.captured'` narrows to that event.
 */
export type Uncatalogued<Form extends string = string> = Form & { readonly [UNCATALOGUED]: true }

/** An event name outside an adapter's catalog, opted in where it is written: `uncatalogued('payout.processed')`. */
export type UncataloguedEvent = Uncatalogued<string>

/**
 * Marks a name outside the adapter's catalog (a provider's newer event, say), so that it compiles: a
 * misspelt catalog name does not. The call must still set `allowUnknownEvents`, which the adapter checks
 * at run time. On a verified delivery, `event.type === uncatalogued('payout.processed')` narrows the event
 * to the provider's uncatalogued member (its name is kept in the type for that).
 */
export const uncatalogued = <const Name extends string>(name: Name): Uncatalogued<Name> => name as Uncatalogued<Name>

/**
 * An event name from the provider's catalog (autocompleted and checked by the compiler), or one marked
 * with `uncatalogued(…)`. Provider-neutral code (`E` = `string`) takes any string.
 */
export type EventName<E extends string> = E | UncataloguedEvent

/** What `create` takes. Adapters extend it with provider options (Razorpay's `alertEmail`, Calypso's `services`). */
export interface CreateWebhook<E extends string = string> {
  readonly url: string
  readonly events: readonly EventName<E>[]
  readonly description?: string
  /** The delivery-signing secret, for providers where the caller chooses it. */
  readonly secret?: string | Secret
  /** Accept event names outside the adapter's catalog (the provider may still refuse them). */
  readonly allowUnknownEvents?: boolean
  /**
   * Makes repeated creates one: where the provider has an idempotency key (`capabilities.concurrency.
   * idempotentCreate`), every create with the same key makes at most one webhook. Ignored elsewhere.
   * `apply` sets it from the account and URL, so two operators applying at once create once.
   */
  readonly idempotencyKey?: string
}

/** What `update` takes: any subset of the fields; absent fields are left as they are. */
export interface UpdateWebhook<E extends string = string> {
  readonly url?: string
  readonly events?: readonly EventName<E>[]
  readonly description?: string
  /** Enable or disable deliveries, where the provider can. */
  readonly enabled?: boolean
  readonly allowUnknownEvents?: boolean
}

/**
 * What `list` takes: paging and filters. Filters a provider cannot apply are refused with `Unsupported`
 * (see `capabilities.filters`).
 */
export interface ListQuery {
  /** How many webhooks one request asks for; bounded by the capability's `maxPageSize`. */
  readonly pageSize?: number
  /** The opaque cursor of a previous page's `nextCursor`. */
  readonly cursor?: string
  /** Only webhooks with this exact URL (providers that cannot filter refuse it with `Unsupported`). */
  readonly url?: string
  /** Only webhooks created at or after / at or before this time. */
  readonly createdAfter?: Date
  readonly createdBefore?: Date
}

/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[]
  /** Present when there may be more items; pass it back as `cursor`. */
  readonly nextCursor?: string
}

/** Options every operation takes last: the account to act for, an `AbortSignal`, a per-attempt timeout. */
export interface CallOptions {
  /** Acts for this account instead of the one set on the adapter. */
  readonly account?: string
  readonly signal?: AbortSignal
  /** Per-attempt timeout in milliseconds; overrides the adapter's. */
  readonly timeoutMs?: number
  /**
   * The run's rate budget (`createRateBudget`): every attempt of the call waits for its turn in it, and
   * a 429 pauses it for everyone. Overrides the adapter's `rateBudget`.
   */
  readonly budget?: RateBudget
}

/**
 * What `delete` answers when it is not a plain confirmation: a retry found the webhook already gone after
 * an earlier attempt of the same call went unanswered, so that attempt is what deleted it.
 */
export interface AlreadyDeleted {
  readonly alreadyDeleted: true
  readonly id: string
  /** Says why this counts as success. */
  readonly note: string
}

/** Result of a secret rotation: a webhook's own secret, or a key of the whole account. */
export interface SecretRotation {
  readonly scope: 'webhook' | 'account'
  readonly webhookId?: string
  /** The new secret, returned once, where the provider hands it out or unihook generated it. */
  readonly secret?: Secret
  /** Webhooks whose signing secret the rotation changed, as the provider now reports them. */
  readonly webhooks?: readonly Webhook[]
}

/** Further values a webhook's views hide (a key id kept as a plain string, a secret echoed in `raw`). */
type Scrub = readonly (string | Secret)[]

/** A webhook's fields, writable while it is built. */
type Building<E extends string> = { -readonly [K in keyof Webhook<E>]?: Webhook<E>[K] }

// Built inside a pure function, like `SecretValue`: bundlers keep the class only where webhooks are made.
const WebhookRecord = /* @__PURE__ */ (() => {
  /**
   * A webhook as `makeWebhook` builds it: its fields by name, the values to scrub in a private field (no
   * property of its own; a `WeakMap` entry per webhook cost as much as building it) and the redacted views
   * on the prototype, so a list builds one small object per item.
   */
  class WebhookRecord<E extends string> {
    readonly #scrub: Scrub | undefined

    constructor(fields: Webhook<E>, scrub: Scrub) {
      this.#scrub = scrub.length > 0 ? scrub : undefined
      // Each field by name, in the interface's order: stores by name are about 4 times faster than copying
      // keys found at run time (`Object.keys`, `for…in`). A field added to `Webhook` is added here too;
      // core's secret tests build a webhook with every field to check it.
      const webhook = this as Building<E>
      if (fields.provider !== undefined) webhook.provider = fields.provider
      if (fields.id !== undefined) webhook.id = fields.id
      if (fields.url !== undefined) webhook.url = fields.url
      if (fields.events !== undefined) webhook.events = fields.events
      if (fields.status !== undefined) webhook.status = fields.status
      if (fields.createdAt !== undefined) webhook.createdAt = fields.createdAt
      if (fields.updatedAt !== undefined) webhook.updatedAt = fields.updatedAt
      if (fields.description !== undefined) webhook.description = fields.description
      if (fields.account !== undefined) webhook.account = fields.account
      if (fields.secret !== undefined) webhook.secret = fields.secret
      if (fields.warnings !== undefined) webhook.warnings = fields.warnings
      if (fields.providerFields !== undefined) webhook.providerFields = fields.providerFields
      if (fields.raw !== undefined) webhook.raw = fields.raw
      Object.freeze(this)
    }

    /** The own fields of `target` with URL credentials, secrets and the scrubbed values hidden; `target` may be an object inheriting from a webhook. */
    static #viewOf(target: object): unknown {
      return redactDeep({ ...target }, #scrub in target ? target.#scrub : undefined)
    }

    toJSON(): unknown {
      return WebhookRecord.#viewOf(this)
    }

    [INSPECT](_depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string): unknown {
      const view = WebhookRecord.#viewOf(this)
      return inspect ? inspect(view, options) : view
    }
  }
  Object.freeze(WebhookRecord.prototype)
  return WebhookRecord
})()

/**
 * Builds a `Webhook` whose `JSON.stringify` and `util.inspect` views hide URL credentials and secrets.
 * Adapters build every webhook through this; `scrub` names further values to hide wherever they appear
 * (a key id kept as a plain string, a secret echoed in `raw`). A field given as `undefined` is left out.
 */
export function makeWebhook<E extends string = string>(fields: Webhook<E>, scrub: readonly (string | Secret)[] = []): Webhook<E> {
  return new WebhookRecord(fields, scrub) as unknown as Webhook<E>
}

/** Whether two event lists subscribe to the same events, whatever their order. */
export function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((e) => right.has(e))
}
