/**
 * Test helpers that sign a delivery exactly as Conekta does, so users can test their own receivers:
 * an RSA-2048 key pair like the ones `/webhook_keys` makes, and a `digest` header over the raw body.
 */

import { createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto'
import type { ConektaEvent } from './events.js'

/** An RSA key pair like the ones Conekta signs deliveries with. */
export interface ConektaKeyPair {
  /** PEM SPKI (`-----BEGIN PUBLIC KEY-----`), the form `/webhook_keys` hands out. */
  readonly publicKey: string
  /** PEM PKCS#8. Conekta never hands this out; tests sign with it. */
  readonly privateKey: string
}

/** Makes a 2048-bit RSA key pair in PEM, for signing test deliveries. */
export function generateConektaKeyPair(): ConektaKeyPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}

/** The `digest` header value: base64 RSA-SHA256 (PKCS#1 v1.5) over the exact body bytes. */
export function signConektaPayload(body: string | Uint8Array, privateKey: string | KeyObject): string {
  return createSign('RSA-SHA256').update(body).sign(privateKey, 'base64')
}

/** What `conektaEvent` builds an event from. */
export interface ConektaEventInput {
  readonly type: ConektaEvent | (string & {})
  readonly data?: unknown
  readonly id?: string
  readonly createdAt?: Date
  readonly livemode?: boolean
}

/** An event in Conekta's delivery shape (`object: "event"`, unix-second `created_at`). */
export function conektaEvent(input: ConektaEventInput): Record<string, unknown> {
  const livemode = input.livemode ?? false
  return {
    id: input.id ?? randomBytes(12).toString('hex'),
    object: 'event',
    type: input.type,
    livemode,
    created_at: Math.floor((input.createdAt ?? new Date()).getTime() / 1000),
    data: input.data ?? { object: {}, previous_attributes: {} },
    webhook_status: 'pending',
    webhook_logs: [],
  }
}

/** A delivery signed as Conekta signs it: the exact body and the `digest` header. */
export interface SignedDelivery {
  /** The raw body to send. */
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** A delivery ready to POST to a receiver: the serialized event and its `digest` header. */
export function signedConektaDelivery(event: ConektaEventInput | string, privateKey: string | KeyObject): SignedDelivery {
  const body = typeof event === 'string' ? event : JSON.stringify(conektaEvent(event))
  return { body, headers: { 'content-type': 'application/json', digest: signConektaPayload(body, privateKey) } }
}
