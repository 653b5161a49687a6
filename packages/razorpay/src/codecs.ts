/**
 * Razorpay's wire shapes (partner sub-merchant webhooks, `/v2/accounts/{account_id}/webhooks`), decoded
 * tolerantly: the docs label `events` an object while every example sends an array, label `active` a
 * string while examples send a boolean, and leave `service` out of some examples.
 */

import { anything, array, DateFromUnixSeconds, isRecord, LooseBoolean, optional, readEach, readFirst, struct } from '@unihook/core'
import * as D from 'io-ts/Decoder'

const TRUTHY = new Set<unknown>([true, 1, '1', 'true'])

/** `events` as `["payment.captured", …]` or as the v1-style map `{"payment.captured": true, …}`. */
export const EventList: D.Decoder<unknown, string[]> = {
  decode(u) {
    // The array itself, not a copy: the mapping copies it into the webhook, and `raw` keeps the wire's.
    if (Array.isArray(u)) return u.every((e) => typeof e === 'string') ? D.success(u as string[]) : D.failure(u, 'string[] | { [event]: boolean }')
    if (typeof u === 'object' && u !== null) {
      return D.success(
        Object.entries(u as Record<string, unknown>)
          .filter(([, on]) => TRUTHY.has(on))
          .map(([name]) => name),
      )
    }
    return D.failure(u, 'string[] | { [event]: boolean }')
  },
}

/** `disabled_at`: unix seconds, with `0` (or nothing) meaning "not disabled". */
export const DisabledAt: D.Decoder<unknown, Date | undefined> = {
  decode(u) {
    if (u === undefined || u === null || u === 0) return D.success(undefined)
    return typeof u === 'number' && Number.isFinite(u) && u > 0 ? D.success(new Date(u * 1000)) : D.failure(u, 'unix seconds | 0')
  },
}

/** One `struct` with every optional field accepting `undefined`: one pass over the fields per item. */
export const WireWebhook = /* @__PURE__ */ struct(
  {
    id: D.string,
    url: D.string,
    events: EventList,
    entity: optional(D.string),
    created_at: optional(DateFromUnixSeconds),
    updated_at: optional(DateFromUnixSeconds),
    disabled_at: DisabledAt,
    active: optional(LooseBoolean),
    /** Present (true) only when a secret was set. */
    secret_exists: optional(LooseBoolean),
    /** `beta-api-live` / `beta-api-test`; the SDK typing says boolean, so either is accepted. */
    service: optional(D.union(D.string, D.boolean)),
    owner_id: optional(D.string),
    owner_type: optional(D.string),
    alert_email: optional(D.string),
  },
  'webhook',
)
export type WireWebhook = D.TypeOf<typeof WireWebhook>

/** `count` is the number of items in this page, not a total; there is no `has_more`. */
export const DecodedCollection = /* @__PURE__ */ struct({ items: array(WireWebhook), entity: optional(D.string), count: optional(D.number) }, 'collection')
export type WireCollection = D.TypeOf<typeof DecodedCollection>

const isString = (u: unknown): u is string => typeof u === 'string'
const isSeconds = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u)
const stringOrAbsent = (u: unknown) => u === undefined || typeof u === 'string'
const booleanOrAbsent = (u: unknown) => u === undefined || typeof u === 'boolean'

/**
 * A webhook in the shape Razorpay sends it (every field absent or of its type, `disabled_at` 0 or a
 * time), read by name, or `undefined` for any other shape. What it returns is what `WireWebhook`
 * decodes: the object copied with its times as `Date`s and `disabled_at` 0 as `undefined`.
 */
function readPlainWebhook(w: unknown): WireWebhook | undefined {
  if (!isRecord(w)) return undefined
  const { id, url, events, created_at, updated_at, disabled_at } = w
  if (!isString(id) || !isString(url) || !Array.isArray(events) || !events.every(isString)) return undefined
  if (!(created_at === undefined || isSeconds(created_at)) || !(updated_at === undefined || isSeconds(updated_at))) return undefined
  if (!(disabled_at === undefined || (isSeconds(disabled_at) && disabled_at >= 0))) return undefined
  const texts = stringOrAbsent(w.entity) && stringOrAbsent(w.owner_id) && stringOrAbsent(w.owner_type) && stringOrAbsent(w.alert_email)
  if (!texts || !booleanOrAbsent(w.active) || !booleanOrAbsent(w.secret_exists) || !(booleanOrAbsent(w.service) || isString(w.service))) return undefined
  const out: Record<string, unknown> = { ...w }
  if (created_at !== undefined) out.created_at = new Date(created_at * 1000)
  if (updated_at !== undefined) out.updated_at = new Date(updated_at * 1000)
  if (disabled_at !== undefined) out.disabled_at = disabled_at === 0 ? undefined : new Date(disabled_at * 1000)
  return out as WireWebhook
}

/**
 * A page read by hand, for the shape Razorpay sends: reading fields by name runs several times faster
 * than `struct`'s walk by computed name. `undefined` for anything else (a `null`, events as a map, a
 * boolean as a string, a wrong type), which `DecodedCollection` then decides and, if wrong, names.
 * The tests check this returns what `DecodedCollection` decodes for every variation of every field.
 */
export function readPlainPage(u: unknown): WireCollection | undefined {
  if (!isRecord(u) || !Array.isArray(u.items) || !stringOrAbsent(u.entity)) return undefined
  if (!(u.count === undefined || (typeof u.count === 'number' && !Number.isNaN(u.count)))) return undefined
  const items = readEach(u.items, readPlainWebhook)
  return items && ({ ...u, items } as WireCollection)
}

/** A page of webhooks: read by hand when it has Razorpay's usual shape, otherwise by the io-ts decoders. */
export const WireCollection: D.Decoder<unknown, WireCollection> = /* @__PURE__ */ readFirst(readPlainPage, DecodedCollection)

/** DELETE answers `[]` (the docs print `{ [] }`); whatever arrives with a 2xx is accepted. */
export const WireDeleted = anything

export const WireErrorEnvelope = /* @__PURE__ */ struct({
  error: struct({
    code: optional(D.string),
    description: optional(D.string),
    /** The offending parameter, when the error concerns one. */
    field: optional(D.string),
    source: optional(D.string),
    step: optional(D.string),
    reason: optional(D.string),
    metadata: anything,
  }),
})
export type WireErrorEnvelope = D.TypeOf<typeof WireErrorEnvelope>

/** What create sends. */
export interface WireCreateBody {
  readonly url: string
  readonly events: readonly string[]
  readonly alert_email?: string
  readonly secret?: string
}

/** What PATCH sends: the docs mark `url` and `events` mandatory; the SDK typing also allows the rest. */
export interface WirePatchBody {
  readonly url: string
  readonly events: readonly string[]
  readonly alert_email?: string
  readonly secret?: string
  readonly active?: boolean
}
