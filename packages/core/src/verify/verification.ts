/**
 * Verifying incoming deliveries: the vocabulary of failures (one reason per step), the normalized
 * event, and the primitives (raw-body handling, constant-time comparison, HMAC and RSA on node:crypto)
 * that each adapter's verifier is assembled from.
 */

import { createHmac, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { revealSecret, type Secret, withRedactedViews } from '../secret.js'

export type VerificationReason =
  | 'missing_header'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance'
  | 'no_secret'
  | 'body_not_raw'
  | 'payload_not_json'

export interface VerificationError {
  readonly _tag: 'VerificationError'
  readonly provider: string
  readonly reason: VerificationReason
  readonly message: string
  /** The header the step looked at, where one was involved. */
  readonly header?: string
}

export function verificationError(provider: string, reason: VerificationReason, message: string, header?: string): VerificationError {
  return Object.freeze({ _tag: 'VerificationError' as const, provider, reason, message, ...(header ? { header } : {}) })
}

export function isVerificationError(value: unknown): value is VerificationError {
  return typeof value === 'object' && value !== null && (value as { _tag?: unknown })._tag === 'VerificationError'
}

/** A verified delivery, the same shape for every provider. */
export interface NormalizedEvent<T extends string = string> {
  readonly provider: string
  /** The provider's event id, for de-duplication (deliveries are at least once). */
  readonly id: string
  readonly type: T | (string & {})
  readonly createdAt?: Date
  /** The account the event belongs to, where the provider says. */
  readonly account?: string
  readonly data: unknown
  /** The whole parsed payload. */
  readonly raw: unknown
}

/** Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain record. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>

/** The body exactly as received: text or bytes. A parsed object cannot be verified. */
export type RawBody = string | Uint8Array | ArrayBuffer

export interface Verifier<T extends string = string> {
  readonly provider: string
  /** The headers whose presence says a delivery is this provider's, checked by the receiver. */
  readonly signatureHeaders: readonly string[]
  verify(body: RawBody, headers: HeadersLike): E.Either<VerificationError, NormalizedEvent<T>>
}

/** The header's value exactly as given (any type: a plain record may hold anything), or undefined. */
function headerValue(headers: HeadersLike | null | undefined, name: string): unknown {
  // No headers object at all (a caller's mistake) means the header is missing, not a crash.
  if (headers === null || typeof headers !== 'object') return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, unknown>
  // Node lowercases header names, so the direct lookup usually hits; other spellings are searched.
  const direct = record[name.toLowerCase()]
  if (direct !== undefined) return direct
  const wanted = name.toLowerCase()
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
  const shape = Array.isArray(value) ? `repeated ${value.length} times` : `not text (${value === null ? 'null' : typeof value})`
  return E.left(verificationError(provider, 'malformed_signature', `the ${name} header is ${shape}`, name))
}

/** The body as bytes; refuses parsed objects, which no longer hold the bytes that were signed. */
export function rawBytes(provider: string, body: unknown): E.Either<VerificationError, Uint8Array> {
  if (typeof body === 'string') return E.right(new TextEncoder().encode(body))
  if (body instanceof Uint8Array) return E.right(body)
  if (body instanceof ArrayBuffer) return E.right(new Uint8Array(body))
  return E.left(
    verificationError(
      provider,
      'body_not_raw',
      `the body must be the raw request body (string or bytes), got ${body === null ? 'null' : typeof body}: a parsed and re-serialized JSON body no longer matches the signature. Read the raw body (request.text(), express.raw(), …) before parsing it.`,
    ),
  )
}

export function parsePayload(provider: string, bytes: Uint8Array): E.Either<VerificationError, Record<string, unknown>> {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return E.right(value as Record<string, unknown>)
    return E.left(verificationError(provider, 'payload_not_json', 'the payload is JSON but not an object'))
  } catch {
    return E.left(verificationError(provider, 'payload_not_json', 'the payload is not valid UTF-8 JSON'))
  }
}

