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
  isVerificationError,
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
  /** The clock `t` is compared with, in milliseconds (default `Date.now`). */
  readonly now?: () => number
}

/** The verifier `stripeVerifier` returns; its events are `StripeDeliveryEvent`s. */
export type StripeVerifier = Verifier<'stripe', StripeDeliveryEvent>

const TIMESTAMP = /^\d{1,12}$/

/** `t` and the `v1` signatures of a `Stripe-Signature` value; refuses a value without both. */
function readSignature(value: string): { timestamp: string; signatures: string[] } {
  let timestamp: string | undefined
  const signatures: string[] = []
  for (const item of value.split(',')) {
    const at = item.indexOf('=')
    const key = item.slice(0, at).trim()
    if (key === 't' && timestamp === undefined) timestamp = item.slice(at + 1).trim()
    else if (key === 'v1') signatures.push(item.slice(at + 1).trim())
  }
  if (timestamp === undefined || !TIMESTAMP.test(timestamp)) refuse('malformed_signature', `${SIGNATURE_HEADER} has no timestamp (t=…)`, SIGNATURE_HEADER)
  if (signatures.length === 0) refuse('malformed_signature', `${SIGNATURE_HEADER} has no v1 signature`, SIGNATURE_HEADER)
  return { timestamp, signatures }
}

const encoder = /* @__PURE__ */ new TextEncoder()

/** `<t>.<body>`, the bytes Stripe signs: text stays text; bytes are copied once behind the prefix. */
function signedPayload(timestamp: string, body: BodyData): BodyData {
  if (typeof body === 'string') return `${timestamp}.${body}`
  const prefix = encoder.encode(`${timestamp}.`)
  const joined = new Uint8Array(prefix.length + body.length)
  joined.set(prefix)
  joined.set(body, prefix.length)
  return joined
}

/** Whether one `v1` matches under any key: a refusal is a `false`, anything else thrown stays a defect. */
function matches(check: () => MaybePromise<void>): MaybePromise<boolean> {
  const refused = (error: unknown) => {
    if (isVerificationError(error)) return false
    throw error
  }
  try {
    const result = check()
    return result instanceof Promise ? result.then(() => true, refused) : true
  } catch (error) {
    return refused(error)
  }
}

function checkSignature(keys: readonly HmacKey[], toleranceMs: number, now: () => number) {
  return (body: BodyData, headers: HeadersLike): MaybePromise<void> => {
    const { timestamp, signatures } = readSignature(signatureHeader(headers, SIGNATURE_HEADER))
    const payload = signedPayload(timestamp, body)
    // Every signature is checked, so the time taken does not tell which one matched.
    const outcomes = signatures.map((signature) =>
      matches(() => matchHmacHex({ algorithm: 'sha256', signature, body: payload, secrets: keys, header: SIGNATURE_HEADER })),
    )
    const settled = outcomes.some((o) => o instanceof Promise) ? Promise.all(outcomes) : (outcomes as boolean[])
    return mapMaybe(settled, (all) => {
      if (!all.includes(true)) {
        const wellFormed = signatures.some((s) => /^[0-9a-f]{64}$/i.test(s))
        refuse(
          wellFormed ? 'signature_mismatch' : 'malformed_signature',
          `${SIGNATURE_HEADER} ${wellFormed ? 'has no v1 matching the body for any configured secret' : 'v1 must be 64 hex characters'}`,
          SIGNATURE_HEADER,
        )
      }
      const skewMs = Math.abs(now() - Number(timestamp) * 1000)
      if (skewMs > toleranceMs) {
        refuse(
          'timestamp_out_of_tolerance',
          `the delivery timestamp is ${Math.round(skewMs / 1000)} s away from now (tolerance ${toleranceMs / 1000} s)`,
          SIGNATURE_HEADER,
        )
      }
    })
  }
}

/** Any Stripe delivery, before it is told apart by type. */
type LooseDelivery = NormalizedEvent<string, unknown, StripeEventEnvelope, 'stripe'>
type Draft = { -readonly [K in keyof LooseDelivery]: LooseDelivery[K] }

const STRIPE_EVENT = /* @__PURE__ */ eventPrototype((raw: { readonly created?: unknown }) => dateFromUnixSeconds(raw.created))

function toEvent(payload: Record<string, unknown>): StripeDeliveryEvent {
  const envelope = payload as unknown as StripeEventEnvelope
  if (typeof envelope.id !== 'string' || typeof envelope.type !== 'string') refuse('payload_not_json', 'the payload is not a Stripe event (no id or type)')
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
  if (typeof tolerance !== 'number' || !(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new TypeError('stripeVerifier(): toleranceSeconds must be a positive number of seconds')
  }
  const now = given?.now ?? Date.now
  if (typeof now !== 'function') throw new TypeError('stripeVerifier(): now must be a function returning milliseconds')
  return defineVerifier({
    provider: PROVIDER,
    signatureHeaders: [SIGNATURE_HEADER],
    checkSignature: checkSignature(keys, tolerance * 1000, now),
    toEvent,
  })
}
