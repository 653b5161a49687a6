/**
 * Verifying incoming deliveries: the vocabulary of failures (one reason per step), the normalized
 * event, and the primitives (raw-body handling, header reading, HMAC and RSA checks) each adapter's
 * verifier is assembled from with `defineVerifier`.
 *
 * Runs on Web Crypto and standard globals alone; under Node the `#crypto` import picks `node:crypto`
 * instead (see crypto.ts). Verification is asynchronous, in the library's one shape: `verify` returns a
 * `TaskEither`, and `verifyOrThrow` is the one-call form for code without fp-ts.
 */

import * as backend from '#crypto'
import * as E from './either.js'
import type { TaskEither } from 'fp-ts/TaskEither'
import { hidesField, INSPECT, REDACTED, redactUrl, revealSecret, type Secret } from '../secret.js'
import type { BodyData, HmacAlgorithm, LoadedKey, MaybePromise } from './crypto.js'
import { shapeOf } from './inputs.js'

export type { HmacAlgorithm } from './crypto.js'

/** The machine-readable cause of a `VerificationError`. */
export type VerificationReason =
  | 'missing_header'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance'
  | 'no_secret'
  | 'body_not_raw'
  | 'payload_not_json'

/**
 * Why a delivery did not verify: a plain tagged value (never a throw), with a `reason` code and a
 * message that holds no secret or signature.
 */
export interface VerificationError {
  readonly _tag: 'VerificationError'
  readonly provider: string
  readonly reason: VerificationReason
  readonly message: string
  /** The header the step looked at, where one was involved. */
  readonly header?: string
}

/** Makes a frozen `VerificationError`. */
export function verificationError(provider: string, reason: VerificationReason, message: string, header?: string): VerificationError {
  return Object.freeze({ _tag: 'VerificationError' as const, provider, reason, message, ...(header ? { header } : {}) })
}

/**
 * Recognises a verification error by its tag, whether the plain value of a `Left` or the
 * `VerificationFailure` that `verifyOrThrow` rejects with, from any copy of core (ESM and CJS copies in
 * one process do not share classes, so `instanceof` alone would miss them).
 */
export function isVerificationError(value: unknown): value is VerificationError {
  return typeof value === 'object' && value !== null && (value as { _tag?: unknown })._tag === 'VerificationError'
}

/** What `verifyOrThrow` rejects with: an `Error` carrying the verification error's fields. */
export class VerificationFailure extends Error implements VerificationError {
  override readonly name = 'VerificationFailure'
  declare readonly _tag: 'VerificationError'
  declare readonly provider: string
  declare readonly reason: VerificationReason
  declare readonly header?: string
  constructor(error: VerificationError) {
    super(error.message)
    // The error's own fields (`_tag`, `provider`, `reason`, `header` when there is one), as they are.
    Object.assign(this, error)
  }
}

/** A verified delivery, the same shape for every provider. */
export interface NormalizedEvent<T extends string = string, Data = unknown, Raw = unknown, P extends string = string> {
  readonly provider: P
  /** The provider's event id, for de-duplication (deliveries are at least once). */
  readonly id: string
  /** The event name: one of the provider's catalog, or a newer name the catalog does not know yet. */
  readonly type: T | (string & {})
  /** When the event happened, where the provider says: read from `raw` at verification (undefined when it says nothing). */
  readonly createdAt?: Date
  /** The account the event belongs to, where the provider says. */
  readonly account?: string
  readonly data: Data
  /** The whole parsed payload, typed as the provider's delivery envelope. */
  readonly raw: Raw
}

/** Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain record. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>

/** The body exactly as received: text or bytes (a Node `Buffer` is a `Uint8Array`). A parsed object cannot be verified. */
export type RawBody = string | Uint8Array | ArrayBuffer

/**
 * Checks deliveries of one provider. Made by each adapter (`razorpayVerifier`, `conektaVerifier`,
 * `calypsoVerifier`) and combined by `createReceiver`.
 */
export interface Verifier<
  P extends string = string,
  Event extends NormalizedEvent<string, unknown, unknown, P> = NormalizedEvent<string, unknown, unknown, P>,
