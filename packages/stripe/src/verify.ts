/**
 * Verifying Stripe deliveries. `Stripe-Signature` carries `t=<unix seconds>` and one `v1=<hex>` per
 * signing secret (two while a secret rolled in the Dashboard still signs); a delivery verifies when any
 * `v1` is the HMAC-SHA256 of `<t>.<raw body>` under any configured secret, and `t` is within the
 * tolerance of now (300 s by default, as Stripe's libraries use). Other schemes (`v0`) are ignored.
 *
 * Also the `@unihook/stripe/verify` entry: it imports only `@unihook/core/verify`.
 *
 * @module @unihook/stripe/verify
 */

import {
  dateFromUnixSeconds,
  defineVerifier,
  eventPrototype,
  type HeadersLike,
  type HmacKey,
  hmacKeys,
  mapMaybe,
  matchHmacHex,
  normalizedEvent,
  type NormalizedEvent,
  refuse,
  secretList,
  type SecretOrSecrets,
  signatureHeader,
  type Verifier,
} from '@unihook/core/verify'
import type { StripeDeliveryEvent, StripeEventEnvelope } from './payloads.js'
import { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER } from './signing.js'

export type { StripeDeliveredEvent, StripeEvent } from './events.js'
export type * from './payloads.js'
export { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER } from './signing.js'

const PROVIDER = 'stripe'

type BodyData = string | Uint8Array
type MaybePromise<T> = T | Promise<T>

/** Settings of `stripeVerifier`. */
export interface StripeVerifierOptions {
  /** The endpoint's `whsec_…` secret, or several (the rolled and the new one, or several endpoints'). */
  readonly secrets: SecretOrSecrets
  /** How far `t` may be from now, either way, in seconds (default 300). */
  readonly toleranceSeconds?: number
}

/** The verifier `stripeVerifier` returns; its events are `StripeDeliveryEvent`s. */
export type StripeVerifier = Verifier<'stripe', StripeDeliveryEvent>

// Stripe writes `t=…,v1=…` without spaces.
const TIMESTAMP = /\bt=(\d+)/
// Only a `v1` of 64 hex characters can be a signature; any other is left out. Matched with its `v1=`,
// which is sliced off: a lookbehind made reading the header take twice as long.
const V1 = /\bv1=[0-9a-fA-F]{64}\b/g
/**
 * Refuses unless one of the signatures over `<t>.<body>` (the prefix is MACed ahead of the body, which is
 * never copied), tried in turn, matches under any key: each refusal moves on to the
 * next, and the last one's refusal is the answer. Synchronous under Node.
 */
function matchAny(keys: readonly HmacKey[], signatures: readonly string[], prefix: string, body: BodyData, from = 0): MaybePromise<void> {
  const more = from + 1 < signatures.length
  try {
    const checked = matchHmacHex({ algorithm: 'sha256', signature: signatures[from]!, prefix, body, secrets: keys, header: SIGNATURE_HEADER })
    return checked && more ? checked.catch(() => matchAny(keys, signatures, prefix, body, from + 1)) : checked
  } catch (refusal) {
    if (more) return matchAny(keys, signatures, prefix, body, from + 1)
    throw refusal
  }
}

function checkSignature(keys: readonly HmacKey[], toleranceMs: number) {
  return (body: BodyData, headers: HeadersLike): MaybePromise<void> => {
    const value = signatureHeader(headers, SIGNATURE_HEADER)
    const timestamp = TIMESTAMP.exec(value)?.[1]
    const signatures = (value.match(V1) ?? []).map((found) => found.slice(3))
    if (!timestamp || signatures.length === 0) refuse('malformed_signature', `${SIGNATURE_HEADER} lacks t= or v1=`, SIGNATURE_HEADER)
    return mapMaybe(matchAny(keys, signatures, `${timestamp}.`, body), () => {
      const skewMs = Math.abs(Date.now() - Number(timestamp) * 1000)
      if (skewMs > toleranceMs) refuse('timestamp_out_of_tolerance', `t= is ${Math.round(skewMs / 1000)} s off`, SIGNATURE_HEADER)
    })
  }
}

/** Any Stripe delivery, before it is told apart by type. */
type LooseDelivery = NormalizedEvent<string, unknown, StripeEventEnvelope, 'stripe'>
type Draft = { -readonly [K in keyof LooseDelivery]: LooseDelivery[K] }

const STRIPE_EVENT = /* @__PURE__ */ eventPrototype((raw: { readonly created?: unknown }) => dateFromUnixSeconds(raw.created))

function toEvent(payload: Record<string, unknown>): StripeDeliveryEvent {
  const envelope = payload as unknown as StripeEventEnvelope
  if (typeof envelope.id !== 'string' || typeof envelope.type !== 'string') refuse('payload_not_json', 'not a Stripe event')
  // Fields set one by one rather than spread from temporary objects: this runs on every delivery.
  const event: Draft = { provider: PROVIDER, id: envelope.id, type: envelope.type, data: envelope.data?.object, raw: envelope }
  if (typeof envelope.account === 'string') event.account = envelope.account
  return normalizedEvent(event as StripeDeliveryEvent, STRIPE_EVENT)
}

/**
 * Verifies Stripe deliveries: reads `Stripe-Signature`, checks its `v1` signatures against the secrets
 * and its timestamp against the tolerance, then parses the event; `event.data` is `data.object`. Secrets
 * and settings are checked at construction; a bad one is a `TypeError` that never shows it.
 */
export function stripeVerifier(options: StripeVerifierOptions): StripeVerifier {
  const given = options as Partial<StripeVerifierOptions> | undefined
  const keys = hmacKeys('sha256', secretList('stripeVerifier(): secrets', given?.secrets))
  const tolerance = given?.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS
  // A positive finite number (`x * 0` is `NaN` for infinities and for what is not a number).
  if (!(tolerance > 0 && tolerance * 0 === 0)) throw new TypeError('stripeVerifier(): toleranceSeconds')
  return defineVerifier({
    provider: PROVIDER,
    signatureHeaders: [SIGNATURE_HEADER],
    checkSignature: checkSignature(keys, tolerance * 1000),
    toEvent,
  })
}
