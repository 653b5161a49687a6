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
import type { StoredEndpoint } from './fake/store.js'
import { stripeSample } from './samples.js'
import { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER, signStripeDelivery, stripeEvent, stripeSignature, stripeSignatureHeader } from './signing.js'
import { checkCreateInput } from './validation.js'
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

/** The secrets an endpoint signs with now: its own, and a rolled one until it expires. */
const signingSecrets = (e: StoredEndpoint, now = Date.now()) =>
  e.rolledSecret !== undefined && (e.rolledUntil ?? 0) > now ? [e.secret, e.rolledSecret] : [e.secret]

/** A fresh `Stripe-Signature` for `body`, signed now with the endpoint's secrets. */
const signNow = (e: StoredEndpoint, body: string) => ({
  [SIGNATURE_HEADER.toLowerCase()]: stripeSignatureHeader(body, signingSecrets(e), Math.floor(Date.now() / 1000)),
})

/** The endpoint whose secret made one of a delivery's `v1` signatures (whatever its timestamp). */
function signerOf(state: StripeFakeState, delivery: { readonly headers: Readonly<Record<string, string>>; readonly body: string }) {
  const parts = (delivery.headers[SIGNATURE_HEADER.toLowerCase()] ?? '').split(',').map((p) => p.split('='))
  const t = Number(parts.find(([k]) => k === 't')?.[1])
  const v1 = new Set(parts.filter(([k]) => k === 'v1').map(([, v]) => v))
  if (!Number.isInteger(t)) return undefined
  return state.endpoints.find((e) => [e.secret, e.rolledSecret].some((s) => s !== undefined && v1.has(stripeSignature(s, t, delivery.body))))
}

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
  checkCreateInput: (input) => checkCreateInput(input),
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
    // Any 2xx is accepted; retried "for up to three days with an exponential back off" in live mode
    // (docs.stripe.com/webhooks#retries), the intervals unpublished. Each attempt is signed at its time.
    redelivery: {
      accepted: (status) => status >= 200 && status < 300,
      horizon: 3 * 86_400,
      resign(state, delivery) {
        const endpoint = signerOf(state, delivery)
        return endpoint && signNow(endpoint, delivery.body)
      },
    },
    // Each endpoint's secret, and a rolled one while it still signs.
    keys: (state) => state.endpoints.flatMap((e) => signingSecrets(e).map((value) => ({ value }))),
    labelledKeys: (state) =>
      state.endpoints.flatMap((e) => [
        { value: e.secret, ref: e.id, label: `sandbox endpoint ${e.id} secret` },
        ...(e.rolledSecret === undefined
          ? []
          : [
              {
                value: e.rolledSecret,
                ref: e.id,
                label: `sandbox endpoint ${e.id} rolled secret`,
                ...((e.rolledUntil ?? 0) > Date.now() ? {} : { retired: true }),
              },
            ]),
      ]),
    resign(state, ref, body) {
      const endpoint = state.endpoints.find((e) => e.id === ref)
      return endpoint && signNow(endpoint, new TextDecoder().decode(body))
    },
  },
  verification: {
    signatureHeaders: [SIGNATURE_HEADER.toLowerCase()],
    verifier: (keys) => stripeVerifier({ secrets: keys.map((k) => k.value) }),
    keysVariable: 'UNIHOOK_STRIPE_WEBHOOK_SECRETS',
    keysFromVariable: (value) => anyKeys(listOf(value)),
    input: [{ name: 'secret', flag: 'secret', description: 'an endpoint’s signing secret (whsec_…)' }],
    keysFromInput: (values) => anyKeys(values.secret),
    // docs.stripe.com/webhooks#verify-manually: the signed payload is `<t>.<body>`; the libraries' default tolerance is 5 minutes.
    diagnosis: {
      scheme: 'Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">',
      signingKey: "the endpoint's signing secret (whsec_…)",
      confusedCredential: { credential: 'apiKey', what: 'the secret API key (sk_…)' },
      toleranceMs: DEFAULT_TOLERANCE_SECONDS * 1000,
    },
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
