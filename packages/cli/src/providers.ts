/**
 * The providers as the CLI knows them, all read from the registry of descriptors (registry.ts): their
 * names, events, the environment variables that hold their credentials, and how an adapter is built for
 * the real API or for the sandbox.
 */

import type { AnyProviderDescriptor, WebhookProvider } from '@unihook/core'
import type { ProviderProfile } from './config.js'
import { usageError } from './errors.js'
import { descriptorOf, descriptors } from './registry.js'
import { didYouMean } from './suggest.js'

/** A registered provider's name (its descriptor's `name`); the registry says which exist. */
export type ProviderName = string

/**
 * The registered providers in the CLI's order: those with a documented sandbox port by port (the order
 * the sandbox serves them in), then the others in registry order.
 */
export function providers(): readonly AnyProviderDescriptor[] {
  const all = descriptors()
  const ported = all.filter((d) => d.sandbox.port !== undefined).sort((a, b) => (a.sandbox.port ?? 0) - (b.sandbox.port ?? 0))
  return [...ported, ...all.filter((d) => d.sandbox.port === undefined)]
}

export const providerNames = (): string[] => providers().map((d) => d.name)

/** A provider's event catalogue. */
export const eventsOf = (name: ProviderName): readonly string[] => descriptorOf(name).events

/** The environment variables a provider's real API is configured from: each credential's, the base URL's and the account's. */
export function envOf(name: ProviderName): Readonly<Record<string, string>> {
  const { credentials } = descriptorOf(name)
  return { ...credentials.variables, baseUrl: credentials.baseUrlVariable, account: credentials.accountVariable }
}

export function providerName(value: string | undefined, what = '--provider'): ProviderName {
  const names = providerNames()
  const sample = names[0] ?? 'NAME'
  const example = what.startsWith('--') ? `${what} ${sample}` : `unihook ${what} ${sample} …`
  if (value === undefined) throw usageError(`${what} is required: one of ${names.join(', ')} (e.g. ${example})`)
  if (!names.includes(value)) throw usageError(`unknown provider "${value}" for ${what}; expected one of ${names.join(', ')}${didYouMean(value, names)}`)
  return value
}

/** Any provider, seen through the provider spec (provider-specific create fields pass through as extra fields). */
export type AnyProvider = WebhookProvider

/** Where a provider is reached, with what credentials. */
export interface Endpoint {
  readonly baseUrl?: string
  readonly credentials: Readonly<Record<string, string>>
  /** The account used when a call names none. */
  readonly defaultAccount?: string
  /** Sandbox only: accept loopback webhook URLs, which a real provider may refuse. */
  readonly sandbox: boolean
}

/** Builds an adapter; a constructor's refusal (a malformed base URL, say) becomes a usage error. */
export function buildAdapter(name: ProviderName, endpoint: Endpoint, account: string | undefined): AnyProvider {
  const d = descriptorOf(name)
  const acting = account ?? endpoint.defaultAccount
  try {
    return d.credentials.build({
      credentials: endpoint.credentials,
      ...(endpoint.baseUrl === undefined ? {} : { baseUrl: endpoint.baseUrl }),
      ...(acting === undefined ? {} : { account: acting }),
      ...(endpoint.sandbox ? { sandbox: true } : {}),
    })
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    // A provider that needs the account when the adapter is made (not per call) refuses to be made without one.
    if (d.account.required && acting === undefined && /\baccount\b/.test(error.message))
      throw usageError(`${name} needs an account (${d.account.label}): pass --account or set ${d.credentials.accountVariable}`)
    throw constructorRefusal(name, error, acting)
  }
}

/**
 * An adapter's refusal of its settings, in the CLI's terms: the library's `<provider>(): …` names a
 * constructor option the user never wrote, so say which flag or variable holds the value instead.
 */
function constructorRefusal(name: ProviderName, error: TypeError, account: string | undefined) {
  const vars = envOf(name)
  const what = error.message.replace(/^\w+\(\):\s*/, '')
  if (/^account\b/.test(what) && account !== undefined)
    return usageError(
      `${name} account "${account}" is not valid: ${what.replace(/^account\s+/, '')}; fix --account, ${vars.account} or the config's account`,
      'ConfigError',
    )
  if (/^baseUrl\b/.test(what))
    return usageError(
      `the ${name} base URL (${vars.baseUrl} or the profile's baseUrl) must be an absolute http(s) URL like https://api.example.com`,
      'ConfigError',
    )
  return usageError(`${name} settings: ${what}`, 'ConfigError')
}

/** The environment variables holding a provider's credentials (the documented names). */
export const credentialVariables = (name: ProviderName): string[] => Object.values(descriptorOf(name).credentials.variables)

/**
 * Credentials for the real API from the environment (the documented variables, or those a profile
 * names); missing ones are a usage error naming the variables. A profile's base URL and account win.
 */
export function realEndpoint(name: ProviderName, env: NodeJS.ProcessEnv, profile?: ProviderProfile): Endpoint {
  const vars = { ...envOf(name), ...profile?.env }
  const required = Object.entries(vars).filter(([key]) => key !== 'baseUrl' && key !== 'account')
  const missing = required.filter(([, variable]) => !env[variable]).map(([, variable]) => variable)
  if (missing.length) {
    // Profiles only hold variable names (config.ts refuses anything else), so naming them is safe.
    throw usageError(
      `no ${name} credentials: set the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}${profile?.env ? ' (named by the profile)' : ''}, or pass --sandbox to use the local sandbox`,
      'MissingCredentials',
    )
  }
  const baseUrl = profile?.baseUrl ?? env[vars.baseUrl!]
  const account = profile?.account ?? env[vars.account!]
  return {
    credentials: Object.fromEntries(required.map(([key, variable]) => [key, env[variable]!])),
    ...(baseUrl ? { baseUrl } : {}),
    ...(account ? { defaultAccount: account } : {}),
    sandbox: false,
  }
}
