/**
 * Stripe's wire shapes for `/v1/webhook_endpoints` (the `webhook_endpoint` schema of the OpenAPI
 * description), decoded leniently: only `id`, `url` and `enabled_events` are required, unknown fields are
 * kept. `secret` is decoded straight into a `Secret`: from the boundary on, no decoded object prints it.
 */

import { array, DateFromUnixSeconds, isRecord, LooseBoolean, optional, readEach, readFirst, secret, type Secret, struct } from '@unihook/core'
import * as D from 'io-ts/Decoder'

/** The `whsec_…` signing secret, wrapped as a `Secret` the moment it is decoded. */
export const SecretString: D.Decoder<unknown, Secret> = {
  decode: (u) => (typeof u === 'string' && u !== '' ? D.success(secret(u)) : D.failure(u, 'string (secret)')),
}

const isString = (u: unknown): u is string => typeof u === 'string'
const isMetadata = (u: unknown): u is Record<string, string> => isRecord(u) && Object.values(u).every(isString)

/** `metadata`: string values by key (a small decoder of our own: io-ts's `record` would double its share of the bundle). */
const Metadata: D.Decoder<unknown, Readonly<Record<string, string>>> = {
  decode: (u) => (isMetadata(u) ? D.success(u) : D.failure(u, 'metadata (strings by key)')),
}

/** `webhook_endpoint`. */
export const WireEndpoint = /* @__PURE__ */ struct(
  {
    id: D.string,
    url: D.string,
    enabled_events: array(D.string),
    object: optional(D.string),
    api_version: optional(D.string),
    /** The Connect application the endpoint belongs to, if any. */
    application: optional(D.string),
    created: optional(DateFromUnixSeconds),
    description: optional(D.string),
    livemode: optional(D.boolean),
    metadata: optional(Metadata),
    /** Only in the create answer. */
    secret: optional(SecretString),
    /** `enabled` or `disabled`. */
    status: optional(D.string),
  },
  'webhook_endpoint',
)
export type WireEndpoint = D.TypeOf<typeof WireEndpoint>

/** A list page: `{object: 'list', data, has_more, url}`. */
export const DecodedList = /* @__PURE__ */ struct({ data: array(WireEndpoint), has_more: D.boolean })
export type WireList = D.TypeOf<typeof DecodedList>

/** Absent, null or a string: what `optional(D.string)` accepts. */
const textOrNothing = (u: unknown) => u === undefined || u === null || isString(u)

/**
 * An endpoint in the shape Stripe lists it (no secret; `api_version`, `application` and `description`
 * null or strings, the other optional fields absent or of their type), read by name, or `undefined` for
 * any other shape. What it returns is what `WireEndpoint` decodes: a copy with `created` as a `Date`
 * and each null as `undefined`.
 */
function readPlainEndpoint(w: unknown): WireEndpoint | undefined {
  if (!isRecord(w)) return undefined
  const { id, url, enabled_events, created, api_version, application, description } = w
  if (!isString(id) || !isString(url) || !Array.isArray(enabled_events) || !enabled_events.every(isString)) return undefined
  if (!(created === undefined || (typeof created === 'number' && Number.isFinite(created)))) return undefined
  if (!textOrNothing(api_version) || !textOrNothing(application) || !textOrNothing(description) || w.secret !== undefined) return undefined
  const rest = (w.object === undefined || isString(w.object)) && (w.status === undefined || isString(w.status))
  if (!rest || !(w.livemode === undefined || typeof w.livemode === 'boolean') || !(w.metadata === undefined || isMetadata(w.metadata))) return undefined
  const out: Record<string, unknown> = { ...w }
  if (created !== undefined) out.created = new Date(created * 1000)
  if (api_version === null) out.api_version = undefined
  if (application === null) out.application = undefined
  if (description === null) out.description = undefined
  return out as WireEndpoint
}

/**
 * A page read by hand, for the shape Stripe sends: reading fields by name runs several times faster
 * than `struct`'s walk by computed name. `undefined` for anything else, which `DecodedList` then
 * decides and, if wrong, names. The tests check this returns what `DecodedList` decodes for every
 * variation of every field.
 */
export function readPlainList(u: unknown): WireList | undefined {
  if (!isRecord(u) || !Array.isArray(u.data) || typeof u.has_more !== 'boolean') return undefined
  const data = readEach(u.data, readPlainEndpoint)
  return data && ({ ...u, data } as WireList)
}

/** A list page: read by hand when it has Stripe's usual shape, otherwise by the io-ts decoders. */
export const WireList: D.Decoder<unknown, WireList> = /* @__PURE__ */ readFirst(readPlainList, DecodedList)

/** What a delete answers: `{id, object: 'webhook_endpoint', deleted: true}`. */
export const WireDeleted = /* @__PURE__ */ struct({ id: D.string, deleted: LooseBoolean })

/** The error envelope: `{error: {type, code?, decline_code?, message?, param?, doc_url?, request_log_url?}}`. */
export const WireErrorEnvelope = /* @__PURE__ */ struct({
  error: struct({
    type: D.string,
    code: optional(D.string),
    message: optional(D.string),
    param: optional(D.string),
    doc_url: optional(D.string),
  }),
})
export type WireError = D.TypeOf<typeof WireErrorEnvelope>['error']
