/**
 * What the diagnosis of a failed verification needs to know of each provider, in one table (to move onto
 * the provider descriptor): the signature headers, how the signature is made, with which key, which API
 * credentials users confuse with that key, and whether a timestamp is signed. Sources:
 * - Razorpay: `X-Razorpay-Signature` = hex HMAC-SHA256 of the raw body with the webhook's secret, "the
 *   webhook secret does not need to be the merchant secret key" (razorpay.com/docs/webhooks/faqs,
 *   razorpay.com/docs/webhooks/validate-test).
 * - Conekta: `digest` = base64 RSA-SHA256 signature of the raw body with the account's webhook key,
 *   verified with its public half (developers.conekta.com/docs/autenticaci%C3%B3n-webhooks).
 * - Calypso: `Sign` = hex HMAC-SHA512 of the raw body with the subscription's `secretKey`, `Key` = its
 *   `publicKey` (docs.calypso.finance/webhooks/overview).
 * None of the three signs a timestamp, so none has a replay tolerance.
 */

import { calypsoVerifier } from '@unihook/calypso'
import { conektaVerifier } from '@unihook/conekta'
import type { Verifier } from '@unihook/core'
import { razorpayVerifier } from '@unihook/razorpay'
import { ENV, type ProviderName, PROVIDERS } from '../providers.js'

export interface SignatureFacts {
  /** Headers every delivery carries, all of them. */
  readonly headers: readonly string[]
  /** How the signature is made, for the reader. */
  readonly scheme: string
  /** The key deliveries are signed with. */
  readonly signingKey: string
  /** A verifier that tries this one key alone (a secret, or a PEM public key). */
  readonly verifierFor: (key: string) => Verifier
  /** The API credential users mistake for the signing key: its environment variable and what it is. */
  readonly apiCredential?: { readonly env: string; readonly what: string }
  /** A header naming the event (shown for deliveries that did not verify). */
  readonly eventIdHeader?: string
  /** Signed timestamp tolerance, for providers that sign one. */
  readonly toleranceMs?: number
}

export const SIGNATURES: Readonly<Record<ProviderName, SignatureFacts>> = {
  razorpay: {
    headers: ['x-razorpay-signature'],
    scheme: 'X-Razorpay-Signature: hex HMAC-SHA256 of the raw body',
    signingKey: "the webhook's own secret",
    apiCredential: { env: ENV.razorpay.keySecret, what: 'the API key secret' },
    eventIdHeader: 'x-razorpay-event-id',
    verifierFor: (secret) => razorpayVerifier({ secrets: [secret] }),
  },
  conekta: {
    headers: ['digest'],
    scheme: 'digest: base64 RSA-SHA256 signature of the raw body',
    signingKey: "the account's active webhook key (its public half verifies)",
    verifierFor: (publicKey) => conektaVerifier({ publicKeys: [publicKey] }),
  },
  calypso: {
    headers: ['sign', 'key'],
    scheme: 'Sign: hex HMAC-SHA512 of the raw body (Key names the subscription)',
    signingKey: "the subscription's secretKey",
    apiCredential: { env: ENV.calypso.apiSecret, what: 'the API secret' },
    verifierFor: (secret) => calypsoVerifier({ secrets: () => [secret] }),
  },
}

export const signatureFacts = (provider: string): SignatureFacts | undefined => SIGNATURES[provider as ProviderName]

/** Each provider's API credential that users mistake for its signing key. */
export const apiCredentials = () =>
  PROVIDERS.flatMap((provider) => {
    const credential = SIGNATURES[provider].apiCredential
    return credential ? [{ provider, ...credential }] : []
  })
