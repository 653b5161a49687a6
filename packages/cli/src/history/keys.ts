/**
 * The keys `listen` verifies with, each with a name that says where it came from (never its value), and
 * the API credentials at hand that users mistake for a webhook's signing key. The diagnosis says which
 * of these was tried and which one, if any, made the signature; a resend of a sandbox delivery finds its
 * key again by `ref`.
 */

import type { ProviderName } from '../providers.js'
import { portUrls, type SandboxState, sandboxEnv } from '../sandbox.js'
import { KEY_ENV } from '../verification.js'
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

const listed = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** Keys from the environment: `UNIHOOK_*` signing keys (Conekta's as PEM texts already read), and the API secrets. */
export function labelledFromEnv(env: NodeJS.ProcessEnv, conektaPems: readonly string[]): LabelledKey[] {
  const keys: LabelledKey[] = []
  const add = (provider: ProviderName, role: LabelledKey['role'], label: string, value: string): void => {
    keys.push({ provider, role, origin: 'environment', label, value })
  }
  listed(env[KEY_ENV.razorpay]).forEach((secret, i) => {
    add('razorpay', 'signing', `${KEY_ENV.razorpay} #${i + 1}`, secret)
  })
  listed(env[KEY_ENV.conekta]).forEach((file, i) => {
    const pem = conektaPems[i]
    if (pem) add('conekta', 'signing', `public key file ${file}`, pem)
  })
  listed(env[KEY_ENV.calypso]).forEach((pair, i) => {
    add('calypso', 'signing', `${KEY_ENV.calypso} #${i + 1}`, pair.slice(pair.indexOf(':') + 1))
  })
  for (const credential of apiCredentials()) {
    const value = env[credential.env]
    if (value) add(credential.provider, 'api-credential', `${credential.env} (${credential.what})`, value)
  }
  return keys
}

export function labelledFromSecretsFile(file: SecretsFile, name: string): LabelledKey[] {
  return file.secrets
    .filter((r) => r.provider === 'razorpay' || r.provider === 'calypso')
    .map((r) => ({
      provider: r.provider as ProviderName,
      role: 'signing' as const,
      origin: 'secrets-file' as const,
      label: `${name}: ${r.provider} webhook ${r.webhookId}`,
      value: r.secret,
      ref: r.webhookId,
    }))
}

/** The sandbox's signing keys (deactivated Conekta keys as confusables) and its API secrets. */
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
    ...state.razorpay.webhooks.flatMap((w) =>
      w.secret === undefined ? [] : [sandbox('razorpay', 'signing', `sandbox webhook ${w.id} secret`, w.secret, w.id)],
    ),
    ...state.conekta.webhookKeys.map((k) =>
      k.active
        ? sandbox('conekta', 'signing', `sandbox webhook key ${k.id}`, k.publicKey, k.id)
        : sandbox('conekta', 'retired', `sandbox webhook key ${k.id} (deactivated)`, k.publicKey, k.id),
    ),
    ...state.calypso.subscriptions.map((s) => sandbox('calypso', 'signing', `sandbox subscription ${s.requestId} secretKey`, s.secretKey, s.requestId)),
    // The sandbox's API credentials, by the variable names an app pointed at it reads them from.
    ...apiCredentials().map((credential) => {
      const value = sandboxEnv(portUrls(0))[credential.env] ?? ''
      return sandbox(credential.provider, 'api-credential', `the sandbox's ${credential.what} (${credential.env})`, value)
    }),
  ]
}
