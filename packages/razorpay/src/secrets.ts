/**
 * Webhook secrets. Razorpay never returns a secret (only `secret_exists`), so a webhook created without
 * one cannot be verified, and one whose secret was lost cannot be verified either. unihook therefore
 * makes one when the caller gives none and hands it back once.
 */

import { redactDeep, secret, type Secret, type WebhookError } from '@unihook/core'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * 32 base62 characters (about 190 bits), drawn without modulo bias. Letters and digits only, since the
 * characters Razorpay accepts in a secret are not documented.
 */
export function generateWebhookSecret(length = 32): Secret {
  let out = ''
  while (out.length < length) {
    // Web Crypto, which Node, workers, edge runtimes and browsers all have: no `node:crypto` import.
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // 248 = 4 * 62: bytes above it would favour the first characters of the alphabet.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62]
    }
  }
  return secret(out)
}

/** Errors are built with the transport's secrets; a webhook secret sent in this call is scrubbed too. */
export const scrubSecret =
  (value: Secret | undefined) =>
  (error: WebhookError): WebhookError =>
    value ? (Object.freeze(redactDeep(error, [value])) as WebhookError) : error
