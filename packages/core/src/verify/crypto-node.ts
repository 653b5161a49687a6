/** The `node` implementation of `#crypto`: `node:crypto` and `Buffer`, synchronous. See crypto.ts. */

import { createHash, createHmac, createPublicKey, createSecretKey, createVerify, type KeyObject } from 'node:crypto'
import type { BodyData, CryptoBackend, HmacAlgorithm, LoadedKey } from './crypto.js'

// Casts in place rather than through helper functions, which would reach every verifier's bundle.
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export const hmacKey: CryptoBackend['hmacKey'] = (_algorithm, secret) => createSecretKey(secret, 'utf8') as unknown as LoadedKey

// Comparing hex text in place costs less than decoding the signature into a Buffer for timingSafeEqual. A
// prefix is fed to the HMAC first, so the body is never copied behind it; it is skipped when there is none,
// as even an empty update costs about a tenth of a 1 KB HMAC.
export const hmacMatches: CryptoBackend['hmacMatches'] = (algorithm, key, body, signatureHex, prefix) => {
  const hmac = createHmac(algorithm, key as unknown as KeyObject)
  if (prefix) hmac.update(prefix)
  return equalHex(hmac.update(body).digest('hex'), signatureHex)
}

/**
 * Constant-time: no early exit, the same work whatever the position of a difference. Either case matches,
 * and nothing but hex: `| 0x20` also lowercases control characters 0x10–0x19 onto the digits, so those count
 * as differences.
 */
function equalHex(digest: string, signature: string): boolean {
  if (digest.length !== signature.length) return false
  let difference = 0
  for (let i = 0; i < digest.length; i++) {
    const code = signature.charCodeAt(i)
    difference |= (digest.charCodeAt(i) ^ (code | 0x20)) | +(code < 0x30)
  }
  return difference === 0
}

export const rsaKey: CryptoBackend['rsaKey'] = (spki) => createPublicKey({ key: buffer(spki), format: 'der', type: 'spki' }) as unknown as LoadedKey

export const rsaMatches: CryptoBackend['rsaMatches'] = (key, body, signature) => {
  try {
    return createVerify('RSA-SHA256')
      .update(body)
      .verify(key as unknown as KeyObject, signature)
  } catch {
    return false
  }
}

export const sha256Hex = (body: BodyData): string => createHash('sha256').update(body).digest('hex')

export const hmacHexSync = (algorithm: HmacAlgorithm, secret: string, body: BodyData): string => createHmac(algorithm, secret).update(body).digest('hex')

export const base64Bytes = (base64: string): Uint8Array => Buffer.from(base64, 'base64')

export const utf8 = (bytes: Uint8Array): string => (Buffer.isBuffer(bytes) ? bytes : buffer(bytes)).toString('utf8')
