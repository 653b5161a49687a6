/**
 * `@unihook/razorpay/descriptor`: Razorpay as tools that serve every provider see it (the CLI, its
 * sandbox, the test suites). It brings in the adapter, the verifier and the fake together, so apps
 * import `@unihook/razorpay` or `@unihook/razorpay/verify` instead.
 *
 * @module @unihook/razorpay/descriptor
 */

import type { ProviderDescriptor } from '@unihook/core'
import { anyKeys, listOf, sandboxDelivery } from '@unihook/core/testing'
import { razorpay } from './adapter.js'
import { RAZORPAY_CAPABILITIES } from './capabilities.js'
import { RAZORPAY_EVENTS, type RazorpayEvent } from './events.js'
import { createRazorpayFake, type RazorpayFakeState } from './fake/index.js'
import { ACCOUNT_ID, SIGNATURE_HEADER } from './ids.js'
import { generateWebhookSecret } from './secrets.js'
import { checkCreateInput } from './validation.js'
import { razorpaySample } from './samples.js'
import { razorpayEvent, signRazorpayBody, signRazorpayDelivery } from './signing.js'
import { razorpayVerifier } from './verify.js'

const SANDBOX_KEY_ID = 'rzp_test_UnihookSandbox'
const SANDBOX_KEY_SECRET = 'unihook_sandbox_razorpay_secret'
const SANDBOX_ACCOUNT = 'acc_Sandbox0000001'

/** How a Razorpay webhook of a config file differs from the common entry: one key reaches many sub-merchants, so each names its own. */
export interface RazorpayConfigFields {
  /** The sub-merchant account (`acc_` and 14 letters or digits). */
  readonly account: string
  /** Where Razorpay writes when deliveries keep failing. */
  readonly alertEmail?: string
}

/** Razorpay's descriptor. */
export const razorpayDescriptor: ProviderDescriptor<'razorpay', RazorpayEvent, RazorpayFakeState, RazorpayConfigFields> = {
  name: 'razorpay',
  title: 'Razorpay',
  events: RAZORPAY_EVENTS,
  capabilities: RAZORPAY_CAPABILITIES,
  credentials: {
    variables: { keyId: 'RAZORPAY_KEY_ID', keySecret: 'RAZORPAY_KEY_SECRET' },
    baseUrlVariable: 'RAZORPAY_BASE_URL',
    accountVariable: 'RAZORPAY_ACCOUNT',
    identifiers: ['keyId'],
    // HTTP Basic: the key id and secret travel together, base64-encoded.
    wireForms: ({ keyId, keySecret }) => [btoa(`${keyId}:${keySecret}`)],
    build: ({ credentials, baseUrl, account, transport, options }) =>
      razorpay({
        ...transport,
        keyId: credentials.keyId ?? '',
        keySecret: credentials.keySecret ?? '',
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(account === undefined ? {} : { account }),
        ...options,
      }),
  },
  account: {
    label: 'sub-merchant account (acc_…)',
    required: true,
    namedInConfig: true,
    form: { pattern: ACCOUNT_ID, expected: 'acc_ followed by 14 letters or digits, like acc_Hx1Kq2Lm3Np4Qr' },
  },
  generateSecret: () => generateWebhookSecret().reveal(),
  checkCreateInput: (input) => checkCreateInput(input),
  fields: [{ name: 'alertEmail', flag: 'alert-email', type: 'string', description: 'where Razorpay writes when deliveries keep failing' }],
  sandbox: {
    credentials: { keyId: SANDBOX_KEY_ID, keySecret: SANDBOX_KEY_SECRET },
    // Any well-formed account works; the second is there for tours with two sub-merchants.
    accounts: [SANDBOX_ACCOUNT, 'acc_DemoShop000002'],
    port: 4011,
    // Any non-2xx fails; retried "in exponential backoff policy for 24 hours after event creation", the
    // intervals unpublished (razorpay.com/docs/webhooks/best-practices).
    redelivery: { accepted: (status) => status >= 200 && status < 300, horizon: 86_400 },
    fake(options = {}) {
      const fake = createRazorpayFake({ keys: { [SANDBOX_KEY_ID]: SANDBOX_KEY_SECRET }, ...(options.fetch ? { fetch: options.fetch } : {}) })
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore: (state) => fake.restore(state),
        async deliver(event, account = SANDBOX_ACCOUNT, payload = razorpaySample(event, account)) {
          const sent = await fake.deliver({ account, event, payload: payload as Record<string, unknown> })
          return sent.map((d) => sandboxDelivery(d.webhookId, d.url, d))
        },
      }
    },
    keys: (state) => state.webhooks.flatMap((w) => (w.secret === undefined ? [] : [{ value: w.secret }])),
    labelledKeys: (state) =>
      state.webhooks.flatMap((w) => (w.secret === undefined ? [] : [{ value: w.secret, ref: w.id, label: `sandbox webhook ${w.id} secret` }])),
    resign(state, ref, body) {
      const secret = state.webhooks.find((w) => w.id === ref)?.secret
      return secret === undefined ? undefined : { [SIGNATURE_HEADER]: signRazorpayBody(body, secret) }
    },
  },
  verification: {
    signatureHeaders: [SIGNATURE_HEADER],
    verifier: (keys) => razorpayVerifier({ secrets: keys.map((k) => k.value) }),
    keysVariable: 'UNIHOOK_RAZORPAY_WEBHOOK_SECRETS',
    keysFromVariable: (value) => anyKeys(listOf(value)),
    input: [{ name: 'secret', flag: 'secret', description: 'a webhook secret' }],
    keysFromInput: (values) => anyKeys(values.secret),
    // "The webhook secret does not need to be the merchant secret key" (razorpay.com/docs/webhooks/faqs,
    // razorpay.com/docs/webhooks/validate-test); no timestamp is signed.
    diagnosis: {
      scheme: 'X-Razorpay-Signature: hex HMAC-SHA256 of the raw body',
      signingKey: "the webhook's own secret",
      confusedCredential: { credential: 'keySecret', what: 'the API key secret' },
      eventIdHeader: 'x-razorpay-event-id',
    },
  },
  samples: {
    events: ['payment.captured', 'order.paid', 'refund.created'],
    payload: (event, account) => razorpaySample(event, account),
    input: [{ name: 'secret', flag: 'secret', description: 'the webhook secret to sign with' }],
    payloadField: 'payload',
    sign(event, input, account, payload = razorpaySample(event, account)) {
      if (!input.secret) throw new TypeError('razorpay: a webhook secret is required to sign')
      return signRazorpayDelivery({
        payload: razorpayEvent({ event, ...(account ? { account } : {}), payload: payload as Record<string, unknown> }),
        secret: input.secret,
      })
    },
  },
  contract: {
    unknownId: 'HK890egfiItP3H',
    createRetry: 'never-retried',
    testFake(options = {}) {
      const fake = createRazorpayFake({
        keyId: SANDBOX_KEY_ID,
        keySecret: SANDBOX_KEY_SECRET,
        accounts: [SANDBOX_ACCOUNT],
        maxWebhooksPerAccount: options.maxWebhooks,
      })
      return {
        runtime: fake,
        webhooks: () => fake.webhooks(SANDBOX_ACCOUNT).map((w) => ({ id: w.id, url: w.url, events: w.events, secrets: w.secret ? [w.secret] : [] })),
      }
    },
  },
}
