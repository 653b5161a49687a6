/**
 * Verifying Conekta deliveries. Each delivery carries a `digest` header: base64 of an RSASSA-PKCS1-v1_5
 * SHA-256 signature over the raw body bytes, made with the private half of an account key from
 * `/webhook_keys`. Verification needs the raw body (never re-serialized JSON) and the PEM public keys;
 * pass several during a rotation, and a delivery verifies when any of them matches.
 */

import { createPublicKey, type KeyObject } from 'node:crypto'
import {
  type HeadersLike,
  type NormalizedEvent,
  normalizedEvent,
  parsePayload,
  type RawBody,
  rawBytes,
  shapeOf,
  requireHeader,
  type VerificationError,
  verificationError,
  type Verifier,
  verifyRsaSha256Base64,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { EventPayload } from './codecs.js'
import type { ConektaEvent } from './events.js'

export const DIGEST_HEADER = 'digest'

export interface ConektaVerifierOptions {
  /** PEM public keys (`-----BEGIN PUBLIC KEY-----`, from `webhookKeys.create`) or KeyObjects; several while rotating. */
  readonly publicKeys: string | KeyObject | readonly (string | KeyObject)[]
}

function loadKeys(publicKeys: ConektaVerifierOptions['publicKeys']): KeyObject[] {
  const list = Array.isArray(publicKeys) ? (publicKeys as readonly (string | KeyObject)[]) : [publicKeys as string | KeyObject]
  if (list.length === 0) throw new TypeError('conektaVerifier(): publicKeys must be a PEM public key or a non-empty list of them (got an empty list)')
  // A key that does not load is a configuration mistake: say so now rather than reject every delivery later.
  return list.map((key, i) => {
    try {
      if (typeof key !== 'string' && (typeof key !== 'object' || key === null)) throw new Error('not a key')
      const loaded = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key
      if (loaded.asymmetricKeyType !== 'rsa') throw new Error('not RSA')
      return loaded
    } catch {
      throw new TypeError(`conektaVerifier(): publicKeys[${i}] is not an RSA public key in PEM form (got ${shapeOf(key)})`)
    }
  })
}

export function conektaVerifier(options: ConektaVerifierOptions): Verifier<ConektaEvent> {
  const keys = loadKeys((options as Partial<ConektaVerifierOptions> | undefined)?.publicKeys as ConektaVerifierOptions['publicKeys'])
  const provider = 'conekta'
  return {
    provider,
    signatureHeaders: [DIGEST_HEADER],
    verify(body: RawBody, headers: HeadersLike): E.Either<VerificationError, NormalizedEvent<ConektaEvent>> {
      return pipe(
        rawBytes(provider, body),
        E.chainFirst((bytes) =>
          pipe(
            requireHeader(provider, headers, DIGEST_HEADER),
            E.chain((signature) => verifyRsaSha256Base64(provider, { signature, body: bytes, publicKeys: keys, header: DIGEST_HEADER })),
          ),
        ),
        E.chain((bytes) => parsePayload(provider, bytes)),
        E.chain((payload) =>
          pipe(
            EventPayload.decode(payload),
            E.mapLeft(() => verificationError(provider, 'payload_not_json', 'the signature is valid but the payload is not a Conekta event (it needs a string id and type)')),
            E.map((event) =>
              normalizedEvent<ConektaEvent>({
                provider,
                id: event.id,
                type: event.type,
                ...(event.created_at === undefined ? {} : { createdAt: new Date(event.created_at * 1000) }),
                data: event.data,
                raw: payload,
              }),
            ),
          ),
        ),
      )
    },
  }
}
