/**
 * Verifying Calypso's deliveries. Each delivery carries `Key` (the subscription's `publicKey`) and `Sign`
 * (lowercase hex HMAC-SHA512 of the raw body, keyed with that subscription's `secretKey`). The verifier
 * picks the secrets by `Key`, so one endpoint can serve many subscriptions, and during a key regeneration
 * a key may map to several secrets.
 *
 * Deliveries carry no signed timestamp, and Calypso retries a delivery for about 34 hours, so there is no
 * freshness window to check: de-duplicate by the event `id` instead.
 */

import {
  decodeWith,
  type HeadersLike,
  type NormalizedEvent,
  normalizedEvent,
  parsePayload,
  rawBytes,
  type RawBody,
  requireHeader,
  type Secret,
  type VerificationError,
  verificationError,
  type Verifier,
  verifyHmacHex,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { Delivery } from './codecs.js'
import type { CalypsoEvent, CalypsoLevel, CalypsoService } from './events.js'
import { PROVIDER } from './mapping.js'
import { KEY_HEADER, SIGN_HEADER } from './signing.js'

type SecretValues = string | Secret | readonly (string | Secret)[]

/**
 * The delivery secrets by public key: `{ [webhook.secret.keyId]: webhook.secret.value }`, with an array
 * while old and new keys overlap; or a function that looks them up (say, in a database).
 */
export type CalypsoSecrets = Readonly<Record<string, SecretValues>> | ((publicKey: string) => SecretValues | undefined)

export interface CalypsoVerifierOptions {
  readonly secrets: CalypsoSecrets
}

/** A verified Calypso delivery. */
export interface CalypsoDeliveryEvent extends NormalizedEvent<CalypsoEvent> {
  /** The service group (`INVOICE`, `PAYOUT`, …). */
  readonly service?: CalypsoService | (string & {})
  readonly level?: CalypsoLevel | (string & {})
  /** The subscription that delivered it (its `requestId`). */
  readonly subscriptionId?: string
}

export interface CalypsoVerifier extends Verifier<CalypsoEvent> {
  verify(body: RawBody, headers: HeadersLike): E.Either<VerificationError, CalypsoDeliveryEvent>
}

const secretsFor = (secrets: CalypsoSecrets, key: string): readonly (string | Secret)[] => {
  const found = typeof secrets === 'function' ? secrets(key) : Object.prototype.hasOwnProperty.call(secrets, key) ? secrets[key] : undefined
  if (found === undefined) return []
  return typeof found === 'string' || !Array.isArray(found) ? [found as string | Secret] : found
}

export function calypsoVerifier(options: CalypsoVerifierOptions): CalypsoVerifier {
  if (!options?.secrets) throw new TypeError('calypsoVerifier(): secrets are required')
  return {
    provider: PROVIDER,
    signatureHeaders: [KEY_HEADER, SIGN_HEADER],
    verify: (body, headers) =>
      pipe(
        E.Do,
        E.apS('bytes', rawBytes(PROVIDER, body)),
        E.apS('key', requireHeader(PROVIDER, headers, KEY_HEADER)),
        E.apS('signature', requireHeader(PROVIDER, headers, SIGN_HEADER)),
        E.chainFirst(({ bytes, key, signature }) => {
          const secrets = secretsFor(options.secrets, key)
          if (secrets.length === 0) {
            return E.left(
              verificationError(PROVIDER, 'no_secret', 'no secret is configured for the Key of this delivery (a subscription created or re-keyed since the secrets were loaded?)', KEY_HEADER),
            )
          }
          return verifyHmacHex(PROVIDER, { algorithm: 'sha512', signature, body: bytes, secrets, header: SIGN_HEADER })
        }),
        E.chain(({ bytes }) => parsePayload(PROVIDER, bytes)),
        E.chain((payload) =>
          pipe(
            decodeWith(Delivery, payload),
            E.mapLeft((issues) =>
              verificationError(PROVIDER, 'payload_not_json', `the signed payload is not a Calypso delivery: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`),
            ),
            E.map((delivery) => {
              const event: CalypsoDeliveryEvent = {
                provider: PROVIDER,
                id: String(delivery.id),
                type: delivery.eventType,
                ...(delivery.createdDate ? { createdAt: delivery.createdDate } : {}),
                ...(delivery.service ? { service: delivery.service } : {}),
                ...(delivery.level ? { level: delivery.level } : {}),
                ...(delivery.requestId ? { subscriptionId: delivery.requestId } : {}),
                data: delivery.data,
                raw: payload,
              }
              return normalizedEvent(event) as CalypsoDeliveryEvent
            }),
          ),
        ),
      ),
  }
}
