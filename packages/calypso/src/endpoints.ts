/** Where Calypso's webhook API lives and how its ids look; shared by the adapter and the fake. */

/** The documented API hosts. The docs are published under both names; `finance` is the default. */
export const CALYPSO_BASE_URLS = {
  finance: 'https://api.calypso.finance',
  money: 'https://api.calypso.money',
} as const

/** The paths of Calypso's subscription API, below the base URL (every call is a signed POST). */
export const CALYPSO_PATHS = {
  list: '/api/v1/subscription/webhook',
  create: '/api/v1/subscription/webhook/create',
  change: '/api/v1/subscription/webhook/change',
  delete: '/api/v1/subscription/webhook',
  regenerateKeys: '/api/v1/subscription/webhook/api-keys/regenerate',
} as const

/** Paths whose documented body carries no `account`: regenerating keys acts for the whole merchant. */
export const MERCHANT_WIDE_PATHS: ReadonlySet<string> = new Set([CALYPSO_PATHS.regenerateKeys])

/** The merchant account format of the calypso.money OpenAPI (an EVM-address-like id). */
export const CALYPSO_ACCOUNT_PATTERN = /^0x[0-9a-fA-F]{40}$/

/** A subscription id: the client-chosen `requestId`, a UUID. */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
