/**
 * The reference adapter's descriptor: what a fourth provider adds to be served by every tool that loops
 * over the registry (the test suites now, the CLI next). Its sandbox credentials are fixed, like the
 * real adapters'; they guard nothing.
 */

import { constantTimeEqual, type ProviderDescriptor } from '@unihook/core'
import { anyKeys, listOf, randomHex } from '@unihook/core/testing'
import { ACME_EVENTS, type AcmeEvent, acme, acmeCapabilities, acmeVerifier, checkCreateInput, signAcme, signAcmeDelivery } from './acme.js'
import { type AcmeFakeState, createAcmeFake } from './acme-fake.js'

const SANDBOX = { apiKey: 'acme_sandbox_4b1d9c0e7f2a', signingKey: 'acme_sandbox_sign_8e2f61b0' }

/** A sample event's `data`: an invoice or a payout. */
const sample = (event: string) =>
  event.startsWith('payout.') ? { payout: `po_${randomHex(8)}`, amount: 2500 } : { invoice: `in_${randomHex(8)}`, amount: 1200 }

export const acmeDescriptor: ProviderDescriptor<'acme', AcmeEvent, AcmeFakeState> = {
  name: 'acme',
  title: 'Acme',
  events: ACME_EVENTS,
  capabilities: acmeCapabilities,
  credentials: {
    variables: { apiKey: 'ACME_API_KEY', signingKey: 'ACME_SIGNING_KEY' },
    baseUrlVariable: 'ACME_BASE_URL',
    accountVariable: 'ACME_ACCOUNT',
    identifiers: [],
    build: ({ credentials, baseUrl, transport, options }) =>
      acme({
        ...transport,
        apiKey: credentials.apiKey ?? '',
        signingKey: credentials.signingKey ?? '',
        baseUrl: baseUrl ?? 'https://api.acme.test',
        ...options,
      }),
  },
  account: { label: 'account', required: false },
  checkCreateInput: (input) => checkCreateInput(input),
  fields: [],
  sandbox: {
    credentials: SANDBOX,
    accounts: [],
    fake(options = {}) {
      const fake = createAcmeFake({ ...SANDBOX, ...(options.fetch ? { fetch: options.fetch } : {}) })
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore: (state) => fake.restore(state),
        deliver: async (event, _account, payload = sample(event)) => fake.deliver({ type: event, data: payload }),
      }
    },
    keys: (state) => state.hooks.map((h) => ({ value: h.secret })),
  },
  verification: {
    signatureHeaders: ['acme-webhook-signature'],
    verifier: (keys) => acmeVerifier({ secrets: keys.map((k) => k.value) }),
    keysVariable: 'UNIHOOK_ACME_WEBHOOK_SECRETS',
    keysFromVariable: (value) => anyKeys(listOf(value)),
    input: [{ name: 'secret', flag: 'secret', description: 'a webhook secret' }],
    keysFromInput: (values) => anyKeys(values.secret),
  },
  samples: {
    events: ['invoice.paid', 'payout.sent', 'invoice.failed'],
    payload: (event) => sample(event),
    input: [{ name: 'secret', flag: 'secret', description: 'the webhook secret to sign with' }],
    payloadField: 'data',
    sign(event, input, _account, payload = sample(event)) {
      if (!input.secret) throw new TypeError('acme: a webhook secret is required to sign')
      const body = JSON.stringify({ id: `evt_${randomHex(8)}`, type: event, created: Math.floor(Date.now() / 1000), data: payload })
      return { body, headers: signAcmeDelivery(input.secret, body, Date.now()) }
    },
  },
  contract: {
    unknownId: 'wh_0000000000000000',
    createRetry: 'never-retried',
    requestSignature: (request, { signingKey }) =>
      constantTimeEqual(request.headers.get('acme-signature') ?? '', signAcme(signingKey ?? '', request.headers.get('acme-timestamp') ?? '', request.body)),
  },
}
