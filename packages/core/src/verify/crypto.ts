/**
 * The cryptography verification needs, as one small interface with two implementations chosen by the
 * package's `#crypto` import condition (as jose chooses its per-runtime builds by export conditions):
 *
 * - `crypto-node.ts` under the `node` condition (Node, Bun, Deno): `node:crypto`, synchronous, so a
 *   verification costs no more than a hand-written check;
 * - `crypto-web.ts` everywhere else (workers, Vercel edge, browsers): Web Crypto and standard globals
 *   only, asynchronous.
 *
 * Callers treat every answer as possibly a promise. Nothing here is public: the types below are opaque.
 */

export type HmacAlgorithm = 'sha256' | 'sha512'

export type MaybePromise<T> = T | Promise<T>

/** The body as handed over: text is hashed as UTF-8 without being copied first. */
export type BodyData = string | Uint8Array

declare const KEY: unique symbol
/** A key loaded once and reused for every delivery (a Node `KeyObject`, or a memoized Web Crypto key). */
export type LoadedKey = { readonly [KEY]: true }

export interface CryptoBackend {
  /** Prepares an HMAC secret (UTF-8 bytes, as every provider here uses it). */
  hmacKey(algorithm: HmacAlgorithm, secret: string): LoadedKey
  /**
   * Whether `signatureHex` (of the digest's length; hex in either case, and nothing else ever matches) is
   * the HMAC of `prefix` (when given) then `body`, compared in constant time; the body is not copied behind
   * the prefix where the runtime allows.
   */
  hmacMatches(algorithm: HmacAlgorithm, key: LoadedKey, body: BodyData, signatureHex: string, prefix?: string): MaybePromise<boolean>
  /** Loads an RSA public key from DER SPKI bytes. */
  rsaKey(spki: Uint8Array): LoadedKey
  /** Whether `signature` is an RSASSA-PKCS1-v1_5 SHA-256 signature of `body`; false for an unusable key. */
  rsaMatches(key: LoadedKey, body: BodyData, signature: Uint8Array): MaybePromise<boolean>
  sha256Hex(body: BodyData): MaybePromise<string>
  /** Synchronous hex HMAC, for signing outgoing requests; only the Node implementation has one. */
  hmacHexSync(algorithm: HmacAlgorithm, secret: string, body: BodyData): string
  /** Bytes of a base64 string already checked to be base64. */
  base64Bytes(base64: string): Uint8Array
  /** UTF-8 text of bytes, replacing invalid sequences (the signature already vouched for the bytes). */
  utf8(bytes: Uint8Array): string
}
