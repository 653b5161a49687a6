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
  checkHmacHex,
  defineVerifier,
  type Either,
  type HeadersLike,
  hmacKeys,
  isLeft,
  left,
  mapMaybe,
  normalizedEvent,
  readHeader,
  requireHeader,
  right,
  secretList,
  type SecretOrSecrets,
  sha256Hex,
  verificationError,
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

function toEvent(payload: Record<string, unknown>, id: string): Either<ReturnType<typeof verificationError>, RazorpayDelivery> {
  const envelope = payload as unknown as RazorpayEventEnvelope
  if (typeof envelope.event !== 'string' || envelope.event === '') {
    return left(verificationError(PROVIDER, 'payload_not_json', 'the payload has no `event` name: it is not a Razorpay event'))
  }
  const created = envelope.created_at
  return right(
    normalizedEvent({
      provider: PROVIDER,
      id,
      type: envelope.event,
      ...(typeof created === 'number' && Number.isFinite(created) ? { createdAt: new Date(created * 1000) } : {}),
      ...(typeof envelope.account_id === 'string' ? { account: envelope.account_id } : {}),
      data: envelope.payload,
      raw: envelope,
    } as RazorpayDelivery),
  )
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
    checkSignature: (body, headers) => {
      const signature = requireHeader(PROVIDER, headers, SIGNATURE_HEADER)
      return isLeft(signature)
        ? signature
        : checkHmacHex(PROVIDER, { algorithm: 'sha256', signature: signature.right, body, secrets: keys, header: SIGNATURE_HEADER })
    },
    toEvent: (payload, { body, headers }) => mapMaybe(eventId(headers, body), (id) => toEvent(payload, id)),
  })
}
