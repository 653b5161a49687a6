/**
 * Verifying Razorpay deliveries: `X-Razorpay-Signature` is the lowercase hex HMAC-SHA256 of the raw
 * body, keyed with the webhook's secret. After a secret change Razorpay still signs retries of older
 * events with the old secret, so during a rotation both secrets must be accepted.
 */

import { createHash } from 'node:crypto'
import {
  type HeadersLike,
  type NormalizedEvent,
  normalizedEvent,
  parsePayload,
  rawBytes,
  readHeader,
  requireHeader,
  type RawBody,
  type SecretOrSecrets,
  secretList,
  type VerificationError,
  verificationError,
  type Verifier,
  verifyHmacHex,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { RazorpayEvent } from './events.js'
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from './ids.js'
import { PROVIDER } from './mapping.js'

export interface RazorpayVerifierOptions {
  /** The webhook secret, or several during a rotation (old and new). */
  readonly secrets: SecretOrSecrets
}

/**
 * The delivery's event id: `X-Razorpay-Event-Id`, the same on every redelivery. Should it be missing,
 * the SHA-256 of the body stands in, which is equally stable across redeliveries of the same bytes.
 */
function eventId(headers: HeadersLike, body: Uint8Array): string {
  return readHeader(headers, EVENT_ID_HEADER)?.trim() || `sha256:${createHash('sha256').update(body).digest('hex')}`
}

function toEvent(payload: Record<string, unknown>, id: string): E.Either<VerificationError, NormalizedEvent<RazorpayEvent>> {
  const type = payload.event
  if (typeof type !== 'string' || type === '') {
    return E.left(verificationError(PROVIDER, 'payload_not_json', 'the payload has no `event` name: it is not a Razorpay event'))
  }
  const created = payload.created_at
  return E.right(
    normalizedEvent<RazorpayEvent>({
      provider: PROVIDER,
      id,
      type,
      ...(typeof created === 'number' && Number.isFinite(created) ? { createdAt: new Date(created * 1000) } : {}),
      ...(typeof payload.account_id === 'string' ? { account: payload.account_id } : {}),
      data: payload.payload,
      raw: payload,
    }),
  )
}

export function razorpayVerifier(options: RazorpayVerifierOptions): Verifier<RazorpayEvent> {
  const secrets = secretList('razorpayVerifier(): secrets', (options as Partial<RazorpayVerifierOptions> | undefined)?.secrets)
  return {
    provider: PROVIDER,
    signatureHeaders: [SIGNATURE_HEADER],
    verify(body: RawBody, headers: HeadersLike) {
      return pipe(
        rawBytes(PROVIDER, body),
        E.chain((bytes) =>
          pipe(
            requireHeader(PROVIDER, headers, SIGNATURE_HEADER),
            E.chain((signature) => verifyHmacHex(PROVIDER, { algorithm: 'sha256', signature, body: bytes, secrets, header: SIGNATURE_HEADER })),
            E.chain(() => parsePayload(PROVIDER, bytes)),
            E.chain((payload) => toEvent(payload, eventId(headers, bytes))),
          ),
        ),
      )
    },
  }
}
