/**
 * `@unihook/conekta/descriptor`: Conekta as tools that serve every provider see it (the CLI, its
 * sandbox, the test suites). It brings in the adapter, the verifier and the fake together, so apps
 * import `@unihook/conekta` or `@unihook/conekta/verify` instead.
 *
 * @module @unihook/conekta/descriptor
 */

import type { DeliveryKey, ProviderDescriptor } from '@unihook/core'
import { anyKeys, listOf, sandboxDelivery } from '@unihook/core/testing'
import { conekta } from './adapter.js'
import { checkCreateInput } from './validation.js'
import { CONEKTA_CAPABILITIES } from './capabilities.js'
import { CONEKTA_EVENTS, type ConektaEvent } from './events.js'
import { type ConektaFakeState, createConektaFake } from './fake/index.js'
import { conektaSample } from './samples.js'
import { signConektaPayload, signedConektaDelivery } from './signing.js'
import { conektaVerifier, DIGEST_HEADER } from './verify.js'

const SANDBOX_API_KEY = 'key_unihook_sandbox_conekta'

/** Conekta's descriptor. */
export const conektaDescriptor: ProviderDescriptor<'conekta', ConektaEvent, ConektaFakeState> = {
  name: 'conekta',
  title: 'Conekta',
  events: CONEKTA_EVENTS,
  capabilities: CONEKTA_CAPABILITIES,
  credentials: {
    variables: { apiKey: 'CONEKTA_API_KEY' },
    baseUrlVariable: 'CONEKTA_BASE_URL',
    accountVariable: 'CONEKTA_CHILD_COMPANY_ID',
    identifiers: [],
    build: ({ credentials, baseUrl, account, sandbox, transport, options }) =>
      conekta({
        ...transport,
        apiKey: credentials.apiKey ?? '',
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(account === undefined ? {} : { childCompanyId: account }),
        // Real Conekta refuses loopback webhook URLs; the sandbox's fake delivers to them.
        ...(sandbox ? { allowLocalhostUrls: true } : {}),
        ...options,
      }),
  },
  account: { label: 'child company', required: false },
  // The sandbox accepts loopback URLs, which real Conekta refuses.
  checkCreateInput: (input, options = {}) => checkCreateInput(input, { allowLocalhost: options.sandbox === true }),
  fields: [],
  sandbox: {
    credentials: { apiKey: SANDBOX_API_KEY },
    accounts: [],
    port: 4010,
    // Only 200 is accepted (developers.conekta.com/resources/webhooks); the retry schedule is unpublished.
    redelivery: { accepted: (status) => status === 200 },
    fake(options = {}) {
      const fake = createConektaFake({ apiKey: SANDBOX_API_KEY, allowLocalhost: true, deliver: options.fetch ? { fetch: options.fetch } : true })
      // Conekta signs deliveries with an account-wide key: a sandbox without an active one could not sign.
      const ensureKey = () => {
        if (!fake.webhookKeys().some((k) => k.active)) fake.addWebhookKey()
      }
      ensureKey()
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore(state) {
          fake.restore(state)
          ensureKey()
        },
        async deliver(event, _account, payload = conektaSample(event)) {
          const sent = await fake.deliver({ type: event, data: payload }, options.fetch ? { fetch: options.fetch } : {})
          return sent.map((d) => sandboxDelivery(d.webhookId, d.url, d.outcome))
        },
      }
    },
    keys: (state) => state.webhookKeys.filter((k) => k.active).map((k) => ({ value: k.publicKey })),
    labelledKeys: (state) =>
      state.webhookKeys.map((k) => ({
        value: k.publicKey,
        ref: k.id,
        label: `sandbox webhook key ${k.id}${k.active ? '' : ' (deactivated)'}`,
        ...(k.active ? {} : { retired: true }),
      })),
    resign(state, _ref, body) {
      // The sandbox signs with the newest active webhook key, as Conekta does.
      const key = state.webhookKeys.filter((k) => k.active).at(-1)
      return key && { [DIGEST_HEADER]: signConektaPayload(body, key.privateKey) }
    },
  },
  verification: {
    signatureHeaders: [DIGEST_HEADER],
    verifier: (keys) => conektaVerifier({ publicKeys: keys.map((k) => k.value) }),
    keysVariable: 'UNIHOOK_CONEKTA_PUBLIC_KEY_FILES',
    keysFromVariable: (value, read): DeliveryKey[] => listOf(value).map((path) => ({ value: read(path) })),
    input: [{ name: 'publicKey', flag: 'public-key-file', file: true, description: 'a webhook key’s public half (PEM)' }],
    keysFromInput: (values) => anyKeys(values.publicKey),
    // developers.conekta.com/docs/autenticaci%C3%B3n-webhooks; no timestamp is signed.
    diagnosis: {
      scheme: 'digest: base64 RSA-SHA256 signature of the raw body',
      signingKey: "the account's active webhook key (its public half verifies)",
    },
  },
  samples: {
    events: ['order.paid', 'charge.paid', 'order.created'],
    payload: (event) => conektaSample(event),
    input: [{ name: 'privateKey', flag: 'private-key-file', file: true, description: 'a PEM RSA private key to sign with' }],
    payloadField: 'data',
    sign(event, input, _account, payload = conektaSample(event)) {
      try {
        return signedConektaDelivery({ type: event, data: payload }, input.privateKey ?? '')
      } catch {
        throw new TypeError('conekta: the private key is not a PEM RSA private key')
      }
    },
  },
  contract: {
    unknownId: '0123456789abcdef01234567',
    createRetry: 'never-retried',
    testFake(options = {}) {
      const fake = createConektaFake({ apiKey: SANDBOX_API_KEY, maxWebhooks: options.maxWebhooks })
      return {
        runtime: fake,
        // Deliveries are signed with account-wide webhook keys, not per webhook.
        webhooks: () => fake.webhooks().map((w) => ({ id: w.id, url: w.url, events: w.subscribed_events, secrets: [] })),
        signingKeyCount: () => fake.webhookKeys().length,
      }
    },
    // POST creates a webhook or a key; only the test ping (POST /webhooks/{id}/test) is marked idempotent.
    retriable: (r) => r.method !== 'POST' || /^\/webhooks\/[^/]+\/test$/.test(r.path),
    // API 2.1.0 creates in two requests (the webhook, then its events) and has no writable `active`.
    variants: [{ label: 'conekta 2.1.0', options: { apiVersion: '2.1.0' } }],
  },
}
