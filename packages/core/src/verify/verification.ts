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
import { INSPECT, redactDeepWith, redactUrl, revealSecret, type Secret } from '../secret.js'
import type { BodyData, HmacAlgorithm, LoadedKey, MaybePromise } from './crypto.js'

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
  readonly _tag = 'VerificationError' as const
  readonly provider: string
  readonly reason: VerificationReason
  readonly header?: string
  constructor(error: VerificationError) {
    super(error.message)
    this.provider = error.provider
    this.reason = error.reason
    if (error.header !== undefined) this.header = error.header
  }
}

/** A verified delivery, the same shape for every provider. */
export interface NormalizedEvent<T extends string = string, Data = unknown, Raw = unknown, P extends string = string> {
  readonly provider: P
  /** The provider's event id, for de-duplication (deliveries are at least once). */
  readonly id: string
  /** The event name: one of the provider's catalog, or a newer name the catalog does not know yet. */
  readonly type: T | (string & {})
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

/** The header's value exactly as given (any type: a plain record may hold anything), or undefined. */
function headerValue(headers: HeadersLike | null | undefined, name: string): unknown {
  // No headers object at all (a caller's mistake) means the header is missing, not a crash.
  if (headers === null || typeof headers !== 'object') return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, unknown>
  // Node lowercases header names, so the direct lookup usually hits; other spellings are searched.
  const wanted = name.toLowerCase()
  const direct = record[wanted]
  if (direct !== undefined) return direct
  for (const key of Object.keys(record)) if (key.toLowerCase() === wanted) return record[key]
  return undefined
}

/** A header's text. A list of one (a repeated-header shape with a single value) counts as that value. */
function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0]
  return undefined
}

/** Whether a header is present at all, whatever its value; the receiver picks verifiers by this. */
export function hasHeader(headers: HeadersLike | null | undefined, name: string): boolean {
  const value = headerValue(headers, name)
  return value !== undefined && value !== null
}

/** A header's text, or undefined when it is missing or not text (a number, an object, several values). */
export function readHeader(headers: HeadersLike | null | undefined, name: string): string | undefined {
  return headerText(headerValue(headers, name))
}

/**
 * A header that must be there. A value that is not text, or a header repeated with several values (Node
 * gives `string[]`), cannot be a signature: that is a `malformed_signature` error, never a throw.
 */
export function requireHeader(provider: string, headers: HeadersLike | null | undefined, name: string): E.Either<VerificationError, string> {
  const value = headerValue(headers, name)
  const text = headerText(value)?.trim()
  if (text) return E.right(text)
  if (value === undefined || value === null || text === '') return E.left(verificationError(provider, 'missing_header', `the ${name} header is missing`, name))
  const shape = Array.isArray(value) ? `repeated ${value.length} times` : `not text (${typeof value})`
  return E.left(verificationError(provider, 'malformed_signature', `the ${name} header is ${shape}`, name))
}

/**
 * The body as text or bytes, without copying: refuses parsed objects, which no longer hold the bytes
 * that were signed. Typed arrays and buffers from another realm are recognised too.
 */
export function rawBody(provider: string, body: unknown): E.Either<VerificationError, BodyData> {
  if (typeof body === 'string') return E.right(body)
  if (ArrayBuffer.isView(body)) return E.right(body instanceof Uint8Array ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength))
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return E.right(new Uint8Array(body as ArrayBuffer))
  return E.left(
    verificationError(
      provider,
      'body_not_raw',
      `the body must be the raw request body (string or bytes), got ${body === null ? 'null' : typeof body}: re-serialized JSON no longer matches the signature`,
    ),
  )
}

