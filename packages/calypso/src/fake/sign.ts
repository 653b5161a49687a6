/**
 * Test helpers that produce deliveries exactly as Calypso sends them: a JSON body in the documented
 * shape, `Key` set to the subscription's public key and `Sign` the hex HMAC-SHA512 of those bytes with
 * its secret key. The fake delivers through them; users test their own receivers with them.
 */

import { revealSecret, type Secret } from '@unihook/core'
import { CALYPSO_SERVICES } from '../events.js'
import { calypsoSign, KEY_HEADER, SIGN_HEADER } from '../signing.js'

/** What `calypsoDeliveryPayload` builds a delivery body from. */
export interface CalypsoDeliveryInput {
  readonly eventType: string
  /** Numeric event id; default 1. */
  readonly id?: number
  /** Default: the service the event name starts with (`PAYOUT_…` gives `PAYOUT`). */
  readonly service?: string
  /** Default `SUCCESS`. */
  readonly level?: string
  /** The delivering subscription's id. */
  readonly requestId?: string
  /** Default: now. */
  readonly createdDate?: Date
  readonly data?: unknown
}

/** Calypso's delivery dates: no time zone (UTC is meant) and microseconds, `2022-03-15T12:13:05.909616`. */
export const deliveryDate = (date: Date) => `${date.toISOString().slice(0, -1)}000`

export const serviceOf = (eventType: string) => CALYPSO_SERVICES.find((s) => eventType.startsWith(`${s}_`))

/** A delivery body in the documented shape. */
export function calypsoDeliveryPayload(input: CalypsoDeliveryInput, now: number = Date.now()): Record<string, unknown> {
  const service = input.service ?? serviceOf(input.eventType)
  return {
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
    id: input.id ?? 1,
    createdDate: deliveryDate(input.createdDate ?? new Date(now)),
    level: input.level ?? 'SUCCESS',
    ...(service === undefined ? {} : { service }),
    eventType: input.eventType,
    data: input.data ?? { type: input.eventType },
  }
}

/** A delivery signed as Calypso signs it: the exact body and the `Key`/`Sign` headers. */
export interface SignedDelivery {
  /** The exact bytes to send (and to verify). */
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** Signs a delivery body (an object is serialized once, here) as Calypso does. */
export function signCalypsoDelivery(
  payload: string | object,
  keys: { readonly publicKey: string | Secret; readonly secretKey: string | Secret },
): SignedDelivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [KEY_HEADER]: revealSecret(keys.publicKey),
      [SIGN_HEADER]: calypsoSign(keys.secretKey, body),
    },
  }
}
