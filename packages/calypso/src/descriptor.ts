/**
 * `@unihook/calypso/descriptor`: Calypso as tools that serve every provider see it (the CLI, its
 * sandbox, the test suites). It brings in the adapter, the verifier and the fake together, so apps
 * import `@unihook/calypso` or `@unihook/calypso/verify` instead.
 *
 * @module @unihook/calypso/descriptor
 */

import { constantTimeEqual, type DeliveryKey, type ProviderDescriptor } from '@unihook/core'
import { anyKeys, listOf } from '@unihook/core/testing'
import { calypso } from './adapter.js'
import { CALYPSO_CAPABILITIES } from './capabilities.js'
import { CALYPSO_EVENTS, type CalypsoEvent } from './events.js'
import { CALYPSO_FAKE_ACCOUNT, type CalypsoFakeState, createCalypsoFake } from './fake/index.js'
import { calypsoDeliveryPayload, signCalypsoDelivery } from './fake/sign.js'
import { calypsoSample } from './samples.js'
import { calypsoSign, KEY_HEADER, SIGN_HEADER } from './signing.js'
import { calypsoVerifier } from './verify.js'

const SANDBOX_CREDENTIALS = { apiKey: 'unihook-sandbox-calypso-key', apiSecret: 'unihook-sandbox-calypso-secret' }

/** `UNIHOOK_CALYPSO_KEYS` items: `publicKey:secretKey`, or a bare secret key tried whatever the `Key`. */
function keyOf(item: string): DeliveryKey {
  const colon = item.indexOf(':')
  return colon < 0 ? { value: item } : { keyId: item.slice(0, colon), value: item.slice(colon + 1) }
}

/** The secret keys to try for a delivery sent with `Key: publicKey`: that key's, then those tried for any. */
const secretsFor = (keys: readonly DeliveryKey[]) => (publicKey: string) => [
  ...keys.filter((k) => k.keyId === publicKey).map((k) => k.value),
  ...keys.filter((k) => k.keyId === undefined).map((k) => k.value),
]

/** Calypso's descriptor. */
export const calypsoDescriptor: ProviderDescriptor<'calypso', CalypsoEvent, CalypsoFakeState> = {
  name: 'calypso',
  title: 'Calypso',
  events: CALYPSO_EVENTS,
  capabilities: CALYPSO_CAPABILITIES,
  credentials: {
    variables: { apiKey: 'CALYPSO_API_KEY', apiSecret: 'CALYPSO_API_SECRET' },
    baseUrlVariable: 'CALYPSO_BASE_URL',
    accountVariable: 'CALYPSO_ACCOUNT',
    identifiers: [],
    build: ({ credentials, baseUrl, account, transport, options }) =>
      calypso({
        ...transport,
        apiKey: credentials.apiKey ?? '',
        apiSecret: credentials.apiSecret ?? '',
        account: account ?? '',
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...options,
      }),
  },
  account: { label: 'merchant account', required: true },
  fields: [{ name: 'services', flag: 'services', type: 'string-list', coversEvents: true, description: 'whole service groups (INVOICE, PAYOUT, …)' }],
  sandbox: {
    credentials: SANDBOX_CREDENTIALS,
    accounts: [CALYPSO_FAKE_ACCOUNT],
    fake(options = {}) {
      const fake = createCalypsoFake({ ...SANDBOX_CREDENTIALS, acceptAnyAccount: true, ...(options.fetch ? { fetch: options.fetch } : {}) })
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore: (state) => fake.restore(state),
        async deliver(event, account) {
          const sent = await fake.deliver({ eventType: event, data: calypsoSample(event) }, account === undefined ? {} : { account })
          return sent.map((d) => ({
            webhookId: d.requestId,
            url: d.url,
            ...(d.status === undefined ? { error: d.error ?? 'not delivered' } : { status: d.status }),
          }))
        },
      }
    },
    keys: (state) => state.subscriptions.map((s) => ({ keyId: s.publicKey, value: s.secretKey })),
  },
  verification: {
    signatureHeaders: [SIGN_HEADER.toLowerCase(), KEY_HEADER.toLowerCase()],
    verifier: (keys) => calypsoVerifier({ secrets: secretsFor(keys) }),
    keysVariable: 'UNIHOOK_CALYPSO_KEYS',
    keysFromVariable: (value) => listOf(value).map(keyOf),
    input: [{ name: 'secret', flag: 'secret', description: 'a subscription’s secret key' }],
    keysFromInput: (values) => anyKeys(values.secret),
  },
  samples: {
    events: ['INVOICE_PAID', 'PAYOUT_CONFIRMED', 'INVOICE_EXPIRED'],
    payload: (event) => calypsoSample(event),
    input: [
      { name: 'publicKey', flag: 'public-key', description: 'the subscription’s public key, sent as Key' },
      { name: 'secret', flag: 'secret', description: 'the subscription’s secret key to sign with' },
    ],
    sign(event, input) {
      if (!input.publicKey || !input.secret) throw new TypeError('calypso: a public key and a secret key are required to sign')
      return signCalypsoDelivery(calypsoDeliveryPayload({ eventType: event, data: calypsoSample(event) }), {
        publicKey: input.publicKey,
        secretKey: input.secret,
      })
    },
  },
  contract: {
    unknownId: '00000000-0000-4000-8000-000000000000',
    // The client picks the subscription id once per create and every attempt reuses it.
    createRetry: 'idempotent-key',
    // The `Sign` of each attempt is over its own bytes, which carry a millisecond timestamp.
    requestSignature(request, { apiSecret }) {
      const { timestamp } = JSON.parse(request.body) as { timestamp?: unknown }
      return Number.isInteger(timestamp) && constantTimeEqual(request.headers.get(SIGN_HEADER) ?? '', calypsoSign(apiSecret ?? '', request.body))
    },
  },
}
