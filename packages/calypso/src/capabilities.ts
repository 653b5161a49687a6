import type { Capabilities } from '@unihook/core'

/** What Calypso's webhook API can do, as the contract suite checks it. */
export const CALYPSO_CAPABILITIES: Capabilities = {
  operations: {
    create: 'native',
    // Calypso has no "get one": the subscription is found in the account's list.
    get: 'emulated',
    list: 'native',
    update: 'native',
    delete: 'native',
    test: 'absent',
    rotateSecret: 'native',
  },
  // One answer holds every subscription of the account.
  pagination: { style: 'none' },
  eventFiltering: true,
  listFilters: [],
  writableFields: { description: false, enabled: true },
  // Calypso generates each subscription's publicKey/secretKey and returns them in create, change and list;
  // regeneration renews the keys of every subscription of the merchant at once.
  secret: { owner: 'provider', readable: true, rotation: 'account' },
  signature: { scheme: 'hmac-sha512-hex', headers: ['Key', 'Sign'] },
  // Each change names only the fields it sets. `requestId` is the subscription's id and an idempotency
  // key: `apply`'s key becomes it.
  concurrency: { readModifyWrite: [], idempotentCreate: true },
  account: { scope: 'body', required: true },
}
