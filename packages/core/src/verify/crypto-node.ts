/** The `node` implementation of `#crypto`: `node:crypto` and `Buffer`, synchronous. See crypto.ts. */

import { createHash, createHmac, createPublicKey, createSecretKey, createVerify, type KeyObject, timingSafeEqual } from 'node:crypto'
import type { BodyData, CryptoBackend, HmacAlgorithm, LoadedKey } from './crypto.js'

const asKey = (key: KeyObject) => key as unknown as LoadedKey
const keyObject = (key: LoadedKey) => key as unknown as KeyObject
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export const hmacKey: CryptoBackend['hmacKey'] = (_algorithm, secret) => asKey(createSecretKey(Buffer.from(secret, 'utf8')))

export const hmacMatches: CryptoBackend['hmacMatches'] = (algorithm, key, body, signature) => {
  const digest = createHmac(algorithm, keyObject(key)).update(body).digest()
  return digest.length === signature.length && timingSafeEqual(digest, signature)
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

export const hexBytes = (hex: string): Uint8Array => Buffer.from(hex, 'hex')

export const base64Bytes = (base64: string): Uint8Array => Buffer.from(base64, 'base64')

export const utf8 = (bytes: Uint8Array): string => buffer(bytes).toString('utf8')
