/**
 * Every use of the verification API lives here (`listen`, `verify`, `demo`), so a change to its shape is
 * one edit. Verifiers come from the adapters; keys from the sandbox's state, a `--secrets-out` file,
 * flags, or documented environment variables.
 */

import { readFileSync } from 'node:fs'
import { calypsoVerifier } from '@unihook/calypso'
import { conektaVerifier } from '@unihook/conekta'
import { createReceiver, type NormalizedEvent, type VerificationError, type Verifier } from '@unihook/core'
import { razorpayVerifier } from '@unihook/razorpay'
import { usageError } from './errors.js'
import type { ProviderName } from './providers.js'
import type { SandboxState } from './sandbox.js'
import type { SecretsFile } from './views.js'

/** What deliveries can be checked against. */
export interface VerificationKeys {
  /** Razorpay webhook secrets. */
  readonly razorpay: readonly string[]
  /** Conekta webhook keys' public halves (PEM). */
  readonly conekta: readonly string[]
  /** Calypso secret keys by the public key sent as `Key`; `*` for a secret tried whatever the key. */
  readonly calypso: Readonly<Record<string, readonly string[]>>
}

export const NO_KEYS: VerificationKeys = { razorpay: [], conekta: [], calypso: {} }

/** Environment variables `listen` and `verify` read keys from. */
export const KEY_ENV = {
  razorpay: 'UNIHOOK_RAZORPAY_WEBHOOK_SECRETS',
  conekta: 'UNIHOOK_CONEKTA_PUBLIC_KEY_FILES',
  calypso: 'UNIHOOK_CALYPSO_KEYS',
} as const

export function mergeKeys(...sets: readonly VerificationKeys[]): VerificationKeys {
  const calypso: Record<string, string[]> = {}
  for (const set of sets) for (const [key, secrets] of Object.entries(set.calypso)) append(calypso, key, ...secrets)
  return {
    razorpay: [...new Set(sets.flatMap((s) => s.razorpay))],
    conekta: [...new Set(sets.flatMap((s) => s.conekta))],
    calypso,
  }
}

/** Adds `values` to the list kept under `key`. */
function append(lists: Record<string, string[]>, key: string, ...values: string[]): void {
  const list = lists[key]
  if (list) list.push(...values)
  else lists[key] = [...values]
}

const csv = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)

const readPem = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(`cannot read the public key file ${path}: ${(error as Error).message}`)
  }
}

/** `UNIHOOK_RAZORPAY_WEBHOOK_SECRETS=s1,s2`, `UNIHOOK_CONEKTA_PUBLIC_KEY_FILES=a.pem,b.pem`, `UNIHOOK_CALYPSO_KEYS=public:secret,…`. */
export function keysFromEnv(env: NodeJS.ProcessEnv): VerificationKeys {
  const calypso: Record<string, string[]> = {}
  for (const pair of csv(env[KEY_ENV.calypso])) {
    const colon = pair.indexOf(':')
    const [key, secret] = colon < 0 ? ['*', pair] : [pair.slice(0, colon), pair.slice(colon + 1)]
    append(calypso, key, secret)
  }
  return { razorpay: csv(env[KEY_ENV.razorpay]), conekta: csv(env[KEY_ENV.conekta]).map(readPem), calypso }
}

/** The sandbox signs with these: every webhook's secret, the account's webhook keys, every subscription's keys. */
export function keysFromSandbox(state: SandboxState): VerificationKeys {
  const calypso: Record<string, string[]> = {}
  for (const s of state.calypso.subscriptions) append(calypso, s.publicKey, s.secretKey)
  return {
    razorpay: state.razorpay.webhooks.flatMap((w) => (w.secret === undefined ? [] : [w.secret])),
    conekta: state.conekta.webhookKeys.filter((k) => k.active).map((k) => k.publicKey),
    calypso,
  }
}

/** Records written by `--secrets-out`. */
export function keysFromSecretsFile(file: SecretsFile): VerificationKeys {
  const calypso: Record<string, string[]> = {}
  for (const r of file.secrets) if (r.provider === 'calypso') append(calypso, r.keyId ?? '*', r.secret)
  return { razorpay: file.secrets.filter((r) => r.provider === 'razorpay').map((r) => r.secret), conekta: [], calypso }
}

/** Verifiers for the providers that have keys (all three with `always`, so a missing key is its own reason). */
export function verifiersFor(keys: VerificationKeys, only?: ProviderName): Verifier[] {
  const verifiers: Verifier[] = []
  const want = (name: ProviderName) => only === undefined || only === name
  if (want('razorpay') && keys.razorpay.length) verifiers.push(razorpayVerifier({ secrets: keys.razorpay }))
  if (want('conekta') && keys.conekta.length) {
    try {
      verifiers.push(conektaVerifier({ publicKeys: keys.conekta }))
    } catch (error) {
      throw usageError(`a Conekta public key does not load: ${(error as Error).message}`)
    }
  }
  if (want('calypso') && Object.keys(keys.calypso).length) {
    verifiers.push(calypsoVerifier({ secrets: (publicKey) => [...(keys.calypso[publicKey] ?? []), ...(keys.calypso['*'] ?? [])] }))
  }
  return verifiers
}

export type Verified =
  | { readonly verified: true; readonly provider: string; readonly event: NormalizedEvent }
  | { readonly verified: false; readonly provider: string; readonly reason: VerificationError['reason'] | 'no_secret'; readonly message: string }

/** Checks one delivery against every verifier (the receiver picks by the signature headers present). */
export async function verifyDelivery(verifiers: readonly Verifier[], body: Uint8Array, headers: Headers): Promise<Verified> {
  if (verifiers.length === 0) return { verified: false, provider: 'unknown', reason: 'no_secret', message: 'no secrets or keys to verify with' }
  const result = await createReceiver(verifiers).receiveRaw(body, headers)()
  if (result._tag === 'Right') return { verified: true, provider: result.right.provider, event: result.right.event as NormalizedEvent }
  return { verified: false, provider: result.left.provider, reason: result.left.reason, message: result.left.message }
}

/** The provider a delivery claims to come from, by its signature headers (for reporting when no key exists). */
export function claimedProvider(headers: Headers): ProviderName | undefined {
  if (headers.has('x-razorpay-signature')) return 'razorpay'
  if (headers.has('digest')) return 'conekta'
  if (headers.has('sign') && headers.has('key')) return 'calypso'
  return undefined
}
