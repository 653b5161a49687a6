/** Where Stripe's webhook endpoint API lives, how its ids look and its documented limits; shared by the adapter and the fake. */

/** Stripe's API host (docs.stripe.com/api). */
export const STRIPE_BASE_URL = 'https://api.stripe.com'

/** `/v1/webhook_endpoints` and one endpoint below it. */
export const STRIPE_PATHS = {
  /** The collection: list (GET) and create (POST). */
  collection: '/v1/webhook_endpoints',
  /** One endpoint: retrieve (GET), update (POST), delete (DELETE). */
  endpoint: (id: string) => `/v1/webhook_endpoints/${encodeURIComponent(id)}`,
} as const

/**
 * The API version every request of the adapter sends as `Stripe-Version`: the newest of the OpenAPI
 * revision the catalogue comes from, so requests and the event catalogue describe the same API.
 */
export const STRIPE_API_VERSION = '2026-11-18.endive'

/** A webhook endpoint id: `we_` and letters or digits (`we_1Mr5jULkdIwHu7ix1ibLTM0x` in the API reference). */
export const WEBHOOK_ENDPOINT_ID = /^we_[A-Za-z0-9]{1,250}$/

/** A Stripe account id, as the `Stripe-Account` header takes it (`acct_1032D82eZvKYlo2C`). */
export const ACCOUNT_ID = /^acct_[A-Za-z0-9]{1,250}$/

/** "You can register up to 16 webhook endpoints on each Stripe account" (docs.stripe.com/development/dashboard/webhooks). */
export const MAX_ENDPOINTS_PER_ACCOUNT = 16

/** `limit` ranges from 1 to 100 and defaults to 10 (docs.stripe.com/api/pagination). */
export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 10

/** Idempotency keys are up to 255 characters long (docs.stripe.com/api/idempotent_requests). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255

/** Metadata: up to 50 keys, keys up to 40 characters, values up to 500 (docs.stripe.com/metadata). */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const

/** `description` and `url` are strings of at most 5000 characters in the OpenAPI description. */
export const MAX_TEXT_LENGTH = 5000

/** The request headers Stripe reads. */
export const HEADERS = {
  version: 'Stripe-Version',
  account: 'Stripe-Account',
  idempotencyKey: 'Idempotency-Key',
  /** On every answer: the id to quote to Stripe support (docs.stripe.com/api/request_ids). */
  requestId: 'Request-Id',
  /** On some answers: whether the request may be retried (docs.stripe.com/error-low-level). */
  shouldRetry: 'Stripe-Should-Retry',
  /** On an answer replayed from an earlier request with the same idempotency key. */
  replayed: 'Idempotent-Replayed',
} as const
