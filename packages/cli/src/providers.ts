/**
 * The three providers as the CLI knows them: their names, the environment variables that hold their
 * credentials, and how an adapter is built for the real API or for the sandbox. Only the adapters'
 * public entry points are used.
 */

import { calypso, CALYPSO_EVENTS } from '@unihook/calypso'
import { conekta, CONEKTA_EVENTS } from '@unihook/conekta'
import type { WebhookProvider } from '@unihook/core'
import { razorpay, RAZORPAY_EVENTS } from '@unihook/razorpay'
import type { ProviderProfile } from './config.js'
import { usageError } from './errors.js'
import { didYouMean } from './suggest.js'

export const PROVIDERS = ['conekta', 'razorpay', 'calypso'] as const
export type ProviderName = (typeof PROVIDERS)[number]

export const EVENTS: Readonly<Record<ProviderName, readonly string[]>> = {
  conekta: CONEKTA_EVENTS,
  razorpay: RAZORPAY_EVENTS,
  calypso: CALYPSO_EVENTS,
}

/** The environment variables each provider's real API is configured from. */
export const ENV = {
  conekta: { apiKey: 'CONEKTA_API_KEY', baseUrl: 'CONEKTA_BASE_URL', account: 'CONEKTA_CHILD_COMPANY_ID' },
  razorpay: { keyId: 'RAZORPAY_KEY_ID', keySecret: 'RAZORPAY_KEY_SECRET', baseUrl: 'RAZORPAY_BASE_URL', account: 'RAZORPAY_ACCOUNT' },
  calypso: { apiKey: 'CALYPSO_API_KEY', apiSecret: 'CALYPSO_API_SECRET', baseUrl: 'CALYPSO_BASE_URL', account: 'CALYPSO_ACCOUNT' },
} as const

export function providerName(value: string | undefined, what = '--provider'): ProviderName {
  const example = what.startsWith('--') ? `${what} razorpay` : `unihook ${what} razorpay …`
  if (value === undefined) throw usageError(`${what} is required: one of ${PROVIDERS.join(', ')} (e.g. ${example})`)
  if (!(PROVIDERS as readonly string[]).includes(value))
    throw usageError(`unknown provider "${value}" for ${what}; expected one of ${PROVIDERS.join(', ')}${didYouMean(value, PROVIDERS)}`)
  return value as ProviderName
}

/** Any of the three, seen through the provider spec (provider-specific create fields pass through as extra fields). */
export type AnyProvider = WebhookProvider

/** Where a provider is reached, with what credentials. */
export interface Endpoint {
  readonly baseUrl?: string
  readonly credentials: Readonly<Record<string, string>>
  /** The account used when a call names none. */
  readonly defaultAccount?: string
  /** Sandbox only: accept loopback webhook URLs, which real Conekta refuses. */
  readonly sandbox: boolean
}

/** Builds an adapter; a constructor's refusal (a malformed base URL, say) becomes a usage error. */
export function buildAdapter(name: ProviderName, endpoint: Endpoint, account: string | undefined): AnyProvider {
  const base = endpoint.baseUrl === undefined ? {} : { baseUrl: endpoint.baseUrl }
  const creds = endpoint.credentials
  const acting = account ?? endpoint.defaultAccount
  try {
    if (name === 'conekta') {
      return conekta({
        apiKey: creds.apiKey!,
        ...base,
        ...(acting ? { childCompanyId: acting } : {}),
        ...(endpoint.sandbox ? { allowLocalhostUrls: true } : {}),
      })
    }
    if (name === 'razorpay') return razorpay({ keyId: creds.keyId!, keySecret: creds.keySecret!, ...base, ...(acting ? { account: acting } : {}) })
    if (acting === undefined) throw usageError(`calypso needs an account: pass --account or set ${ENV.calypso.account}`)
    return calypso({ apiKey: creds.apiKey!, apiSecret: creds.apiSecret!, account: acting, ...base })
  } catch (error) {
    if (error instanceof TypeError) throw constructorRefusal(name, error, acting)
    throw error
  }
}

/**
 * An adapter's refusal of its settings, in the CLI's terms: the library's `razorpay(): …` names a
 * constructor option the user never wrote, so say which flag or variable holds the value instead.
 */
function constructorRefusal(name: ProviderName, error: TypeError, account: string | undefined) {
  const vars = ENV[name] as Readonly<Record<string, string>>
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
export const credentialVariables = (name: ProviderName): string[] =>
  Object.entries(ENV[name] as Readonly<Record<string, string>>)
    .filter(([key]) => key !== 'baseUrl' && key !== 'account')
    .map(([, variable]) => variable)

/**
 * Credentials for the real API from the environment (the documented variables, or those a profile
 * names); missing ones are a usage error naming the variables. A profile's base URL and account win.
 */
export function realEndpoint(name: ProviderName, env: NodeJS.ProcessEnv, profile?: ProviderProfile): Endpoint {
  const vars = { ...(ENV[name] as Readonly<Record<string, string>>), ...profile?.env }
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
