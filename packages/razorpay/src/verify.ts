/**
 * Verifying Razorpay deliveries: `X-Razorpay-Signature` is the lowercase hex HMAC-SHA256 of the raw
 * body, keyed with the webhook's secret. After a secret change Razorpay still signs retries of older
 * events with the old secret, so during a rotation both secrets must be accepted.
 *
 * Also the `@unihook/razorpay/verify` entry: it imports only `@unihook/core/verify`, so a receiving
 * endpoint bundles no HTTP client and no codec library.
 *
 * @module @unihook/razorpay/verify
 */

import {
  dateFromUnixSeconds,
  defineVerifier,
  eventPrototype,
  type HeadersLike,
  hmacKeys,
  mapMaybe,
  matchHmacHex,
  normalizedEvent,
  type NormalizedEvent,
  readHeader,
  refuse,
  secretList,
  type SecretOrSecrets,
  sha256Hex,
  signatureHeader,
  type Verifier,
} from '@unihook/core/verify'
import type { RazorpayDelivery, RazorpayEventEnvelope } from './payloads.js'
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from './ids.js'

export type { RazorpayEvent } from './events.js'
export type * from './payloads.js'
export { EVENT_ID_HEADER, SIGNATURE_HEADER } from './ids.js'

const PROVIDER = 'razorpay'

/** Settings of `razorpayVerifier`. */
export interface RazorpayVerifierOptions {
  /** The webhook secret, or several during a rotation (old and new). A lone string is one secret. */
  readonly secrets: SecretOrSecrets
}

/** The verifier `razorpayVerifier` returns; its events are `RazorpayDelivery`s. */
export type RazorpayVerifier = Verifier<'razorpay', RazorpayDelivery>

/**
 * The delivery's event id: `X-Razorpay-Event-Id`, the same on every redelivery. Should it be missing,
 * the SHA-256 of the body stands in, which is equally stable across redeliveries of the same bytes.
 */
function eventId(headers: HeadersLike, body: string | Uint8Array) {
  const id = readHeader(headers, EVENT_ID_HEADER)?.trim()
  return id || mapMaybe(sha256Hex(body), (hash) => `sha256:${hash}`)
}

const RAZORPAY_EVENT = /* @__PURE__ */ eventPrototype((raw: { readonly created_at?: unknown }) => dateFromUnixSeconds(raw.created_at))

function toEvent(payload: Record<string, unknown>, id: string): RazorpayDelivery {
  const envelope = payload as unknown as RazorpayEventEnvelope
  if (typeof envelope.event !== 'string' || envelope.event === '') refuse('payload_not_json', 'the payload is not a Razorpay event (no event name)')
  // Fields set one by one rather than spread from temporary objects: this runs on every delivery.
  const event: { -readonly [K in keyof NormalizedEvent]: NormalizedEvent[K] } = {
    provider: PROVIDER,
    id,
    type: envelope.event,
    data: envelope.payload,
    raw: envelope,
  }
  if (typeof envelope.account_id === 'string') event.account = envelope.account_id
  return normalizedEvent(event as RazorpayDelivery, RAZORPAY_EVENT)
}

/**
 * Verifies Razorpay deliveries: the HMAC-SHA256 of the raw body with the webhook secret against
 * `X-Razorpay-Signature`, then parses the envelope. Secrets are checked at construction (a bad one is a
 * `TypeError` that never shows it).
 */
export function razorpayVerifier(options: RazorpayVerifierOptions): RazorpayVerifier {
  const keys = hmacKeys('sha256', secretList('razorpayVerifier(): secrets', (options as Partial<RazorpayVerifierOptions> | undefined)?.secrets))
  return defineVerifier({
    provider: PROVIDER,
    signatureHeaders: [SIGNATURE_HEADER],
    checkSignature: (body, headers) =>
      matchHmacHex({ algorithm: 'sha256', signature: signatureHeader(headers, SIGNATURE_HEADER), body, secrets: keys, header: SIGNATURE_HEADER }),
    toEvent: (payload, { body, headers }) => mapMaybe(eventId(headers, body), (id) => toEvent(payload, id)),
  })
}