> {
  readonly provider: P
  /** The headers whose presence says a delivery is this provider's, checked by the receiver. */
  readonly signatureHeaders: readonly string[]
  /** Checks the signature over the raw body, then parses and normalizes the delivery. */
  verify(body: RawBody, headers: HeadersLike): TaskEither<VerificationError, Event>
}

/** The event a verifier yields. */
export type VerifiedEventOf<V> = V extends Verifier<string, infer Event> ? Event : never

/** Verifies a delivery, resolving with the event or rejecting with a `VerificationFailure`: for code without fp-ts. */
export async function verifyOrThrow<Event extends NormalizedEvent>(verifier: Verifier<string, Event>, body: RawBody, headers: HeadersLike): Promise<Event> {
  const result = await verifier.verify(body, headers)()
  if (E.isLeft(result)) throw new VerificationFailure(result.left)
  return result.right
}

/**
 * Header names in lowercase, kept per name (verifiers read a few fixed ones): a name lowercased afresh for
 * every delivery is a new string, and a property looked up by a new string cost more than the rest of
 * reading the header.
 */
const LOWERCASE: Record<string, string> = /* @__PURE__ */ Object.create(null)

/** The header's value exactly as given (any type: a plain record may hold anything), or undefined. */
function headerValue(headers: HeadersLike | null | undefined, name: string): unknown {
  // No headers object at all (a caller's mistake) means the header is missing, not a crash.
  if (headers === null || typeof headers !== 'object') return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, unknown>
  // Node lowercases header names, so the direct lookup usually hits; other spellings are searched.
  const wanted = (LOWERCASE[name] ??= name.toLowerCase())
  if (record[wanted] !== undefined) return record[wanted]
  for (const key of Object.keys(record)) if (key.toLowerCase() === wanted) return record[key]
  return undefined
}

/** A header's text. A list of one (a repeated-header shape with a single value) counts as that value. */
const headerText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' ? value[0] : undefined

/** Whether a header is present at all, whatever its value; the receiver picks verifiers by this. */
export function hasHeader(headers: HeadersLike | null | undefined, name: string): boolean {
  return headerValue(headers, name) != null
}

/** A header's text, or undefined when it is missing or not text (a number, an object, several values). */
export function readHeader(headers: HeadersLike | null | undefined, name: string): string | undefined {
  return headerText(headerValue(headers, name))
}

/**
 * Refuses a delivery from a step of `defineVerifier` (`checkSignature`, `toEvent`): it throws, and the
 * verifier answers the `Left` of a `VerificationError` naming its provider. Nothing thrown this way
 * leaves a verifier. Steps refuse rather than return `Either`s, so that each step stays one expression
 * and a verification allocates nothing for the steps that pass.
 */
export function refuse(reason: VerificationReason, message: string, header?: string): never {
  // The provider is filled in by whoever catches it: `defineVerifier`, or a primitive's `Either` form.
  throw verificationError('', reason, message, header)
}

/** Runs a step, answering its value as a `Right` and its refusal as the `Left` of the provider's error. */
function attempt<A>(provider: string, step: () => MaybePromise<A>): MaybePromise<E.Either<VerificationError, A>> {
  try {
    const result = step()
    return isPromise(result) ? result.then(E.right, (error) => refused(provider, error)) : E.right(result)
  } catch (error) {
    return refused(provider, error)
  }
}

function refused(provider: string, error: unknown): E.Either<VerificationError, never> {
  if (!isVerificationError(error)) throw error
  return E.left(verificationError(provider, error.reason, error.message, error.header))
}

/**
 * The text of a header a check needs, trimmed. Refuses when it is missing (`missing_header`), and when its
 * value is not text or the header is repeated with several values (Node gives `string[]`): that cannot be
 * a signature (`malformed_signature`).
 */
export function signatureHeader(headers: HeadersLike | null | undefined, name: string): string {
  const value = headerValue(headers, name)
  const text = headerText(value)?.trim()
  if (text) return text
  return value == null || text === ''
    ? refuse('missing_header', `the ${name} header is missing`, name)
    : refuse('malformed_signature', `the ${name} header is not one text value (got ${shapeOf(value)})`, name)
}

