/**
 * Calypso signs in one way everywhere: `Sign` is the lowercase hex HMAC-SHA512 of the exact body bytes,
 * keyed with a secret's UTF-8 bytes. The merchant signs API requests with its API secret; Calypso signs
 * deliveries with the subscription's `secretKey`. Adapter, verifier, fake and test helpers share this.
 */

import { hmacHex, type Secret } from '@unihook/core/verify'

/** The header naming the public key a request or delivery was signed for. */
export const KEY_HEADER = 'Key'
/** The header carrying the HMAC-SHA512 signature (lowercase hex) of the exact body. */
export const SIGN_HEADER = 'Sign'

/** How far a request's `timestamp` may be from the server's clock, either way. */
export const TIMESTAMP_TOLERANCE_MS = 180_000

/** The `Sign` value for a body: HMAC-SHA512 keyed with the secret, lowercase hex. */
export function calypsoSign(secret: string | Secret, body: string | Uint8Array): string {
  return hmacHex('sha512', secret, body)
}

/** Where the adapter reads the time it puts in signed requests (a test can fix it). */
export interface Clock {
  /** The current time in milliseconds since the epoch. */
  now(): number
}

/**
 * Request timestamps in unix milliseconds that do not repeat: Calypso's older error list called `011`
 * "invalid nonce", so two requests (or two attempts of one request) in the same millisecond must not
 * carry the same value. Only a few milliseconds are ever added; a clock set back by more than a second
 * (an NTP correction) is followed at once rather than waited out.
 */
export function timestamps(clock: Clock): () => number {
  let last = -Infinity
  return () => {
    const now = Math.trunc(clock.now())
    last = now > last || last - now > 1000 ? now : last + 1
    return last
  }
}
