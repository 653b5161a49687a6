/**
 * The portable implementation of `#crypto`: Web Crypto (`crypto.subtle`) and standard globals only, for
 * workers, Vercel edge, browsers and any runtime without `node:crypto`. See crypto.ts.
 */

import type { BodyData, CryptoBackend, HmacAlgorithm, LoadedKey } from './crypto.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

const bytesOf = (body: BodyData): Uint8Array<ArrayBuffer> => (typeof body === 'string' ? encoder.encode(body) : (body as Uint8Array<ArrayBuffer>))

/** Web Crypto loads keys asynchronously: load on first use, once, and reuse the promise. */
function lazyKey(load: () => Promise<CryptoKey>): LoadedKey {
  let key: Promise<CryptoKey> | undefined
  return (() => (key ??= load())) as unknown as LoadedKey
}
/** A loaded key is its loader (see lazyKey); the cast is written in place, as a helper would reach every bundle. */
type KeyLoader = () => Promise<CryptoKey>

export const hmacKey: CryptoBackend['hmacKey'] = (algorithm, secret) =>
  lazyKey(() => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: `SHA-${algorithm.slice(3)}` }, false, ['verify']))

// subtle.verify compares the HMAC in constant time. It takes one buffer, so only here are a prefix and the
// body joined (a Blob encodes text as UTF-8, as bytesOf does). Text that is not hex matches nothing (its
// pairs would be read as 0).
export const hmacMatches: CryptoBackend['hmacMatches'] = async (_algorithm, key, body, signatureHex, prefix) =>
  /^[\da-f]*$/i.test(signatureHex) &&
  crypto.subtle.verify(
    'HMAC',
    await (key as unknown as KeyLoader)(),
    hexBytes(signatureHex),
    prefix ? await new Blob([prefix, body as BlobPart]).arrayBuffer() : bytesOf(body),
  )

export const rsaKey: CryptoBackend['rsaKey'] = (spki) => lazyKey(() => crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, RSA, false, ['verify']))

export const rsaMatches: CryptoBackend['rsaMatches'] = async (key, body, signature) => {
  try {
    return await crypto.subtle.verify(RSA, await (key as unknown as KeyLoader)(), signature as Uint8Array<ArrayBuffer>, bytesOf(body))
  } catch {
    return false
  }
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')

export const sha256Hex = async (body: BodyData): Promise<string> => hex(await crypto.subtle.digest('SHA-256', bytesOf(body)))

export const hmacHexSync = (_algorithm: HmacAlgorithm, _secret: string, _body: BodyData): string => {
  throw new TypeError('synchronous HMAC signing needs node:crypto; this runtime only has Web Crypto')
}

// The text is hex of the digest's length (checked above).
const hexBytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16))

export const base64Bytes = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

export const utf8 = (bytes: Uint8Array): string => decoder.decode(bytes)
