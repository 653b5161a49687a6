import type { Capabilities } from '@unihook/core'
import { MAX_PAGE_SIZE, MAX_WEBHOOKS_PER_ACCOUNT } from './ids.js'

export const RAZORPAY_CAPABILITIES: Capabilities = {
  operations: {
    create: 'native',
    get: 'native',
    list: 'native',
    update: 'native',
    delete: 'native',
    test: 'absent',
    // A PATCH of `secret`, preceded by a GET because PATCH needs `url` and `events`.
    rotateSecret: 'emulated',
  },
  pagination: { style: 'offset', defaultPageSize: 10, maxPageSize: MAX_PAGE_SIZE },
  maxWebhooks: MAX_WEBHOOKS_PER_ACCOUNT,
  eventFiltering: true,
  listFilters: ['createdAfter', 'createdBefore'],
  writableFields: { description: false, enabled: false },
  secret: { owner: 'caller', readable: false, rotation: 'webhook' },
  signature: { scheme: 'hmac-sha256-hex', headers: ['x-razorpay-signature'] },
  // PATCH requires `url` and `events`: an update lacking either, and every rotation, reads them first.
  concurrency: { readModifyWrite: ['update', 'rotateSecret'] },
  account: { scope: 'path', required: true },
}

/** With `writableActive`, `enabled` is sent as `active` on PATCH. */
export const razorpayCapabilities = (writableActive: boolean): Capabilities =>
  writableActive ? { ...RAZORPAY_CAPABILITIES, writableFields: { description: false, enabled: true } } : RAZORPAY_CAPABILITIES