/** `signatureHeader` as an `Either`: a header that must be there, or why it cannot be used. */
export const requireHeader = (provider: string, headers: HeadersLike | null | undefined, name: string) =>
  attempt(provider, () => signatureHeader(headers, name)) as E.Either<VerificationError, string>

/** The body as text or bytes, without copying; refuses anything else (a parsed object no longer holds the signed bytes). */
function bodyData(body: unknown): BodyData {
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  // Other views, ArrayBuffers and byte arrays of another realm (a worker's, a VM's) are viewed as bytes.
  if (ArrayBuffer.isView(body) || Object.prototype.toString.call(body) === '[object ArrayBuffer]') {
    const view = body as Partial<ArrayBufferView> & ArrayBufferLike
    return new Uint8Array(view.buffer ?? view, view.byteOffset, view.byteLength)
  }
  return refuse('body_not_raw', `the body must be the raw request body, text or bytes (got ${shapeOf(body)})`)
}

/**
 * The body as text or bytes, without copying: refuses parsed objects, which no longer hold the bytes
 * that were signed. Typed arrays and buffers from another realm are recognised too.
 */
export const rawBody = (provider: string, body: unknown) => attempt(provider, () => bodyData(body)) as E.Either<VerificationError, BodyData>

/** The verified body parsed as a JSON object; refuses anything else. */
function payloadOf(body: BodyData): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(typeof body === 'string' ? body : backend.utf8(body))
  } catch {
    refuse('payload_not_json', 'the payload is not valid JSON')
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : refuse('payload_not_json', 'the payload is JSON but not an object')
}

/** Parses a verified body as a JSON object; anything else is a `payload_not_json` error. */
export const parsePayload = (provider: string, body: BodyData) =>
  attempt(provider, () => payloadOf(body)) as E.Either<VerificationError, Record<string, unknown>>

/** Constant-time equality of two strings or byte strings (lengths may differ without leaking where they differ). */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const encoder = new TextEncoder()
  const left = typeof a === 'string' ? encoder.encode(a) : a
  const right = typeof b === 'string' ? encoder.encode(b) : b
  // Different lengths still walk the whole left side, so the time does not tell where they differ.
  const other = left.length === right.length ? right : left
  let difference = left.length ^ right.length
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ other[i]!
  return difference === 0
}

/**
 * Hex HMAC of a body, synchronously, for signing outgoing requests (Calypso's `Sign`). Needs `node:crypto`:
 * in a Web Crypto runtime it throws a `TypeError`.
 */
export function hmacHex(algorithm: HmacAlgorithm, key: string | Secret, body: string | Uint8Array): string {
  return backend.hmacHexSync(algorithm, revealSecret(key), body)
}

const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> => typeof (value as Promise<T> | undefined)?.then === 'function'

/** Applies `f` to a value that may be a promise, staying synchronous when it is not (the Node fast path). */
export const mapMaybe = <A, B>(value: MaybePromise<A>, f: (a: A) => MaybePromise<B>): MaybePromise<B> => (isPromise(value) ? value.then(f) : f(value))

/**
 * Refuses with `mismatched()` unless any candidate matched. Every candidate is checked, even after one matched, so the time
 * taken does not tell which one did. Stays synchronous when every check is (the Node path).
 */
function anyMatch<K>(candidates: readonly K[], matches: (candidate: K) => MaybePromise<boolean>, mismatched: () => void): MaybePromise<void> {
  const outcomes = candidates.map(matches)
  return mapMaybe(outcomes.some(isPromise) ? Promise.all(outcomes) : (outcomes as boolean[]), (all) => {
    if (!all.includes(true)) mismatched()
  })
}

const KEY = /* @__PURE__ */ Symbol('unihook.loadedKey')

/** A secret loaded once for HMAC, reused for every delivery. Holds no readable secret. */
export interface HmacKey {
  readonly algorithm: HmacAlgorithm
  readonly [KEY]: LoadedKey
}

