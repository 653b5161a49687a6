import type { Capabilities } from '@unihook/core'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WEBHOOKS } from './validation.js'
import { type ConektaApiVersion, DEFAULT_API_VERSION, updateNeedsUrl, updateTakesActive } from './versions.js'

/**
 * What Conekta's webhook API can do at the pinned version, as the adapter implements it. `enabled` is
 * written natively where the version's update takes `active` (2.2.0+); `description` is never writable
 * (no version's request schema has it, though 2.2.0+ answers carry it). Deliveries are signed with an
 * account-wide RSA key from `/webhook_keys`, never a per-webhook secret: `rotateSecret` creates a new
 * account key (see `adapter.webhookKeys` for the whole resource).
 */
export const conektaCapabilities = (version: ConektaApiVersion): Capabilities => ({
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
  writableFields: { description: false, enabled: updateTakesActive(version) },
  // The private key never leaves Conekta; only the public half is handed out, on key creation.
  secret: { owner: 'account-key', readable: false, rotation: 'account' },
  signature: { scheme: 'rsa-sha256-base64', headers: ['digest'] },
  account: { scope: 'header', required: false },
  // 2.1.0's update requires `url`: an update without one reads it first.
  concurrency: { readModifyWrite: updateNeedsUrl(version) ? ['update'] : [] },
})

/** The capabilities at the default version. */
export const CONEKTA_CAPABILITIES: Capabilities = conektaCapabilities(DEFAULT_API_VERSION)
