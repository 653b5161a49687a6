import type { Capabilities } from '@unihook/core'
import { DEFAULT_PAGE_SIZE, MAX_ENDPOINTS_PER_ACCOUNT, MAX_PAGE_SIZE } from './endpoints.js'

/** What Stripe's webhook endpoint API can do, as the contract suite checks it (sources in docs/providers/stripe.md). */
export const STRIPE_CAPABILITIES: Capabilities = {
  operations: {
    create: 'native',
    get: 'native',
    list: 'native',
    update: 'native',
    delete: 'native',
    // `stripe trigger` (the CLI) makes real objects; the API has no "send a test event to this endpoint".
    test: 'absent',
    // "Roll secret" is a Dashboard action; /v1/webhook_endpoints has no operation that renews a secret.
    rotateSecret: 'absent',
  },
  pagination: { style: 'cursor', defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE },
  maxWebhooks: MAX_ENDPOINTS_PER_ACCOUNT,
  eventFiltering: true,
  listFilters: [],
  writableFields: { description: true, enabled: true },
  // Stripe makes the `whsec_…` secret and returns it in the create answer only.
  secret: { owner: 'provider', readable: false, rotation: 'none' },
  signature: { scheme: 'hmac-sha256-hex', headers: ['Stripe-Signature'] },
  // An update names only the fields it sets.
  concurrency: { readModifyWrite: [] },
  // `Stripe-Account` names a connected account; without it a call acts on the platform's own.
  account: { scope: 'header', required: false },
}