/** Loads HMAC secrets once (checked already: see `secretList`), to be reused for every delivery. */
export function hmacKeys(algorithm: HmacAlgorithm, secrets: readonly (string | Secret)[]): readonly HmacKey[] {
  return secrets.map((s) => Object.freeze({ algorithm, [KEY]: backend.hmacKey(algorithm, revealSecret(s)) }))
}

// Only run on a signature that matched no secret, to tell a malformed one from a wrong one: the backends
// match nothing but hex, and a pattern run on every delivery cost 1–2% of a 1 KB verification.
const HEX = /^[0-9a-f]*$/i

/** Input of an HMAC signature check: the signature as sent, the exact body, and the candidate secrets. */
export interface HmacCheck {
  readonly algorithm: HmacAlgorithm
  readonly signature: string
  readonly body: string | Uint8Array
  /**
   * Text signed ahead of the body, such as Stripe's `<timestamp>.`: the HMAC covers the prefix then the body.
   * Under Node both are fed to the HMAC in turn, so the body is never copied; Web Crypto, which takes one
   * buffer, gets them joined.
   */
  readonly prefix?: string
  /** Several during a rotation; loaded `HmacKey`s are fastest. Empty secrets count as none. */
  readonly secrets: readonly (string | Secret | HmacKey)[]
  readonly header: string
}

/** The input of `matchHmacHex`: an `HmacCheck` whose secrets are loaded already (`hmacKeys`). */
export interface HmacKeysCheck extends HmacCheck {
  readonly secrets: readonly HmacKey[]
}

const isHmacKey = (value: string | Secret | HmacKey): value is HmacKey => typeof value === 'object' && KEY in value

/**
 * Refuses unless the hex signature (either case) is the HMAC of the body under one of the loaded keys:
 * `no_secret`, `malformed_signature` or `signature_mismatch`. Synchronous under Node.
 */
export function matchHmacHex(params: HmacKeysCheck): MaybePromise<void> {
  const { algorithm, signature, header, secrets } = params
  if (secrets.length === 0) refuse('no_secret', 'no secret is configured to verify deliveries')
  const length = algorithm === 'sha256' ? 64 : 128
  const malformed = () => refuse('malformed_signature', `${header} must be ${length} hex characters`, header)
  if (signature.length !== length) malformed()
  return anyMatch(
    secrets,
    (key) => backend.hmacMatches(algorithm, key[KEY], params.body, signature, params.prefix),
    () => (HEX.test(signature) ? refuse('signature_mismatch', `${header} does not match the body for any configured secret`, header) : malformed()),
  )
}

/** Checks a hex HMAC signature against one or more secrets (plain or loaded); synchronous under Node. */
export function checkHmacHex(provider: string, params: HmacCheck): MaybePromise<E.Either<VerificationError, void>> {
  // Empty secrets count as none: an unset environment variable must not verify what anyone can sign.
  const secrets = params.secrets.flatMap((s) => (isHmacKey(s) ? [s] : revealSecret(s) ? hmacKeys(params.algorithm, [s]) : []))
  return attempt(provider, () => matchHmacHex({ ...params, secrets }))
}

/** `checkHmacHex` as a `TaskEither`. */
export const verifyHmacHex =
  (provider: string, params: HmacCheck): TaskEither<VerificationError, void> =>
  async () =>
    checkHmacHex(provider, params)

/** Node's `KeyObject` (or anything else) that exports its public key as DER SPKI, typed without `@types/node`. */
export interface SpkiExportable {
  /** Exports the key as DER-encoded SPKI. */
  export(options: { type: 'spki'; format: 'der' }): Uint8Array
}

/** An RSA public key loaded once, reused for every delivery. */
export interface RsaPublicKey {
  readonly [KEY]: LoadedKey
}

// The DER of the rsaEncryption algorithm identifier (OID 1.2.840.113549.1.1.1), found near an SPKI's start.
const RSA_OID = '\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01'
const PEM = /^\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----\s*$/

