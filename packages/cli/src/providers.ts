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
  if (value === undefined) throw usageError(`${what} is required (${PROVIDERS.join(', ')})`)
  if (!(PROVIDERS as readonly string[]).includes(value)) throw usageError(`unknown provider "${value}" for ${what}; expected one of ${PROVIDERS.join(', ')}`)
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
    if (error instanceof TypeError) throw usageError(`${name}: ${error.message}`, 'ConfigError')
    throw error
  }
}

/**
 * Credentials for the real API from the environment (the documented variables, or those a profile
 * names); missing ones are a usage error naming the variables. A profile's base URL and account win.
 */
export function realEndpoint(name: ProviderName, env: NodeJS.ProcessEnv, profile?: ProviderProfile): Endpoint {
  const vars = { ...(ENV[name] as Readonly<Record<string, string>>), ...profile?.env }
  const required = Object.entries(vars).filter(([key]) => key !== 'baseUrl' && key !== 'account')
  const missing = required.filter(([, variable]) => !env[variable]).map(([, variable]) => variable)
  if (missing.length) {
    throw usageError(`no ${name} credentials: set ${missing.join(' and ')} (or pass --sandbox to use the local sandbox)`, 'MissingCredentials')
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
