/**
 * Razorpay's identifier formats, shared by the adapter's local validation and the fake.
 * Sub-merchant accounts are `acc_` + 14 base62 characters; webhook ids are 14 base62 characters with no
 * prefix (the entity's `owner_id` is the account id without its `acc_`).
 */

export const ACCOUNT_ID = /^acc_[0-9A-Za-z]{14}$/
/** The shape of a Razorpay webhook id (14 alphanumerics); other ids are refused locally. */
export const WEBHOOK_ID = /^[0-9A-Za-z]{14}$/

/** The longest webhook URL Razorpay accepts. */
export const MAX_URL_LENGTH = 255
/** Webhooks one sub-merchant account may hold. */
export const MAX_WEBHOOKS_PER_ACCOUNT = 30
export const DEFAULT_PAGE_SIZE = 10
/** The largest page (`count`) Razorpay's webhook list returns. */
export const MAX_PAGE_SIZE = 100

/** The header carrying a delivery's HMAC-SHA256 signature (hex) over the raw body. */
export const SIGNATURE_HEADER = 'x-razorpay-signature'
/** The header carrying a delivery's event id, the same on every redelivery. */
export const EVENT_ID_HEADER = 'x-razorpay-event-id'
