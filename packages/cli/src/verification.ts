/**
 * Every use of the verification API lives here (`listen`, `verify`, `demo`), so a change to its shape is
 * one edit. Verifiers come from the adapters; keys from the sandbox's state, a `--secrets-out` file,
 * flags, or documented environment variables.
 */

import { readFileSync } from 'node:fs'
import { createReceiver, type DeliveryKey, type NormalizedEvent, type VerificationError, type Verifier } from '@unihook/core'
import { usageError } from './errors.js'
import { type ProviderName, providers } from './providers.js'
import { descriptorOf } from './registry.js'
import type { SandboxState } from './sandbox.js'
import type { SecretsFile } from './views.js'

/** What deliveries can be checked against: each provider's keys, by name (a provider absent has none). */
export type VerificationKeys = Readonly<Record<ProviderName, readonly DeliveryKey[]>>

export const NO_KEYS: VerificationKeys = {}

/** The environment variable `listen` and `verify` read a provider's keys from (its descriptor's `verification.keysVariable`, `UNIHOOK_<NAME>_…`). */
export const keysVariable = (name: ProviderName): string => descriptorOf(name).verification.keysVariable

export function mergeKeys(...sets: readonly VerificationKeys[]): VerificationKeys {
  const merged: Record<ProviderName, DeliveryKey[]> = {}
  for (const set of sets) {
    for (const [name, keys] of Object.entries(set)) {
      const list = (merged[name] ??= [])
      for (const key of keys) if (!list.some((k) => k.value === key.value && k.keyId === key.keyId)) list.push(key)
    }
  }
  return merged
}

/** Reads a key file a variable or flag names; an unreadable one is a usage error naming it. */
export const readKeyFile = (path: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(`cannot read the key file ${path}: ${(error as Error).message}`)
  }
}

/** Each provider's keys from its documented variable (a list of secrets `s1,s2`, or of PEM files `a.pem,b.pem`, as its descriptor reads it). */
export function keysFromEnv(env: NodeJS.ProcessEnv): VerificationKeys {
  const keys: Record<ProviderName, readonly DeliveryKey[]> = {}
  for (const d of providers()) {
    const value = env[d.verification.keysVariable]
    if (value) keys[d.name] = d.verification.keysFromVariable(value, readKeyFile)
  }
  return keys
}

/** The keys the sandbox signs with, read from its persisted state. */
export function keysFromSandbox(state: SandboxState): VerificationKeys {
  const keys: Record<ProviderName, readonly DeliveryKey[]> = {}
  for (const d of providers()) if (state[d.name] !== undefined) keys[d.name] = d.sandbox.keys(state[d.name])
  return keys
}

/** Records written by `--secrets-out`: each secret, under the key id it was handed out with. */
export function keysFromSecretsFile(file: SecretsFile): VerificationKeys {
  const keys: Record<ProviderName, DeliveryKey[]> = {}
  for (const r of file.secrets) (keys[r.provider] ??= []).push({ value: r.secret, ...(r.keyId === undefined ? {} : { keyId: r.keyId }) })
  return keys
}

/** Verifiers for the providers that have keys (or only `only`'s). */
export function verifiersFor(keys: VerificationKeys, only?: ProviderName): Verifier[] {
  const verifiers: Verifier[] = []
  for (const d of providers()) {
    const given = keys[d.name] ?? []
    if ((only !== undefined && only !== d.name) || given.length === 0) continue
    try {
      verifiers.push(d.verification.verifier(given))
    } catch (error) {
      throw usageError(`a ${d.title} key does not load: ${(error as Error).message}`)
    }
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
  return providers().find((d) => d.verification.signatureHeaders.every((h) => headers.has(h)))?.name
}