/** The DER SPKI of a PEM public key or of an object exporting one; undefined for anything else. */
function spkiOf(key: unknown): Uint8Array | undefined {
  if (typeof key !== 'string') return (key as Partial<SpkiExportable> | null)?.export?.({ type: 'spki', format: 'der' })
  const match = PEM.exec(key)
  return match ? backend.base64Bytes(match[1]!.replace(/\s+/g, '')) : undefined
}

/**
 * Loads an RSA public key: PEM SPKI (`-----BEGIN PUBLIC KEY-----`) or an object exporting one. Throws a
 * `TypeError` for anything else, so a configuration mistake shows at start-up.
 */
export function rsaPublicKey(key: string | SpkiExportable): RsaPublicKey {
  let der: Uint8Array | undefined
  try {
    der = spkiOf(key)
  } catch {
    // An export that fails, or base64 that does not decode, is no key.
  }
  if (!der || !String.fromCharCode(...der.subarray(0, 32)).includes(RSA_OID)) throw new TypeError('not an RSA public key in PEM form')
  return Object.freeze({ [KEY]: backend.rsaKey(der) })
}

/**
 * Input of an RSA signature check: the signature as sent, the exact body, the candidate public keys,
 * and the header it came in (for errors).
 */
export interface RsaCheck {
  readonly signature: string
  readonly body: string | Uint8Array
  readonly publicKeys: readonly RsaPublicKey[]
  readonly header: string
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * Refuses unless the base64 RSASSA-PKCS1-v1_5 SHA-256 signature verifies the body under one of the
 * public keys: `no_secret`, `malformed_signature` or `signature_mismatch`.
 */
export function matchRsaSha256Base64(params: RsaCheck): MaybePromise<void> {
  const { header, publicKeys } = params
  if (publicKeys.length === 0) refuse('no_secret', 'no public key is configured to verify deliveries')
  const signature = params.signature.trim()
  if (!BASE64.test(signature) || signature.length % 4 !== 0) refuse('malformed_signature', `${header} is not base64`, header)
  const bytes = backend.base64Bytes(signature)
  return anyMatch(
    publicKeys,
    (key) => backend.rsaMatches(key[KEY], params.body, bytes),
    () => refuse('signature_mismatch', `${header} does not verify against any configured public key`, header),
  )
}

/** Checks a base64 RSASSA-PKCS1-v1_5 SHA-256 signature against one or more public keys. */
export const checkRsaSha256Base64 = (provider: string, params: RsaCheck): MaybePromise<E.Either<VerificationError, void>> =>
  attempt(provider, () => matchRsaSha256Base64(params))

/** `checkRsaSha256Base64` as a `TaskEither`. */
export const verifyRsaSha256Base64 =
  (provider: string, params: RsaCheck): TaskEither<VerificationError, void> =>
  async () =>
    checkRsaSha256Base64(provider, params)

/** The SHA-256 of a body in hex: a stable stand-in id for deliveries that carry none. */
export const sha256Hex = (body: string | Uint8Array): MaybePromise<string> => backend.sha256Hex(body)

/**
 * Refuses a signed timestamp further than `toleranceMs` from now (either way), so a captured delivery
 * cannot be replayed later.
 */
export function checkTimestamp(
  provider: string,
  timestampMs: number,
  options: { readonly toleranceMs: number; readonly now?: () => number; readonly header?: string },
): E.Either<VerificationError, void> {
  const now = (options.now ?? Date.now)()
  const skew = Math.abs(now - timestampMs)
  return Number.isFinite(timestampMs) && skew <= options.toleranceMs
    ? E.right(undefined)
    : E.left(
        verificationError(
          provider,
          'timestamp_out_of_tolerance',
          `the delivery timestamp is ${Math.round(skew / 1000)} s away from now (tolerance ${options.toleranceMs / 1000} s)`,
          options.header,
        ),
      )
}

/** What a redacted view shows of a field: credential-named fields and URL credentials hidden. */
const redactedField = (name: string, value: unknown) => (hidesField(name, value) ? REDACTED : typeof value === 'string' ? redactUrl(value) : value)

/** Events print and serialize redacted, like every other object; their own fields keep the real values. */
// Built in a pure call, so that an application that never verifies keeps none of this in its bundle (a
// computed key in a top-level literal would count as a possible side effect). A parsed delivery is plain
// JSON, so JSON.stringify walks it, with a replacer hiding what must not show.
const EVENT_VIEWS = /* @__PURE__ */ (() =>
  Object.freeze({
    toJSON(this: object) {
      return JSON.parse(JSON.stringify({ ...this }, redactedField))
    },
    [INSPECT](this: { toJSON(): unknown }, _depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) {
      const view = this.toJSON()
      return inspect ? inspect(view, options) : view
    },
  }))()

declare const PROTOTYPE: unique symbol
/** The shared behaviour of one provider's events, made by `eventPrototype`. */
export interface EventPrototype<Raw> {
  /** Marks the kind of delivery (`raw`) the prototype reads its dates from. */
  readonly [PROTOTYPE]: (raw: Raw) => void
}

const READ_DATE = /* @__PURE__ */ Symbol('unihook.createdAt')

/**
 * The prototype of a provider's events: the redacted views, and how `createdAt` is read from the delivery.
 * Each event gets `createdAt` as an own enumerable property, read once at verification, so that
 * `{ ...event }`, `structuredClone(event)` and `JSON.stringify(event)` keep it. Read when asked instead
 * (an own getter defined on every event), it cost more than reading it: 6–8% of a 1 KB verification,
 * against under 1% for a Stripe or Razorpay date.
 */
export const eventPrototype = <Raw>(createdAt: (raw: Raw) => Date | undefined): EventPrototype<Raw> =>
  Object.freeze(Object.create(EVENT_VIEWS, { [READ_DATE]: { value: createdAt } }))

/**
 * Builds a frozen `NormalizedEvent` whose JSON and inspect views are redacted. With a provider's
 * `eventPrototype`, the event has its `createdAt` too (undefined when the delivery carries no date).
 */
export function normalizedEvent<Event extends NormalizedEvent>(event: Event, prototype?: EventPrototype<Event['raw']>): Event {
  const made = Object.assign(Object.create(prototype ?? EVENT_VIEWS), event)
  if (prototype) made.createdAt = (prototype as unknown as { [READ_DATE]: (raw: unknown) => Date | undefined })[READ_DATE](made.raw)
  return Object.freeze(made)
}

/** What an adapter supplies to `defineVerifier`: its signature check, and how a payload becomes its event. */
export interface VerifierSpec<P extends string, Event> {
  readonly provider: P
  readonly signatureHeaders: readonly string[]
  /**
   * Checks the signature over the exact body bytes (or text), refusing (`refuse`, `signatureHeader`,
   * `matchHmacHex`, `matchRsaSha256Base64`) when it does not hold; a promise for an asynchronous check.
   */
  checkSignature(body: BodyData, headers: HeadersLike): MaybePromise<unknown>
  /** Turns the verified payload into the provider's event, or refuses when it is not one. */
  toEvent(payload: Record<string, unknown>, delivery: { readonly body: BodyData; readonly headers: HeadersLike }): MaybePromise<Event>
}

/**
 * A verifier from its provider-specific steps. The steps run in a fixed order (raw body, signature,
 * JSON, event) and the first refusal is the answer, as a `Left`; nothing is parsed before the signature
 * holds. Synchronous as far as the crypto allows: under Node a verification settles one promise.
 */
export function defineVerifier<P extends string, Event extends NormalizedEvent<string, unknown, unknown, P>>(spec: VerifierSpec<P, Event>): Verifier<P, Event> {
  const steps = (body: RawBody, headers: HeadersLike): MaybePromise<Event> => {
    const data = bodyData(body)
    return mapMaybe(spec.checkSignature(data, headers), () => spec.toEvent(payloadOf(data), { body: data, headers }))
  }
  return Object.freeze({
    provider: spec.provider,
    signatureHeaders: Object.freeze([...spec.signatureHeaders]),
    verify: (body: RawBody, headers: HeadersLike) => () => Promise.resolve(attempt(spec.provider, () => steps(body, headers))),
  })
}
