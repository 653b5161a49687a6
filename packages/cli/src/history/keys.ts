/**
 * The keys `listen` verifies with, each with a name that says where it came from (never its value), and
 * the API credentials at hand that users mistake for a webhook's signing key. The diagnosis says which
 * of these was tried and which one, if any, made the signature; a resend of a sandbox delivery finds its
 * key again by `ref`.
 */

import { type ProviderName, providers } from '../providers.js'
import { portUrls, type SandboxState, sandboxEnv } from '../sandbox.js'
import { keysFromEnv } from '../verification.js'
import type { SecretsFile } from '../views.js'
import { apiCredentials } from './signatures.js'
import type { SignedBy } from './store.js'

export interface LabelledKey {
  readonly provider: ProviderName
  /**
   * `signing`: a key deliveries are meant to be verified with; `api-credential`: an API secret users
   * mistake for it; `retired`: a signing key no longer active.
   */
  readonly role: 'signing' | 'api-credential' | 'retired'
  readonly origin: SignedBy['origin']
  readonly label: string
  readonly value: string
  readonly ref?: string
}

/** Keys from the environment: each provider's `UNIHOOK_*` signing keys (key files read, unreadable ones skipped), and the API secrets. */
export function labelledFromEnv(env: NodeJS.ProcessEnv): LabelledKey[] {
  const keys: LabelledKey[] = []
  const add = (provider: ProviderName, role: LabelledKey['role'], label: string, value: string): void => {
    keys.push({ provider, role, origin: 'environment', label, value })
  }
  for (const d of providers()) {
    const variable = d.verification.keysVariable
    let signing: readonly { value: string }[] = []
    try {
      signing = keysFromEnv({ [variable]: env[variable] })[d.name] ?? []
    } catch {
      // listen already refused an unreadable key file; the diagnosis does without it.
    }
    signing.forEach((key, i) => {
      add(d.name, 'signing', `${variable} #${i + 1}`, key.value)
    })
  }
  for (const credential of apiCredentials()) {
    const value = env[credential.env]
    if (value) add(credential.provider, 'api-credential', `${credential.env} (${credential.what})`, value)
  }
  return keys
}

export function labelledFromSecretsFile(file: SecretsFile, name: string): LabelledKey[] {
  return file.secrets
    .filter((r) => r.secret !== '')
    .map((r) => ({
      provider: r.provider as ProviderName,
      role: 'signing' as const,
      origin: 'secrets-file' as const,
      label: `${name}: ${r.provider} webhook ${r.webhookId}`,
      value: r.secret,
      ref: r.webhookId,
    }))
}

/** The sandbox's signing keys (retired ones, such as deactivated webhook keys, as confusables) and its API secrets. */
export function labelledFromSandbox(state: SandboxState): LabelledKey[] {
  const sandbox = (provider: ProviderName, role: LabelledKey['role'], label: string, value: string, ref?: string): LabelledKey => ({
    provider,
    role,
    origin: 'sandbox',
    label,
    value,
    ...(ref === undefined ? {} : { ref }),
  })
  return [
    ...providers().flatMap((d) => {
      const saved = state[d.name]
      if (saved === undefined) return []
      if (!d.sandbox.labelledKeys) return d.sandbox.keys(saved).map((k, i) => sandbox(d.name, 'signing', `sandbox ${d.name} key #${i + 1}`, k.value))
      return d.sandbox.labelledKeys(saved).map((k) => sandbox(d.name, k.retired ? 'retired' : 'signing', k.label, k.value, k.ref))
    }),
    // The sandbox's API credentials, by the variable names an app pointed at it reads them from.
    ...apiCredentials().map((credential) => {
      const value = sandboxEnv(portUrls(0))[credential.env] ?? ''
      return sandbox(credential.provider, 'api-credential', `the sandbox's ${credential.what} (${credential.env})`, value)
    }),
  ]
}
