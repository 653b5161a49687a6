/**
 * Verifying Calypso's deliveries. Each delivery carries `Key` (the subscription's `publicKey`) and `Sign`
 * (lowercase hex HMAC-SHA512 of the raw body, keyed with that subscription's `secretKey`). The verifier
 * picks the secrets by `Key`, so one endpoint can serve many subscriptions, and during a key regeneration
 * a key may map to several secrets.
 *
 * Deliveries carry no signed timestamp, and Calypso retries a delivery for about 34 hours, so there is no
 * freshness window to check: de-duplicate by the event `id` instead.
 *
 * Also the `@unihook/calypso/verify` entry: it imports only `@unihook/core/verify`.
 *
 * @module @unihook/calypso/verify
 */

import {
  checkHmacHex,
  defineVerifier,
  type Either,
  type HmacKey,
  hmacKeys,
  isLeft,
  isSecret,
  left,
  normalizedEvent,
  type NormalizedEvent,
  requireHeader,
  right,
  type Secret,
  secretList,
  shapeOf,
  type VerificationError,
  verificationError,
  type Verifier,
} from '@unihook/core/verify'
import type { CalypsoDeliveryEnvelope, CalypsoDeliveryEvent, CalypsoDeliveryFields } from './payloads.js'
import { KEY_HEADER, SIGN_HEADER } from './signing.js'

export type { CalypsoEvent, CalypsoLevel, CalypsoService } from './events.js'
export type * from './payloads.js'
export { KEY_HEADER, SIGN_HEADER } from './signing.js'

const PROVIDER = 'calypso'

type SecretValues = string | Secret | readonly (string | Secret)[]

/**
 * The delivery secrets by public key: `{ [webhook.secret.keyId]: webhook.secret.value }`, with an array
 * while old and new keys overlap; or a function that looks them up (say, in a database).
 */
export type CalypsoSecrets = Readonly<Record<string, SecretValues>> | ((publicKey: string) => SecretValues | undefined)

/**
 * Settings of `calypsoVerifier`: the subscriptions' signing secrets, by the public key Calypso names in
 * the `Key` header.
 */
export interface CalypsoVerifierOptions {
  readonly secrets: CalypsoSecrets
}

/** The verifier `calypsoVerifier` returns; its events are `CalypsoDeliveryEvent`s. */
export type CalypsoVerifier = Verifier<'calypso', CalypsoDeliveryEvent>

const WHERE = 'calypsoVerifier(): secrets'

type SecretLookup = (publicKey: string) => readonly (string | Secret | HmacKey)[]

/**
 * The secrets by public key, checked now: a map of non-empty secrets (or lists of them), loaded once, or
 * a lookup function. An array or a lone string is not a map and is refused.
 */
function secretLookup(secrets: unknown): SecretLookup {
  if (typeof secrets === 'function') return lookedUp(secrets as (publicKey: string) => unknown)
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets) || isSecret(secrets)) {
    throw new TypeError(`${WHERE} must map public keys to secret keys, or be a lookup function (got ${shapeOf(secrets)})`)
  }
  const entries = Object.entries(secrets)
  if (entries.length === 0) throw new TypeError(`${WHERE} must hold at least one public key (got an empty object)`)
  // A Map, so a `Key` such as `constructor` finds nothing rather than a prototype member.
  const loaded = new Map(entries.map(([key, value]) => [key, hmacKeys('sha512', secretList(`${WHERE}[${JSON.stringify(key)}]`, value))]))
  return (key) => loaded.get(key) ?? []
}

/** What a lookup function returns is checked like the map's values, per delivery. */
const lookedUp =
  (lookup: (publicKey: string) => unknown): SecretLookup =>
  (key) => {
    try {
      const found = lookup(key)
      return found === undefined || found === null ? [] : secretList(WHERE, found)
    } catch {
      // A lookup that fails or returns junk for one key must not crash the endpoint: that delivery has no usable secret.
      return []
    }
  }

/** Any Calypso delivery, before it is told apart by event type. */
type LooseDelivery = NormalizedEvent<string, unknown, CalypsoDeliveryEnvelope, 'calypso'> & CalypsoDeliveryFields

/** The delivery with its fields writable, as `toEvent` assembles it before freezing. */
type Draft = { -readonly [K in keyof LooseDelivery]: LooseDelivery[K] }

const optionalText = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** `createdDate` carries no zone and means UTC; a date that does not parse is left out. */
function deliveryDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const date = new Date(HAS_ZONE.test(value) ? value : `${value}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

const HAS_ZONE = /(Z|[+-]\d\d:?\d\d)$/i

function toEvent(payload: Record<string, unknown>): Either<VerificationError, CalypsoDeliveryEvent> {
  const delivery = payload as unknown as CalypsoDeliveryEnvelope
  const idOk = typeof delivery.id === 'string' || (typeof delivery.id === 'number' && Number.isFinite(delivery.id))
  if (!idOk || typeof delivery.eventType !== 'string') {
    return left(verificationError(PROVIDER, 'payload_not_json', 'the payload is not a Calypso delivery (no id or eventType)'))
  }
  // Fields set one by one rather than spread from temporary objects: this runs on every delivery.
  const event: Draft = {
    provider: PROVIDER,
    id: String(delivery.id),
    type: delivery.eventType,
    data: delivery.data,
    raw: delivery,
  }
  const createdAt = deliveryDate(delivery.createdDate)
  if (createdAt) event.createdAt = createdAt
  if (optionalText(delivery.service)) event.service = delivery.service
  if (optionalText(delivery.level)) event.level = delivery.level
  if (optionalText(delivery.requestId)) event.subscriptionId = delivery.requestId
  return right(normalizedEvent(event as CalypsoDeliveryEvent))
}

const NO_SECRET = 'no secret is configured for this Key (a subscription created or re-keyed since the secrets were loaded?)'

/**
 * Verifies Calypso deliveries: looks up the secret for the `Key` header, checks `Sign` (HMAC-SHA512 of
 * the raw body), then parses the body. Secrets are checked at construction; a bad one is a `TypeError`
 * that never shows it.
 */
export function calypsoVerifier(options: CalypsoVerifierOptions): CalypsoVerifier {
  const secretsFor = secretLookup((options as Partial<CalypsoVerifierOptions> | undefined)?.secrets)
  return defineVerifier({
    provider: PROVIDER,
    signatureHeaders: [KEY_HEADER, SIGN_HEADER],
    checkSignature: (body, headers) => {
      const key = requireHeader(PROVIDER, headers, KEY_HEADER)
      if (isLeft(key)) return key
      const signature = requireHeader(PROVIDER, headers, SIGN_HEADER)
      if (isLeft(signature)) return signature
      const secrets = secretsFor(key.right)
      if (secrets.length === 0) return left(verificationError(PROVIDER, 'no_secret', NO_SECRET, KEY_HEADER))
      return checkHmacHex(PROVIDER, { algorithm: 'sha512', signature: signature.right, body, secrets, header: SIGN_HEADER })
    },
    toEvent,
  })
}
