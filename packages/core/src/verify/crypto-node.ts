/** The `node` implementation of `#crypto`: `node:crypto` and `Buffer`, synchronous. See crypto.ts. */

import { createHash, createHmac, createPublicKey, createSecretKey, createVerify, type KeyObject } from 'node:crypto'
import type { BodyData, CryptoBackend, HmacAlgorithm, LoadedKey } from './crypto.js'

const asKey = (key: KeyObject) => key as unknown as LoadedKey
const keyObject = (key: LoadedKey) => key as unknown as KeyObject
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export const hmacKey: CryptoBackend['hmacKey'] = (_algorithm, secret) => asKey(createSecretKey(Buffer.from(secret, 'utf8')))

// Comparing hex text in place costs less than decoding the signature into a Buffer for timingSafeEqual.
export const hmacMatches: CryptoBackend['hmacMatches'] = (algorithm, key, body, signatureHex) =>
  equalHex(createHmac(algorithm, keyObject(key)).update(body).digest('hex'), signatureHex)

/** Constant-time: no early exit, the same work whatever the position of a difference. Either case matches. */
function equalHex(digest: string, signature: string): boolean {
  if (digest.length !== signature.length) return false
  let difference = 0
  for (let i = 0; i < digest.length; i++) difference |= digest.charCodeAt(i) ^ (signature.charCodeAt(i) | 0x20)
  return difference === 0
}

export const rsaKey: CryptoBackend['rsaKey'] = (spki) => asKey(createPublicKey({ key: buffer(spki), format: 'der', type: 'spki' }))

export const rsaMatches: CryptoBackend['rsaMatches'] = (key, body, signature) => {
  try {
    return createVerify('RSA-SHA256').update(body).verify(keyObject(key), signature)
  } catch {
    return false
  }
}

export const sha256Hex = (body: BodyData): string => createHash('sha256').update(body).digest('hex')

export const hmacHexSync = (algorithm: HmacAlgorithm, secret: string, body: BodyData): string => createHmac(algorithm, secret).update(body).digest('hex')

export const base64Bytes = (base64: string): Uint8Array => Buffer.from(base64, 'base64')

export const utf8 = (bytes: Uint8Array): string => (Buffer.isBuffer(bytes) ? bytes : buffer(bytes)).toString('utf8')
