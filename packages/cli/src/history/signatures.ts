/**
 * What the diagnosis of a failed verification needs to know of each provider, read from its descriptor
 * (`verification.signatureHeaders` and `verification.diagnosis`, where each provider cites its sources):
 * the signature headers, how the signature is made, with which key, which API credential users confuse
 * with that key, and whether a timestamp is signed.
 */

import type { Verifier } from '@unihook/core'
import { type ProviderName, providers } from '../providers.js'

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

export function signatureFacts(provider: string): SignatureFacts | undefined {
  const d = providers().find((p) => p.name === provider)
  if (!d) return undefined
  const { signatureHeaders, diagnosis } = d.verification
  const confused = diagnosis?.confusedCredential
  const env = confused && d.credentials.variables[confused.credential]
  return {
    headers: signatureHeaders,
    scheme: diagnosis?.scheme ?? `${signatureHeaders.join(' and ')} headers`,
    signingKey: diagnosis?.signingKey ?? 'its webhook signing key',
    verifierFor: (key) => d.verification.verifier([{ value: key }]),
    ...(confused && env ? { apiCredential: { env, what: confused.what } } : {}),
    ...(diagnosis?.eventIdHeader ? { eventIdHeader: diagnosis.eventIdHeader } : {}),
    ...(diagnosis?.toleranceMs === undefined ? {} : { toleranceMs: diagnosis.toleranceMs }),
  }
}

/** Each provider's API credential that users mistake for its signing key. */
export const apiCredentials = (): { provider: ProviderName; env: string; what: string }[] =>
  providers().flatMap((d) => {
    const credential = signatureFacts(d.name)?.apiCredential
    return credential ? [{ provider: d.name, ...credential }] : []
  })

/** Which headers tell each provider's deliveries apart, in words: `alpha-signature for Alpha`. */
export const knownSignatureHeaders = (): string =>
  providers()
    .map((d) => `${d.verification.signatureHeaders.join(' and ')} for ${d.title}`)
    .join(', ')
