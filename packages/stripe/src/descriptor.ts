/**
 * `@unihook/stripe/descriptor`: Stripe as tools that serve every provider see it (the CLI, its sandbox,
 * the test suites). It brings in the adapter, the verifier and the fake together, so apps import
 * `@unihook/stripe` or `@unihook/stripe/verify` instead.
 *
 * @module @unihook/stripe/descriptor
 */

import type { ProviderDescriptor } from '@unihook/core'
import { anyKeys, listOf, sandboxDelivery } from '@unihook/core/testing'
import { stripe } from './adapter.js'
import { STRIPE_CAPABILITIES } from './capabilities.js'
import { STRIPE_EVENTS, type StripeEvent } from './events.js'
import { createStripeFake, type DeliveryAttempt, type StripeFakeState } from './fake/index.js'
import { stripeSample } from './samples.js'
import { SIGNATURE_HEADER, signStripeDelivery, stripeEvent } from './signing.js'
import { stripeVerifier } from './verify.js'

/**
 * A test-mode secret key of Stripe's form; it opens the sandbox's fake and nothing else. It ends with
 * its start reversed, so that the key reversed (the contract suite's wrong key) is also well-formed:
 * the fake, not the adapter's constructor, refuses it.
 */
const SANDBOX_API_KEY = 'sk_test_51UnihookSandbox_tset_ks'

const reported = (a: DeliveryAttempt) =>
  sandboxDelivery(a.endpointId, a.url, a.status === undefined ? { error: a.error ?? 'not delivered' } : { status: a.status })

/** A sample's event data as Stripe delivers it (`data: { object }`), so that edits of `data.object.…` apply. */
const samplePayload = (event: string) => ({ object: stripeSample(event) })
const objectOf = (data: unknown) => (data as { readonly object: Record<string, unknown> }).object

/** Stripe's descriptor. */
export const stripeDescriptor: ProviderDescriptor<'stripe', StripeEvent, StripeFakeState> = {
  name: 'stripe',
  title: 'Stripe',
  events: STRIPE_EVENTS,
  capabilities: STRIPE_CAPABILITIES,
  credentials: {
    variables: { apiKey: 'STRIPE_SECRET_KEY' },
    baseUrlVariable: 'STRIPE_BASE_URL',
    accountVariable: 'STRIPE_ACCOUNT',
    identifiers: [],
    build: ({ credentials, baseUrl, account, transport, options }) =>
      stripe({
        ...transport,
        apiKey: credentials.apiKey ?? '',
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(account === undefined ? {} : { account }),
        ...options,
      }),
  },
  // Without one, calls act on the platform's own account; with one, through `Stripe-Account`.
  account: { label: 'connected account (acct_…)', required: false },
  fields: [],
  sandbox: {
    port: 4013,
    credentials: { apiKey: SANDBOX_API_KEY },
    // Calls need no account; any well-formed acct_… is served as a connected account.
    accounts: [],
    fake(options = {}) {
      const fake = createStripeFake({ apiKey: SANDBOX_API_KEY, acceptAnyAccount: true, ...(options.fetch ? { fetch: options.fetch } : {}) })
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore: (state) => fake.restore(state),
        async deliver(event, account, payload = samplePayload(event)) {
          const sent = await fake.deliver({ type: event, object: objectOf(payload), ...(account ? { account } : {}) })
          return sent.map(reported)
        },
      }
    },
    // Each endpoint's secret, and a rolled one while it still signs.
    keys: (state) =>
      state.endpoints.flatMap((e) => [
        { value: e.secret },
        ...(e.rolledSecret !== undefined && (e.rolledUntil ?? 0) > Date.now() ? [{ value: e.rolledSecret }] : []),
      ]),
  },
  verification: {
    signatureHeaders: [SIGNATURE_HEADER.toLowerCase()],
    verifier: (keys) => stripeVerifier({ secrets: keys.map((k) => k.value) }),
    keysVariable: 'UNIHOOK_STRIPE_WEBHOOK_SECRETS',
    keysFromVariable: (value) => anyKeys(listOf(value)),
    input: [{ name: 'secret', flag: 'secret', description: 'an endpoint’s signing secret (whsec_…)' }],
    keysFromInput: (values) => anyKeys(values.secret),
  },
  samples: {
    events: ['payment_intent.succeeded', 'checkout.session.completed', 'charge.refunded'],
    payload: (event) => samplePayload(event),
    payloadField: 'data',
    input: [{ name: 'secret', flag: 'secret', description: 'the endpoint’s signing secret (whsec_…) to sign with' }],
    sign(event, input, account, data = samplePayload(event)) {
      if (!input.secret) throw new TypeError('stripe: an endpoint signing secret is required to sign')
      const payload = stripeEvent({ type: event, object: objectOf(data), ...(account ? { account } : {}) })
      return signStripeDelivery({ payload, secret: input.secret })
    },
  },
  contract: {
    unknownId: 'we_1NoSuchEndpoint000000000',
    // Every POST carries an Idempotency-Key kept across the call's attempts.
    createRetry: 'idempotent-key',
    testFake(options = {}) {
      const fake = createStripeFake({ apiKey: SANDBOX_API_KEY, maxEndpoints: options.maxWebhooks })
      return {
        runtime: fake,
        webhooks: () =>
          fake.endpoints().map((e) => ({ id: String(e.id), url: String(e.url), events: e.enabled_events as string[], secrets: [String(e.secret)] })),
      }
    },
  },
}
