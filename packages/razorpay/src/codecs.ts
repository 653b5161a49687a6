/**
 * Razorpay's wire shapes (partner sub-merchant webhooks, `/v2/accounts/{account_id}/webhooks`), decoded
 * tolerantly: the docs label `events` an object while every example sends an array, label `active` a
 * string while examples send a boolean, and leave `service` out of some examples.
 */

import { anything, array, DateFromUnixSeconds, LooseBoolean, optional, struct } from '@unihook/core'
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
export const WireCollection = /* @__PURE__ */ struct({ items: array(WireWebhook), entity: optional(D.string), count: optional(D.number) }, 'collection')
export type WireCollection = D.TypeOf<typeof WireCollection>

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
