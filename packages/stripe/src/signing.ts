/**
 * Stripe signs each delivery with the endpoint's secret: `Stripe-Signature: t=<unix seconds>,v1=<hex>`,
 * where `v1` is the HMAC-SHA256 of `<t>.<raw body>` keyed with the `whsec_…` secret, one `v1` per secret
 * that signs (two while a rolled secret still signs) (docs.stripe.com/webhooks#verify-manually). The
 * adapter's verifier, the fake and test helpers share this.
 */

import { hmacHex, revealSecret, type Secret } from '@unihook/core/verify'
import type { StripeDeliveredEvent } from './events.js'

/** The delivery header carrying the timestamp and signatures. */
export const SIGNATURE_HEADER = 'Stripe-Signature'

/** How far a delivery's timestamp may be from now by default: the 300 s Stripe's libraries use. */
export const DEFAULT_TOLERANCE_SECONDS = 300

/** The `v1` signature of a body at a timestamp: hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function stripeSignature(secret: string | Secret, timestamp: number, body: string): string {
  return hmacHex('sha256', secret, `${timestamp}.${body}`)
}

/** A `Stripe-Signature` value: the timestamp, then one `v1` per secret. */
export function stripeSignatureHeader(body: string, secrets: readonly (string | Secret)[], timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${stripeSignature(s, timestamp, body)}`)].join(',')
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A Stripe-style id: the prefix and 24 letters or digits (`evt_1NG8Du2eZvKYlo2CUI79vXWy`), or `length` of them. */
export function stripeId(prefix: string, length = 24): string {
  return `${prefix}_${Array.from(globalThis.crypto.getRandomValues(new Uint8Array(length)), (b) => ALPHABET[b % 62]).join('')}`
}

/** What `stripeEvent` builds an event from. */
export interface StripeEventInput {
  readonly type: StripeDeliveredEvent | (string & {})
  /** `data.object`: the object the event is about. */
  readonly object?: Record<string, unknown>
  readonly previousAttributes?: Record<string, unknown>
  /** The connected account the event happened on (Connect endpoints receive it). */
  readonly account?: string
  readonly id?: string
  readonly apiVersion?: string | null
  readonly createdAt?: Date
  readonly livemode?: boolean
}

/** An `event` object as Stripe delivers it (docs.stripe.com/api/events/object). */
export function stripeEvent(input: StripeEventInput): Record<string, unknown> {
  return {
    id: input.id ?? stripeId('evt'),
    object: 'event',
    ...(input.account === undefined ? {} : { account: input.account }),
    api_version: input.apiVersion ?? null,
    created: Math.floor((input.createdAt ?? new Date()).getTime() / 1000),
    data: { object: input.object ?? {}, ...(input.previousAttributes ? { previous_attributes: input.previousAttributes } : {}) },
    livemode: input.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type,
  }
}

/** A delivery signed as Stripe signs it: the exact body and the headers. */
export interface SignedDelivery {
  /** The exact bytes to send (and to verify). */
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Signs a delivery (an object is serialized once, here) as Stripe does: with every given secret, at
 * `timestamp` (unix seconds, default now).
 */
export function signStripeDelivery(params: {
  readonly payload: string | object
  readonly secret: string | Secret | readonly (string | Secret)[]
  readonly timestamp?: number
}): SignedDelivery {
  const body = typeof params.payload === 'string' ? params.payload : JSON.stringify(params.payload)
  const secrets = (Array.isArray(params.secret) ? params.secret : [params.secret]) as readonly (string | Secret)[]
  const timestamp = params.timestamp ?? Math.floor(Date.now() / 1000)
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // Lower case, as a Node server receives it (the name is case-insensitive on the wire).
      'stripe-signature': stripeSignatureHeader(body, secrets.map(revealSecret), timestamp),
    },
  }
}
