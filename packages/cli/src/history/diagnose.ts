/**
 * Why a delivery did not verify, told as precisely as the evidence allows. The usual causes of "the
 * signature does not match" are each checked for:
 * - a missing signature header (a proxy or framework dropped it);
 * - a body parsed and serialized again: the signature holds for a re-serialization of what arrived;
 * - the wrong kind of secret: the key tried is an API credential, or an API credential made the signature;
 * - a retired key (a deactivated webhook key) made the signature;
 * - a signed timestamp outside the tolerance (for providers that sign one).
 * Keys are named by where they came from, never shown.
 */

import type { Verifier } from '@unihook/core'
import type { LabelledKey } from './keys.js'
import { knownSignatureHeaders, type SignatureFacts, signatureFacts } from './signatures.js'

export type FindingKind =
  | 'missing_header'
  | 'no_secret'
  | 'reserialized_body'
  | 'wrong_secret_kind'
  | 'deactivated_key'
  | 'timestamp_out_of_tolerance'
  | 'payload_not_json'
  | 'signature_mismatch'
  | 'unknown_provider'

export interface Finding {
  readonly kind: FindingKind
  readonly message: string
}

export interface Diagnosis {
  /** The most likely cause first. */
  readonly findings: readonly Finding[]
  /** Each key tried, against which signature kind. */
  readonly tried: readonly string[]
}

export interface FailedDelivery {
  readonly provider: string
  readonly reason: string
  readonly message: string
  readonly headers: Headers
  readonly body: Uint8Array
}

/** Reasons that mean the signature itself did not hold; any other answer means it did. */
const SIGNATURE_FAILURES = new Set(['signature_mismatch', 'malformed_signature', 'missing_header', 'no_secret', 'body_not_raw'])

async function signs(verifierFor: SignatureFacts['verifierFor'], key: string, body: Uint8Array, headers: Headers): Promise<boolean> {
  let verifier: Verifier
  try {
    verifier = verifierFor(key)
  } catch {
    return false
  }
  const result = await verifier.verify(body, headers)()
  return result._tag === 'Right' || !SIGNATURE_FAILURES.has(result.left.reason)
}

/** Serializations a framework or proxy commonly produces from a parsed body. */
function reserializations(body: Uint8Array): { readonly how: string; readonly bytes: Uint8Array }[] {
  let parsed: unknown
  const text = Buffer.from(body).toString('utf8')
  try {
    parsed = JSON.parse(text)
  } catch {
    return []
  }
  const forms = [
    { how: 'serialized compactly (JSON.stringify)', text: JSON.stringify(parsed) },
    { how: 'indented by 2 spaces', text: JSON.stringify(parsed, null, 2) },
    { how: 'indented by 4 spaces', text: JSON.stringify(parsed, null, 4) },
    { how: 'serialized with its keys sorted', text: JSON.stringify(sortKeys(parsed)) },
  ]
  const seen = new Set([text])
  return forms.filter((f) => !seen.has(f.text) && seen.add(f.text)).map((f) => ({ how: f.how, bytes: new Uint8Array(Buffer.from(f.text, 'utf8')) }))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  )
}

export async function diagnose(delivery: FailedDelivery, keys: readonly LabelledKey[]): Promise<Diagnosis> {
  const facts = signatureFacts(delivery.provider)
  if (!facts) {
    return {
      findings: [
        {
          kind: 'unknown_provider',
          message: `${delivery.message}: no known signature header (${knownSignatureHeaders()})`,
        },
      ],
      tried: [],
    }
  }
  const missing = facts.headers.filter((h) => !delivery.headers.has(h))
  if (missing.length) {
    const message = `the ${missing.join(' and ')} header${missing.length > 1 ? 's are' : ' is'} missing: ${delivery.provider} sends it on every delivery (${facts.scheme}); a proxy or framework in between may have dropped it`
    return { findings: [{ kind: 'missing_header', message }], tried: [] }
  }
  const own = keys.filter((k) => k.provider === delivery.provider)
  const signing = own.filter((k) => k.role === 'signing')
  const confusable = own.filter((k) => k.role !== 'signing')
  const tried = signing.map((k) => `${k.label} against ${facts.scheme}`)
  const findings: Finding[] = []

  if (delivery.reason === 'timestamp_out_of_tolerance') findings.push({ kind: 'timestamp_out_of_tolerance', message: delivery.message })
  if (delivery.reason === 'payload_not_json') findings.push({ kind: 'payload_not_json', message: delivery.message })
  if (signing.length === 0)
    findings.push({ kind: 'no_secret', message: `no ${delivery.provider} key to verify with: ${delivery.provider} signs with ${facts.signingKey}` })

  for (const key of signing) {
    const same = confusable.find((c) => c.value === key.value && c.role === 'api-credential')
    if (same)
      findings.push({
        kind: 'wrong_secret_kind',
        message: `${key.label} is ${same.label}, an API credential: ${delivery.provider} signs deliveries with ${facts.signingKey}, not with API credentials`,
      })
  }
  for (const key of confusable) {
    if (!(await signs(facts.verifierFor, key.value, delivery.body, delivery.headers))) continue
    findings.push(
      key.role === 'retired'
        ? { kind: 'deactivated_key', message: `the signature was made with ${key.label}: the sender still signs with a key that is no longer active` }
        : {
            kind: 'wrong_secret_kind',
            message: `the signature was made with ${key.label}, not with ${facts.signingKey}: the sender signed with an API credential`,
          },
    )
  }
  for (const form of reserializations(delivery.body)) {
    for (const key of [...signing, ...confusable]) {
      if (!(await signs(facts.verifierFor, key.value, form.bytes, delivery.headers))) continue
      findings.unshift({
        kind: 'reserialized_body',
        message: `the body was parsed and serialized again before it arrived: the signature holds, with ${key.label}, for the body ${form.how}, not for the bytes received; verify the raw bytes as sent`,
      })
    }
  }
  if (findings.length === 0 && (delivery.reason === 'signature_mismatch' || delivery.reason === 'malformed_signature')) {
    findings.push({
      kind: 'signature_mismatch',
      message: `none of the ${signing.length} key${signing.length === 1 ? '' : 's'} tried made this signature (${facts.scheme}): the body was changed after it was signed, or it was signed with a key not at hand (${facts.signingKey}, of another webhook or before a rotation)`,
    })
  }
  if (findings.length === 0) findings.push({ kind: 'signature_mismatch', message: delivery.message })
  return { findings, tried }
}

/** Which signing key made a verified delivery's signature (a sandbox resend signs with it again). */
export async function signingKeyOf(provider: string, body: Uint8Array, headers: Headers, keys: readonly LabelledKey[]): Promise<LabelledKey | undefined> {
  const facts = signatureFacts(provider)
  if (!facts) return undefined
  for (const key of keys) {
    if (key.provider === provider && key.role === 'signing' && (await signs(facts.verifierFor, key.value, body, headers))) return key
  }
  return undefined
}
