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
  dateFromIsoString,
  defineVerifier,
  eventPrototype,
  type HmacKey,
  hmacKeys,
  isSecret,
  matchHmacHex,
  normalizedEvent,
  type NormalizedEvent,
  refuse,
  type Secret,
  secretList,
  shapeOf,
  signatureHeader,
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

type SecretLookup = (publicKey: string) => readonly HmacKey[]

/**
 * The secrets by public key, checked now: a map of non-empty secrets (or lists of them), loaded once, or
 * a lookup function. An array or a lone string is not a map and is refused.
 */
function secretLookup(secrets: unknown): SecretLookup {
  if (typeof secrets === 'function') return lookedUp(secrets as (publicKey: string) => unknown)
  const isMap = typeof secrets === 'object' && secrets !== null && !Array.isArray(secrets) && !isSecret(secrets)
  const entries = isMap ? Object.entries(secrets) : []
  if (entries.length === 0) throw new TypeError(`${WHERE} must map at least one public key, or be a function (got ${shapeOf(secrets)})`)
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
      return found === undefined || found === null ? [] : hmacKeys('sha512', secretList(WHERE, found))
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
const CALYPSO_EVENT = /* @__PURE__ */ eventPrototype((raw: { readonly createdDate?: unknown }) => dateFromIsoString(raw.createdDate))

function toEvent(payload: Record<string, unknown>): CalypsoDeliveryEvent {
  const delivery = payload as unknown as CalypsoDeliveryEnvelope
  const idOk = typeof delivery.id === 'string' || (typeof delivery.id === 'number' && Number.isFinite(delivery.id))
  if (!idOk || typeof delivery.eventType !== 'string') refuse('payload_not_json', 'the payload is not a Calypso event (no id or eventType)')
  // Fields set one by one rather than spread from temporary objects: this runs on every delivery.
  const event: Draft = {
    provider: PROVIDER,
    id: String(delivery.id),
    type: delivery.eventType,
    data: delivery.data,
    raw: delivery,
  }
  if (optionalText(delivery.service)) event.service = delivery.service
  if (optionalText(delivery.level)) event.level = delivery.level
  if (optionalText(delivery.requestId)) event.subscriptionId = delivery.requestId
  return normalizedEvent(event as CalypsoDeliveryEvent, CALYPSO_EVENT)
}

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
      const key = signatureHeader(headers, KEY_HEADER)
      const signature = signatureHeader(headers, SIGN_HEADER)
      const secrets = secretsFor(key)
      if (secrets.length === 0) refuse('no_secret', `no secret is configured for this ${KEY_HEADER}`, KEY_HEADER)
      return matchHmacHex({ algorithm: 'sha512', signature, body, secrets, header: SIGN_HEADER })
    },
    toEvent,
  })
}
