/**
 * Conekta's wire shapes, decoded once at the boundary. Every codec accepts the union of the 2.1.0 and
 * 2.2.0+ fields (the webhook schema lost `synchronous`, `production_enabled`, `development_enabled` and
 * `deleted` and gained `active` and `description` at 2.2.0), treats `null` as absent, and keeps unknown
 * fields: `t.type` copies them through, so `raw` is the provider's object.
 */

import { LooseBoolean, optional } from '@unihook/core'
import * as t from 'io-ts'

/** `webhook_response`. The spec marks no field required; a webhook without `id` and `url` is useless, so those two are. */
export const WebhookResponse = t.type(
  {
    id: t.string,
    url: t.string,
    object: optional(t.string),
    status: optional(t.string),
    subscribed_events: optional(t.array(t.string)),
    livemode: optional(LooseBoolean),
    // 2.1.0
    synchronous: optional(LooseBoolean),
    production_enabled: optional(LooseBoolean),
    development_enabled: optional(LooseBoolean),
    deleted: optional(LooseBoolean),
    // 2.2.0+
    active: optional(LooseBoolean),
    description: optional(t.string),
  },
  'webhook_response',
)
export type WebhookResponse = t.TypeOf<typeof WebhookResponse>

/** The list envelope shared by every Conekta collection (`pagination` + `page` + `data`). */
export const ListEnvelope = <C extends t.Mixed>(item: C, name: string) =>
  t.type(
    {
      has_more: LooseBoolean,
      object: optional(t.string),
      next_page_url: optional(t.string),
      previous_page_url: optional(t.string),
      data: t.array(item),
    },
    name,
  )

/** A page of webhooks (`get_webhooks_response`). */
export const WebhookList = ListEnvelope(WebhookResponse, 'get_webhooks_response')
export type WebhookList = t.TypeOf<typeof WebhookList>

/** `webhook_key_response`, `webhook_key_create_response` and `webhook_key_delete_response` in one. */
export const WebhookKeyResponse = t.type(
  {
    id: t.string,
    object: optional(t.string),
    active: optional(LooseBoolean),
    livemode: optional(LooseBoolean),
    /** Unix seconds; left numeric so `raw` stays the wire object. */
    created_at: optional(t.number),
    deactivated_at: optional(t.number),
    /** PEM (SPKI). Reliably present only in the create response; `null` in lists. */
    public_key: optional(t.string),
    deleted: optional(LooseBoolean),
  },
  'webhook_key_response',
)
export type WebhookKeyResponse = t.TypeOf<typeof WebhookKeyResponse>

/** A page of webhook keys (`get_webhook_keys_response`). */
export const WebhookKeyList = ListEnvelope(WebhookKeyResponse, 'get_webhook_keys_response')
export type WebhookKeyList = t.TypeOf<typeof WebhookKeyList>

/** `error` + `details`. Conekta's own mocks omit `param`, `debug_message` and even `type` at times. */
export const ErrorDetail = t.type({
  code: optional(t.string),
  param: optional(t.string),
  message: optional(t.string),
  debug_message: optional(t.string),
})

/** Conekta's error body: `type`, `log_id` and `details` (each with a message and `param`). */
export const ErrorEnvelope = t.type(
  {
    object: optional(t.string),
    type: optional(t.string),
    log_id: optional(t.string),
    details: optional(t.array(ErrorDetail)),
  },
  'error',
)
export type ErrorEnvelope = t.TypeOf<typeof ErrorEnvelope>

/** A delivered event, as far as verification needs it. */
export const EventPayload = t.type(
  {
    id: t.string,
    type: t.string,
    created_at: optional(t.number),
    data: t.unknown,
    livemode: optional(LooseBoolean),
  },
  'event',
)
export type EventPayload = t.TypeOf<typeof EventPayload>
