/**
 * Wire fixtures in the shapes Razorpay documents (razorpay/markdown-docs api/partners/webhooks/*.md,
 * api/partners/errors.md, and the SDK test mocks), plus the documented variations: `events` as a map,
 * `active` as a string, `service` missing, a disabled webhook.
 */

export const ACCOUNT = 'acc_H3kYHQ635sBwXG'

/** create.md "Response". */
export const createResponse = {
  id: 'JebiXkKGYwua5L',
  created_at: 1654605478,
  updated_at: 1654605478,
  service: 'beta-api-live',
  owner_id: 'JOGUdtKu3dB03d',
  owner_type: 'merchant',
  context: [],
  disabled_at: 0,
  url: 'https://google.com',
  alert_email: 'gaurav.kumar@example.com',
  secret_exists: true,
  entity: 'webhook',
  active: true,
  events: ['payment.authorized', 'payment.failed', 'payment.captured', 'payment.dispute.created', 'refund.failed', 'refund.created'],
}

/** update.md "Response". */
export const updateResponse = {
  id: 'HK890egfiItP3H',
  created_at: 1623060358,
  updated_at: 1623067148,
  service: 'beta-api-test',
  owner_id: 'H3kYHQ635sBwXG',
  owner_type: 'merchant',
  context: [],
  disabled_at: 0,
  url: 'https://www.linkedin.com',
  alert_email: 'gaurav.kumar@example.com',
  secret_exists: true,
  entity: 'webhook',
  active: true,
  events: ['refund.created'],
}

/** fetch-with-id.md "Response": no `service`. */
export const fetchResponse = {
  id: 'HK890egfiItP3H',
  created_at: 1623060358,
  updated_at: 1623060358,
  owner_id: 'H3kYHQ635sBwXG',
  owner_type: 'merchant',
  context: [],
  disabled_at: 0,
  url: 'https://en1mwkqo5ioct.x.pipedream.net',
  alert_email: 'gaurav.kumar@example.com',
  secret_exists: true,
  entity: 'webhook',
  active: true,
  events: ['payment.authorized', 'payment.failed', 'payment.captured', 'payment.dispute.created', 'refund.failed', 'refund.created'],
}

/** The v1-style map form of `events` (the docs label the field `object`), `active` as a string. */
export const mapFormResponse = {
  ...fetchResponse,
  id: 'Kx1mapFormHook',
  active: 'true',
  events: { 'payment.authorized': true, 'payment.failed': false, 'refund.created': '1', 'order.paid': 1 },
}

/** A webhook Razorpay disabled after 24 h of failures, with no secret (so no `secret_exists`). */
export const disabledResponse = (() => {
  const { secret_exists: _omitted, ...rest } = fetchResponse
  return { ...rest, id: 'Dis4bledHook01', active: 'false', disabled_at: 1623160358 }
})()

/** fetch-all.md "Response". */
export const collectionResponse = {
  entity: 'collection',
  count: 1,
  items: [{ ...fetchResponse, created_at: 1624060358, updated_at: 1624060358, service: 'beta-api-test' }],
}

export const errors = {
  /** 401: the body says BAD_REQUEST_ERROR. */
  badKey: { error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } },
  /** errors.md "Invalid Data Sent". */
  badEvents: {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description: 'Invalid event name/names: payment.authorized',
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
      metadata: {},
      field: 'events',
    },
  },
  /** errors.md "Invalid URL Sent". */
  badUrl: {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description: 'The url is not a valid URL.',
      source: 'business',
      step: 'NA',
      reason: 'input_validation_failed',
      metadata: {},
      field: 'url',
    },
  },
  noSuchId: { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } },
  limit: {
    error: {
      code: 'BAD_REQUEST_ERROR',
      description: 'Maximum number of webhooks allowed per account is 30',
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    },
  },
  server: {
    error: {
      code: 'SERVER_ERROR',
      description: 'The server encountered an error. The incident has been reported to admins',
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    },
  },
  gateway: {
    error: {
      code: 'GATEWAY_ERROR',
      description: 'Payment processing failed due to error at bank or wallet gateway',
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    },
  },
}

/** RZ-PY tests/mocks/fake_payment_authorized_webhook.json, with the sub-merchant `account_id`. */
export const paymentAuthorizedEvent = {
  entity: 'event',
  account_id: ACCOUNT,
  event: 'payment.authorized',
  contains: ['payment'],
  payload: {
    payment: {
      entity: {
        id: 'pay_6X6jOHoHdY6Bdb',
        entity: 'payment',
        amount: 50000,
        currency: 'INR',
        status: 'authorized',
        method: 'card',
        captured: false,
        email: 'gaurav.kumar@example.com',
        created_at: 1400826750,
      },
    },
  },
  created_at: 1400826760,
}