/** Parses a verified body as a JSON object; anything else is a `payload_not_json` error. */
export function parsePayload(provider: string, body: BodyData): E.Either<VerificationError, Record<string, unknown>> {
  let value: unknown
  try {
    value = JSON.parse(typeof body === 'string' ? body : backend.utf8(body))
  } catch {
    return E.left(verificationError(provider, 'payload_not_json', 'the payload is not valid JSON'))
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? E.right(value as Record<string, unknown>)
    : E.left(verificationError(provider, 'payload_not_json', 'the payload is JSON but not an object'))
}

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
export const mapMaybe = <A, B>(value: MaybePromise<A>, f: (a: A) => B): MaybePromise<B> => (isPromise(value) ? value.then(f) : f(value))

/**
 * Whether any candidate matched. Every candidate is checked, even after one matched, so the time taken
 * does not tell which one did. Stays synchronous when every check is (the Node path).
 */
function anyMatch<K>(
  provider: string,
  header: string,
  candidates: readonly K[],
  matches: (candidate: K) => MaybePromise<boolean>,
  mismatch: string,
): MaybePromise<E.Either<VerificationError, void>> {
  const decide = (any: boolean) => (any ? RIGHT_VOID : E.left(verificationError(provider, 'signature_mismatch', `${header} ${mismatch}`, header)))
  // Synchronous answers (Node) are folded in place; an array is built only once an answer is a promise.
  let pending: MaybePromise<boolean>[] | undefined
  let matched = false
  for (const candidate of candidates) {
    const outcome = matches(candidate)
    if (isPromise(outcome)) (pending ??= []).push(outcome)
    else matched ||= outcome
  }
  return pending ? Promise.all(pending).then((all) => decide(matched || all.includes(true))) : decide(matched)
}

const RIGHT_VOID: E.Either<never, void> = /* @__PURE__ */ E.right(undefined)

const KEY = /* @__PURE__ */ Symbol('unihook.loadedKey')

/** A secret loaded once for HMAC, reused for every delivery. Holds no readable secret. */
export interface HmacKey {
  readonly algorithm: HmacAlgorithm
  readonly [KEY]: LoadedKey
}

/** Loads HMAC secrets once; empty secrets are dropped, so they count as none. */
export function hmacKeys(algorithm: HmacAlgorithm, secrets: readonly (string | Secret)[]): readonly HmacKey[] {
  return secrets
    .map((s) => revealSecret(s))
    .filter((s) => typeof s === 'string' && s !== '')
    .map((s) => Object.freeze({ algorithm, [KEY]: backend.hmacKey(algorithm, s) }))
}

// Built once: a pattern per call was a measurable share of a verification. The length is checked apart.
const HEX = /^[0-9a-f]*$/i
const HEX_LENGTH: Record<HmacAlgorithm, number> = { sha256: 64, sha512: 128 }

/** Input of an HMAC signature check: the signature as sent, the exact body, and the candidate secrets. */
export interface HmacCheck {
  readonly algorithm: HmacAlgorithm
  readonly signature: string
  readonly body: string | Uint8Array
  /** Several during a rotation; loaded `HmacKey`s are fastest. Empty secrets count as none. */
  readonly secrets: readonly (string | Secret | HmacKey)[]
  readonly header: string
}

const isHmacKey = (value: string | Secret | HmacKey): value is HmacKey => typeof value === 'object' && KEY in value

/** Checks a hex HMAC signature against one or more secrets; synchronous under Node. */
export function checkHmacHex(provider: string, params: HmacCheck): MaybePromise<E.Either<VerificationError, void>> {
  const { algorithm, signature, header, secrets } = params
  // Verifiers pass keys loaded once; plain secrets (the primitive used directly) are loaded here.
  const keys = secrets.every(isHmacKey) ? secrets : secrets.flatMap((s) => (isHmacKey(s) ? [s] : hmacKeys(algorithm, [s])))
  if (keys.length === 0) return E.left(verificationError(provider, 'no_secret', 'no (non-empty) secret is configured to verify deliveries'))
  if (signature.length !== HEX_LENGTH[algorithm] || !HEX.test(signature)) {
    return E.left(verificationError(provider, 'malformed_signature', `${header} must be ${HEX_LENGTH[algorithm]} hex characters`, header))
  }
  return anyMatch(
    provider,
    header,
    keys,
    (key) => backend.hmacMatches(algorithm, key[KEY], params.body, signature),
    'does not match the body for any configured secret',
  )
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

// DER of the rsaEncryption algorithm identifier (OID 1.2.840.113549.1.1.1) inside an SPKI.
const RSA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]

function spkiOf(key: string | SpkiExportable): Uint8Array {
  if (typeof key !== 'string') return key.export({ type: 'spki', format: 'der' })
  const match = /^\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----\s*$/.exec(key)
  if (!match) throw new TypeError('not a PEM public key')
  return backend.base64Bytes(match[1]!.replace(/\s+/g, ''))
}

const hasRsaOid = (der: Uint8Array) => {
  const head = Array.from(der.subarray(0, 32))
  return head.some((_, i) => RSA_OID.every((b, j) => head[i + j] === b))
}

/**
 * Loads an RSA public key: PEM SPKI (`-----BEGIN PUBLIC KEY-----`) or an object exporting one. Throws a
 * `TypeError` for anything else, so a configuration mistake shows at start-up.
 */
export function rsaPublicKey(key: string | SpkiExportable): RsaPublicKey {
  let der: Uint8Array
  try {
    der = spkiOf(key)
  } catch {
    throw new TypeError('not an RSA public key in PEM form')
  }
  if (!hasRsaOid(der)) throw new TypeError('not an RSA public key in PEM form')
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

/** Checks a base64 RSASSA-PKCS1-v1_5 SHA-256 signature against one or more public keys. */
export function checkRsaSha256Base64(provider: string, params: RsaCheck): MaybePromise<E.Either<VerificationError, void>> {
  if (params.publicKeys.length === 0) return E.left(verificationError(provider, 'no_secret', 'no public key is configured to verify deliveries'))
  const signature = params.signature.trim()
  if (!BASE64.test(signature) || signature.length % 4 !== 0) {
    return E.left(verificationError(provider, 'malformed_signature', `${params.header} is not base64`, params.header))
  }
  const bytes = backend.base64Bytes(signature)
  return anyMatch(
    provider,
    params.header,
    params.publicKeys,
    (key) => backend.rsaMatches(key[KEY], params.body, bytes),
    'does not verify against any configured public key',
  )
}

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

/** Events print and serialize redacted, like every other object; their own fields keep the real values. */
// Pure: an application that never verifies keeps none of this in its bundle.
const EVENT_VIEWS = /* @__PURE__ */ Object.freeze({
  toJSON(this: object) {
    return redactDeepWith({ ...this }, redactUrl)
  },
  [INSPECT](this: { toJSON(): unknown }, _depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) {
    const view = this.toJSON()
    return inspect ? inspect(view, options) : view
  },
})

/** Builds a `NormalizedEvent` whose JSON and inspect views are redacted. */
export function normalizedEvent<Event extends NormalizedEvent>(event: Event): Event {
  return Object.freeze(Object.assign(Object.create(EVENT_VIEWS) as Event, event))
}

/** What an adapter supplies to `defineVerifier`: its signature check, and how a payload becomes its event. */
export interface VerifierSpec<P extends string, Event> {
  readonly provider: P
  readonly signatureHeaders: readonly string[]
  /** Checks the signature over the exact body bytes (or text). */
  checkSignature(body: BodyData, headers: HeadersLike): MaybePromise<E.Either<VerificationError, unknown>>
  /** Turns the verified payload into the provider's event, or says why it is not one. */
  toEvent(
    payload: Record<string, unknown>,
    delivery: { readonly body: BodyData; readonly headers: HeadersLike },
  ): MaybePromise<E.Either<VerificationError, Event>>
}

/**
 * A verifier from its provider-specific steps. The steps run in a fixed order (raw body, signature,
 * JSON, event) and the first failure is the answer; nothing is parsed before the signature holds.
 */
export function defineVerifier<P extends string, Event extends NormalizedEvent<string, unknown, unknown, P>>(spec: VerifierSpec<P, Event>): Verifier<P, Event> {
  const { provider } = spec
  const afterSignature = (
    signed: E.Either<VerificationError, unknown>,
    body: BodyData,
    headers: HeadersLike,
  ): MaybePromise<E.Either<VerificationError, Event>> => {
    if (E.isLeft(signed)) return signed
    const payload = parsePayload(provider, body)
    return E.isLeft(payload) ? payload : spec.toEvent(payload.right, { body, headers })
  }
  // Synchronous as far as the crypto allows: under Node a verification settles one promise, not one per
  // step, and allocates no closure of its own.
  const run = (body: RawBody, headers: HeadersLike): MaybePromise<E.Either<VerificationError, Event>> => {
    const data = rawBody(provider, body)
    if (E.isLeft(data)) return data
    const signed = spec.checkSignature(data.right, headers)
    return isPromise(signed) ? signed.then((result) => afterSignature(result, data.right, headers)) : afterSignature(signed, data.right, headers)
  }
  return Object.freeze({
    provider,
    signatureHeaders: Object.freeze([...spec.signatureHeaders]),
    verify: (body: RawBody, headers: HeadersLike) => () => Promise.resolve(run(body, headers)),
  })
}
