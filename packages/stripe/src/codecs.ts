/**
 * Stripe's wire shapes for `/v1/webhook_endpoints` (the `webhook_endpoint` schema of the OpenAPI
 * description), decoded leniently: only `id`, `url` and `enabled_events` are required, unknown fields are
 * kept. `secret` is decoded straight into a `Secret`: from the boundary on, no decoded object prints it.
 */

import { array, DateFromUnixSeconds, LooseBoolean, optional, secret, type Secret, struct } from '@unihook/core'
import * as D from 'io-ts/Decoder'

/** The `whsec_…` signing secret, wrapped as a `Secret` the moment it is decoded. */
export const SecretString: D.Decoder<unknown, Secret> = {
  decode: (u) => (typeof u === 'string' && u !== '' ? D.success(secret(u)) : D.failure(u, 'string (secret)')),
}

/** `metadata`: string values by key (a small decoder of our own: io-ts's `record` would double its share of the bundle). */
const Metadata: D.Decoder<unknown, Readonly<Record<string, string>>> = {
  decode: (u) =>
    typeof u === 'object' && u !== null && !Array.isArray(u) && Object.values(u).every((v) => typeof v === 'string')
      ? D.success(u as Record<string, string>)
      : D.failure(u, 'metadata (strings by key)'),
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
export const WireList = /* @__PURE__ */ struct({ data: array(WireEndpoint), has_more: D.boolean })
export type WireList = D.TypeOf<typeof WireList>

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
