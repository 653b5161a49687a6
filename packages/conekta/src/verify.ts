/**
 * Verifying Conekta deliveries. Each delivery carries a `digest` header: base64 of an RSASSA-PKCS1-v1_5
 * SHA-256 signature over the raw body bytes, made with the private half of an account key from
 * `/webhook_keys`. Verification needs the raw body (never re-serialized JSON) and the PEM public keys;
 * pass several during a rotation, and a delivery verifies when any of them matches.
 *
 * Also the `@unihook/conekta/verify` entry: it imports only `@unihook/core/verify`.
 *
 * @module @unihook/conekta/verify
 */

import {
  dateFromUnixSeconds,
  defineVerifier,
  eventPrototype,
  matchRsaSha256Base64,
  normalizedEvent,
  refuse,
  rsaPublicKey,
  type RsaPublicKey,
  shapeOf,
  signatureHeader,
  type SpkiExportable,
  type Verifier,
} from '@unihook/core/verify'
import type { ConektaDelivery, ConektaEventEnvelope } from './payloads.js'

export type { ConektaEvent } from './events.js'
export type * from './payloads.js'

/** The header carrying a delivery's RSA-SHA256 signature (base64). */
export const DIGEST_HEADER = 'digest'
const PROVIDER = 'conekta'

/** A PEM public key (`-----BEGIN PUBLIC KEY-----`, from `webhookKeys.create`), or a Node `KeyObject`. */
export type ConektaPublicKey = string | SpkiExportable

/** Settings of `conektaVerifier`. */
export interface ConektaVerifierOptions {
  /** One public key, or several while rotating. */
  readonly publicKeys: ConektaPublicKey | readonly ConektaPublicKey[]
}

/** The verifier `conektaVerifier` returns; its events are `ConektaDelivery`s. */
export type ConektaVerifier = Verifier<'conekta', ConektaDelivery>

/** Loads the keys now: one that does not load is a configuration mistake, better seen at start-up than per delivery. */
function loadKeys(publicKeys: unknown): RsaPublicKey[] {
  const list: unknown[] = Array.isArray(publicKeys) ? publicKeys : [publicKeys]
  if (list.length === 0) throw new TypeError('conektaVerifier(): publicKeys must be a PEM public key or a non-empty list of them (got an empty list)')
  return list.map((key, i) => {
    try {
      return rsaPublicKey(key as ConektaPublicKey)
    } catch {
      throw new TypeError(`conektaVerifier(): publicKeys[${i}] is not an RSA public key in PEM form (got ${shapeOf(key)})`)
    }
  })
}

const CONEKTA_EVENT = /* @__PURE__ */ eventPrototype((raw: { readonly created_at?: unknown }) => dateFromUnixSeconds(raw.created_at))

function toEvent(payload: Record<string, unknown>): ConektaDelivery {
  const event = payload as unknown as ConektaEventEnvelope
  if (typeof event.id !== 'string' || typeof event.type !== 'string') refuse('payload_not_json', 'the payload is not a Conekta event (no id or type)')
  return normalizedEvent({ provider: PROVIDER, id: event.id, type: event.type, data: event.data, raw: event } as ConektaDelivery, CONEKTA_EVENT)
}

/**
 * Verifies Conekta deliveries: the RSA-SHA256 signature in `digest` over the raw body, against the
 * account's webhook public keys, then parses the event. Keys load at construction; one that does not is
 * a `TypeError`.
 */
export function conektaVerifier(options: ConektaVerifierOptions): ConektaVerifier {
  const publicKeys = loadKeys((options as Partial<ConektaVerifierOptions> | undefined)?.publicKeys)
  return defineVerifier({
    provider: PROVIDER,
    signatureHeaders: [DIGEST_HEADER],
    checkSignature: (body, headers) => matchRsaSha256Base64({ signature: signatureHeader(headers, DIGEST_HEADER), body, publicKeys, header: DIGEST_HEADER }),
    toEvent,
  })
}
