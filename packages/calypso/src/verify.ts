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
  isSecret,
  type NormalizedEvent,
  normalizedEvent,
  parsePayload,
  rawBytes,
  type RawBody,
  requireHeader,
  type Secret,
  secretList,
  shapeOf,
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

const WHERE = 'calypsoVerifier(): secrets'

/**
 * The secrets by public key, checked now: a map of non-empty secrets (or lists of them), or a lookup
 * function. An array or a lone string is not a map and is refused.
 */
function checkSecrets(secrets: unknown): CalypsoSecrets {
  if (typeof secrets === 'function') return secrets as CalypsoSecrets
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets) || isSecret(secrets)) {
    throw new TypeError(`${WHERE} must map each subscription's public key to its secret key, or be a lookup function (got ${shapeOf(secrets)})`)
  }
  const entries = Object.entries(secrets)
  if (entries.length === 0) throw new TypeError(`${WHERE} must hold at least one public key (got an empty object)`)
  return Object.freeze(Object.fromEntries(entries.map(([key, value]) => [key, secretList(`${WHERE}[${JSON.stringify(key)}]`, value)])))
}

/** The secrets for a delivery's `Key`; what a lookup function returns is checked like the map's values. */
const secretsFor = (secrets: CalypsoSecrets, key: string): readonly (string | Secret)[] => {
  const found = typeof secrets === 'function' ? secrets(key) : Object.prototype.hasOwnProperty.call(secrets, key) ? secrets[key] : undefined
  if (found === undefined || found === null) return []
  try {
    return secretList(WHERE, found)
  } catch {
    // A lookup that returns junk for one key must not crash the endpoint: the delivery has no usable secret.
    return []
  }
}

export function calypsoVerifier(options: CalypsoVerifierOptions): CalypsoVerifier {
  const byKey = checkSecrets((options as Partial<CalypsoVerifierOptions> | undefined)?.secrets)
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
          const secrets = secretsFor(byKey, key)
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
