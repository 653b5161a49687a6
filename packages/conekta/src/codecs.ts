/**
 * Conekta's wire shapes, decoded once at the boundary. Every codec accepts the union of the 2.1.0 and
 * 2.2.0+ fields (the webhook schema lost `synchronous`, `production_enabled`, `development_enabled` and
 * `deleted` and gained `active` and `description` at 2.2.0), treats `null` as absent, and keeps unknown
 * fields: `struct` copies them through, so `raw` is the provider's object.
 */

import { anything, array, LooseBoolean, optional, struct } from '@unihook/core'
import * as D from 'io-ts/Decoder'

/** `webhook_response`. The spec marks no field required; a webhook without `id` and `url` is useless, so those two are. */
export const WebhookResponse = /* @__PURE__ */ struct(
  {
    id: D.string,
    url: D.string,
    object: optional(D.string),
    status: optional(D.string),
    subscribed_events: optional(array(D.string)),
    livemode: optional(LooseBoolean),
    // 2.1.0
    synchronous: optional(LooseBoolean),
    production_enabled: optional(LooseBoolean),
    development_enabled: optional(LooseBoolean),
    deleted: optional(LooseBoolean),
    // 2.2.0+
    active: optional(LooseBoolean),
    description: optional(D.string),
  },
  'webhook_response',
)
export type WebhookResponse = D.TypeOf<typeof WebhookResponse>

/** The list envelope shared by every Conekta collection (`pagination` + `page` + `data`). */
export const ListEnvelope = <A>(item: D.Decoder<unknown, A>, name: string) =>
  struct(
    {
      has_more: LooseBoolean,
      object: optional(D.string),
      next_page_url: optional(D.string),
      previous_page_url: optional(D.string),
      data: array(item),
    },
    name,
  )

/** A page of webhooks (`get_webhooks_response`). */
export const WebhookList = /* @__PURE__ */ ListEnvelope(WebhookResponse, 'get_webhooks_response')
export type WebhookList = D.TypeOf<typeof WebhookList>

/** `webhook_key_response`, `webhook_key_create_response` and `webhook_key_delete_response` in one. */
export const WebhookKeyResponse = /* @__PURE__ */ struct(
  {
    id: D.string,
    object: optional(D.string),
    active: optional(LooseBoolean),
    livemode: optional(LooseBoolean),
    /** Unix seconds; left numeric so `raw` stays the wire object. */
    created_at: optional(D.number),
    deactivated_at: optional(D.number),
    /** PEM (SPKI). Reliably present only in the create response; `null` in lists. */
    public_key: optional(D.string),
    deleted: optional(LooseBoolean),
  },
  'webhook_key_response',
)
export type WebhookKeyResponse = D.TypeOf<typeof WebhookKeyResponse>

/** A page of webhook keys (`get_webhook_keys_response`). */
export const WebhookKeyList = /* @__PURE__ */ ListEnvelope(WebhookKeyResponse, 'get_webhook_keys_response')
export type WebhookKeyList = D.TypeOf<typeof WebhookKeyList>

/** `error` + `details`. Conekta's own mocks omit `param`, `debug_message` and even `type` at times. */
export const ErrorDetail = /* @__PURE__ */ struct({
  code: optional(D.string),
  param: optional(D.string),
  message: optional(D.string),
  debug_message: optional(D.string),
})

/** Conekta's error body: `type`, `log_id` and `details` (each with a message and `param`). */
export const ErrorEnvelope = /* @__PURE__ */ struct(
  {
    object: optional(D.string),
    type: optional(D.string),
    log_id: optional(D.string),
    details: optional(array(ErrorDetail)),
  },
  'error',
)
export type ErrorEnvelope = D.TypeOf<typeof ErrorEnvelope>

/** A delivered event, as far as verification needs it. */
export const EventPayload = /* @__PURE__ */ struct(
  {
    id: D.string,
    type: D.string,
    created_at: optional(D.number),
    data: anything,
    livemode: optional(LooseBoolean),
  },
  'event',
)
export type EventPayload = D.TypeOf<typeof EventPayload>
