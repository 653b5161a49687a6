/**
 * Signing deliveries exactly as Razorpay does, for tests of a receiver (and for the fake's deliveries):
 * hex HMAC-SHA256 of the body bytes with the webhook secret in `X-Razorpay-Signature`, and the event id
 * in `X-Razorpay-Event-Id`.
 */

import { randomBytes } from 'node:crypto'
import { hmacHex, type Secret } from '@unihook/core/verify'
import type { RazorpayEvent, RazorpayEventEnvelope, RazorpayPayload } from './events.js'

export type { RazorpayEventEnvelope } from './events.js'
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from './ids.js'

export interface EventInput {
  readonly event: RazorpayEvent | (string & {})
  readonly account?: string
  /** Entities carried, keyed by name (`{payment: {entity: {...}}}`); `contains` lists their names. */
  readonly payload?: Record<string, unknown>
  readonly createdAt?: Date
}

export function razorpayEvent(input: EventInput): RazorpayEventEnvelope {
  const payload = input.payload ?? {}
  return {
    entity: 'event',
    ...(input.account === undefined ? {} : { account_id: input.account }),
    event: input.event,
    contains: Object.keys(payload),
    payload: payload as RazorpayPayload,
    created_at: Math.floor((input.createdAt ?? new Date()).getTime() / 1000),
  }
}

/** Razorpay event ids look like `evt_` + 14 base62 characters. */
export function razorpayEventId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  return `evt_${Array.from(randomBytes(14), (b) => alphabet[b % 62]).join('')}`
}

export function signRazorpayBody(body: string | Uint8Array, secret: string | Secret): string {
  return hmacHex('sha256', secret, body)
}

export interface SignedDelivery {
  /** The exact bytes to post; verify against these, not a re-serialization. */
  readonly body: string
  readonly headers: Record<string, string>
  readonly eventId: string
}

/**
 * Serializes a payload (an envelope, any object, or a string taken as the exact body) and builds the
 * headers Razorpay sends with it.
 */
export function signRazorpayDelivery(params: {
  readonly payload: RazorpayEventEnvelope | Record<string, unknown> | string
  readonly secret: string | Secret
  readonly eventId?: string
}): SignedDelivery {
  const body = typeof params.payload === 'string' ? params.payload : JSON.stringify(params.payload)
  const eventId = params.eventId ?? razorpayEventId()
  return {
    body,
    eventId,
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signRazorpayBody(body, params.secret),
      [EVENT_ID_HEADER]: eventId,
    },
  }
}
