import type { Capabilities } from '@unihook/core'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WEBHOOKS } from './validation.js'

/**
 * What Conekta's webhook API can do, as the adapter implements it. Deliveries are signed with an
 * account-wide RSA key from `/webhook_keys`, never a per-webhook secret: `rotateSecret` creates a new
 * account key (see `adapter.webhookKeys` for the whole resource).
 */
export const CONEKTA_CAPABILITIES: Capabilities = {
  operations: {
    create: 'native',
    get: 'native',
    list: 'native',
    update: 'native',
    delete: 'native',
    test: 'native',
    rotateSecret: 'native',
  },
  pagination: { style: 'cursor', defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE },
  maxWebhooks: MAX_WEBHOOKS,
  eventFiltering: true,
  listFilters: ['url'],
  // 2.1.0 has neither field on writes (2.2.0 added `active`; `description` is read-only in both).
  writableFields: { description: false, enabled: false },
  // The private key never leaves Conekta; only the public half is handed out, on key creation.
  secret: { owner: 'account-key', readable: false, rotation: 'account' },
  signature: { scheme: 'rsa-sha256-base64', headers: ['digest'] },
  account: { scope: 'header', required: false },
}
