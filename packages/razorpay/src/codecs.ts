/**
 * Razorpay's wire shapes (partner sub-merchant webhooks, `/v2/accounts/{account_id}/webhooks`), decoded
 * tolerantly: the docs label `events` an object while every example sends an array, label `active` a
 * string while examples send a boolean, and leave `service` out of some examples.
 */

import { DateFromUnixSeconds, LooseBoolean, optional } from '@unihook/core'
import * as t from 'io-ts'

const TRUTHY = new Set<unknown>([true, 1, '1', 'true'])

/** `events` as `["payment.captured", …]` or as the v1-style map `{"payment.captured": true, …}`. */
export const EventList = new t.Type<string[], string[], unknown>(
  'string[] | { [event]: boolean }',
  (u): u is string[] => Array.isArray(u) && u.every((e) => typeof e === 'string'),
  (u, c) => {
    if (Array.isArray(u)) return u.every((e) => typeof e === 'string') ? t.success([...u] as string[]) : t.failure(u, c)
    if (typeof u === 'object' && u !== null) {
      return t.success(
        Object.entries(u as Record<string, unknown>)
          .filter(([, on]) => TRUTHY.has(on))
          .map(([name]) => name),
      )
    }
    return t.failure(u, c)
  },
  (a) => a,
)

/** `disabled_at`: unix seconds, with `0` (or nothing) meaning "not disabled". */
export const DisabledAt = new t.Type<Date | undefined, number, unknown>(
  'unix seconds | 0',
  (u): u is Date | undefined => u === undefined || u instanceof Date,
  (u, c) => {
    if (u === undefined || u === null || u === 0) return t.success(undefined)
    return typeof u === 'number' && Number.isFinite(u) && u > 0 ? t.success(new Date(u * 1000)) : t.failure(u, c)
  },
  (d) => (d === undefined ? 0 : Math.floor(d.getTime() / 1000)),
)

/**
 * One `t.type` with every optional field accepting `undefined`, rather than `intersection([type, partial])`:
 * the same answers decode, in one pass over the fields, with no merge of two decoded copies per item.
 */
export const WireWebhook = t.type(
  {
    id: t.string,
    url: t.string,
    events: EventList,
    entity: optional(t.string),
    created_at: optional(DateFromUnixSeconds),
    updated_at: optional(DateFromUnixSeconds),
    disabled_at: DisabledAt,
    active: optional(LooseBoolean),
    /** Present (true) only when a secret was set. */
    secret_exists: optional(LooseBoolean),
    /** `beta-api-live` / `beta-api-test`; the SDK typing says boolean, so either is accepted. */
    service: optional(t.union([t.string, t.boolean])),
    owner_id: optional(t.string),
    owner_type: optional(t.string),
    alert_email: optional(t.string),
  },
  'webhook',
)
export type WireWebhook = t.TypeOf<typeof WireWebhook>

/** `count` is the number of items in this page, not a total; there is no `has_more`. */
export const WireCollection = t.type({ items: t.array(WireWebhook), entity: optional(t.string), count: optional(t.number) }, 'collection')
export type WireCollection = t.TypeOf<typeof WireCollection>

/** DELETE answers `[]` (the docs print `{ [] }`); whatever arrives with a 2xx is accepted. */
export const WireDeleted = t.unknown

export const WireErrorEnvelope = t.type({
  error: t.partial({
    code: optional(t.string),
    description: optional(t.string),
    /** The offending parameter, when the error concerns one. */
    field: optional(t.string),
    source: optional(t.string),
    step: optional(t.string),
    reason: optional(t.string),
    metadata: t.unknown,
  }),
})
export type WireErrorEnvelope = t.TypeOf<typeof WireErrorEnvelope>

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