/** Constant-time equality of two strings (lengths may differ without leaking where they differ). */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = typeof a === 'string' ? Buffer.from(a, 'utf8') : Buffer.from(a)
  const right = typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b)
  if (left.length !== right.length) {
    timingSafeEqual(left, left)
    return false
  }
  return timingSafeEqual(left, right)
}

export type HmacAlgorithm = 'sha256' | 'sha512'

export function hmacHex(algorithm: HmacAlgorithm, key: string | Secret, body: string | Uint8Array): string {
  return createHmac(algorithm, revealSecret(key)).update(body).digest('hex')
}

const HEX_LENGTH: Record<HmacAlgorithm, number> = { sha256: 64, sha512: 128 }

/**
 * Tries every candidate secret or key, even after one matched, so the time taken does not tell which
 * one did; reports the outcome as a verification result.
 */
function anyCandidateMatches<K>(
  provider: string,
  header: string,
  candidates: readonly K[],
  matches: (candidate: K) => boolean,
  mismatch: string,
): E.Either<VerificationError, void> {
  let matched = false
  for (const candidate of candidates) matched = matches(candidate) || matched
  return matched ? E.right(undefined) : E.left(verificationError(provider, 'signature_mismatch', `${header} ${mismatch}`, header))
}

/**
 * Checks a hex HMAC signature against one or more secrets (several during a rotation). Every secret is
 * tried, in constant time each, so timing does not tell which one matched.
 */
export function verifyHmacHex(
  provider: string,
  params: {
    readonly algorithm: HmacAlgorithm
    readonly signature: string
    readonly body: Uint8Array
    readonly secrets: readonly (string | Secret)[]
    readonly header: string
  },
): E.Either<VerificationError, void> {
  // An empty secret (an unset environment variable) would let anyone sign: it counts as none.
  const secrets = params.secrets.filter((s) => revealSecret(s) !== '')
  if (secrets.length === 0) return E.left(verificationError(provider, 'no_secret', 'no (non-empty) secret is configured to verify deliveries'))
  const signature = params.signature.toLowerCase()
  if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH[params.algorithm]}}$`).test(signature)) {
    return E.left(
      verificationError(provider, 'malformed_signature', `${params.header} must be ${HEX_LENGTH[params.algorithm]} hex characters`, params.header),
    )
  }
  return anyCandidateMatches(
    provider,
    params.header,
    secrets,
    (s) => constantTimeEqual(hmacHex(params.algorithm, s, params.body), signature),
    'does not match the body for any configured secret',
  )
}

/** Checks a base64 RSASSA-PKCS1-v1_5 SHA-256 signature against one or more public keys. */
export function verifyRsaSha256Base64(
  provider: string,
  params: {
    readonly signature: string
    readonly body: Uint8Array
    readonly publicKeys: readonly (string | KeyObject)[]
    readonly header: string
  },
): E.Either<VerificationError, void> {
  if (params.publicKeys.length === 0) return E.left(verificationError(provider, 'no_secret', 'no public key is configured to verify deliveries'))
  const signature = params.signature.trim()
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) {
    return E.left(verificationError(provider, 'malformed_signature', `${params.header} is not base64`, params.header))
  }
  const bytes = Buffer.from(signature, 'base64')
  const verifies = (key: string | KeyObject) => {
    try {
      return createVerify('RSA-SHA256').update(params.body).verify(key, bytes)
    } catch {
      // An unusable key is the caller's configuration error, not a forged delivery; it simply does not match.
      return false
    }
  }
  return anyCandidateMatches(provider, params.header, params.publicKeys, verifies, 'does not verify against any configured public key')
}

/** Checks a delivery timestamp against the clock in both directions (Standard Webhooks style). */
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

/** Builds a `NormalizedEvent` whose JSON and inspect views are redacted like every other object. */
export function normalizedEvent<T extends string>(event: NormalizedEvent<T>): NormalizedEvent<T> {
  return Object.freeze(withRedactedViews({ ...event }))
}
