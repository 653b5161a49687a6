/**
 * `@unihook/calypso/descriptor`: Calypso as tools that serve every provider see it (the CLI, its
 * sandbox, the test suites). It brings in the adapter, the verifier and the fake together, so apps
 * import `@unihook/calypso` or `@unihook/calypso/verify` instead.
 *
 * @module @unihook/calypso/descriptor
 */

import { constantTimeEqual, type DeliveryKey, type ProviderDescriptor, type UncataloguedEvent } from '@unihook/core'
import { anyKeys, listOf } from '@unihook/core/testing'
import { calypso } from './adapter.js'
import { CALYPSO_ACCOUNT_PATTERN, CALYPSO_PATHS } from './endpoints.js'
import { checkCreateInput } from './validation.js'
import { CALYPSO_CAPABILITIES } from './capabilities.js'
import { CALYPSO_EVENTS, CALYPSO_SERVICES, type CalypsoEvent, type CalypsoService } from './events.js'
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

/**
 * An event id (numeric, as Calypso's) unique across the processes that deliver from one persisted sandbox:
 * each runs its own copy of the fake, whose counter would start at 1 every time. Every delivery of one
 * event (to each subscription, and any redelivery) carries the same id, so receivers can de-duplicate by it.
 */
const eventId = () => Date.now() * 1000 + Math.floor(Math.random() * 1000)

/** 30, 30, 60, 90, 150, … (each the sum of the two before): `count` delays in seconds. */
function fibonacciLike(count: number): number[] {
  const delays = [30, 30]
  while (delays.length < count) delays.push((delays.at(-1) ?? 0) + (delays.at(-2) ?? 0))
  return delays
}

/** How a Calypso subscription of a config file differs from the common entry: single events, whole service groups, or both. */
export interface CalypsoConfigFields {
  /** Single events; may be left out when `services` names some. */
  readonly events?: readonly (CalypsoEvent | UncataloguedEvent)[]
  /** Whole service groups. */
  readonly services?: readonly CalypsoService[]
}

/** Calypso's descriptor. */
export const calypsoDescriptor: ProviderDescriptor<'calypso', CalypsoEvent, CalypsoFakeState, CalypsoConfigFields> = {
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
  account: {
    label: 'merchant account',
    required: true,
    form: { pattern: CALYPSO_ACCOUNT_PATTERN, expected: 'a Calypso merchant account id: 0x followed by 40 hex digits' },
  },
  checkCreateInput: (input) => checkCreateInput(input),
  fields: [
    {
      name: 'services',
      flag: 'services',
      type: 'string-list',
      coversEvents: true,
      values: CALYPSO_SERVICES,
      description: 'whole service groups (INVOICE, PAYOUT, …)',
    },
  ],
  sandbox: {
    credentials: SANDBOX_CREDENTIALS,
    accounts: [CALYPSO_FAKE_ACCOUNT],
    port: 4012,
    // Only 200 is accepted; "the first retry comes after 30 s, then intervals follow a Fibonacci-like series
    // (30, 60, 90, 150, 240 s, …)", the last 125 430 s, 19 retries in all (docs.calypso.finance/webhooks/overview).
    redelivery: { delays: fibonacciLike(19), accepted: (status) => status === 200 },
    fake(options = {}) {
      const fake = createCalypsoFake({ ...SANDBOX_CREDENTIALS, acceptAnyAccount: true, ...(options.fetch ? { fetch: options.fetch } : {}) })
      return {
        runtime: fake,
        snapshot: () => fake.snapshot(),
        restore: (state) => fake.restore(state),
        async deliver(event, account, payload = calypsoSample(event)) {
          const sent = await fake.deliver({ id: eventId(), eventType: event, data: payload }, account === undefined ? {} : { account })
          return sent.map((d) => ({
            webhookId: d.requestId,
            url: d.url,
            ...(d.status === undefined ? { error: d.error ?? 'not delivered' } : { status: d.status }),
          }))
        },
      }
    },
    keys: (state) => state.subscriptions.map((s) => ({ keyId: s.publicKey, value: s.secretKey })),
    labelledKeys: (state) =>
      state.subscriptions.map((s) => ({ keyId: s.publicKey, value: s.secretKey, ref: s.requestId, label: `sandbox subscription ${s.requestId} secretKey` })),
    resign(state, ref, body) {
      const subscription = state.subscriptions.find((s) => s.requestId === ref)
      if (!subscription) return undefined
      const signed = signCalypsoDelivery(new TextDecoder().decode(body), subscription)
      return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]))
    },
  },
  verification: {
    signatureHeaders: [SIGN_HEADER.toLowerCase(), KEY_HEADER.toLowerCase()],
    keyIdHeaders: [KEY_HEADER.toLowerCase()],
    verifier: (keys) => calypsoVerifier({ secrets: secretsFor(keys) }),
    keysVariable: 'UNIHOOK_CALYPSO_KEYS',
    keysFromVariable: (value) => listOf(value).map(keyOf),
    input: [{ name: 'secret', flag: 'secret', description: 'a subscription’s secret key' }],
    keysFromInput: (values) => anyKeys(values.secret),
    // docs.calypso.finance/webhooks/overview; no timestamp is signed.
    diagnosis: {
      scheme: 'Sign: hex HMAC-SHA512 of the raw body (Key names the subscription)',
      signingKey: "the subscription's secretKey",
      confusedCredential: { credential: 'apiSecret', what: 'the API secret' },
    },
  },
  samples: {
    events: ['INVOICE_PAID', 'PAYOUT_CONFIRMED', 'INVOICE_EXPIRED'],
    payload: (event) => calypsoSample(event),
    input: [
      { name: 'publicKey', flag: 'public-key', description: 'the subscription’s public key, sent as Key' },
      { name: 'secret', flag: 'secret', description: 'the subscription’s secret key to sign with' },
    ],
    payloadField: 'data',
    sign(event, input, _account, payload = calypsoSample(event)) {
      if (!input.publicKey || !input.secret) throw new TypeError('calypso: a public key and a secret key are required to sign')
      return signCalypsoDelivery(calypsoDeliveryPayload({ id: eventId(), eventType: event, data: payload }), {
        publicKey: input.publicKey,
        secretKey: input.secret,
      })
    },
  },
  contract: {
    unknownId: '00000000-0000-4000-8000-000000000000',
    // The client picks the subscription id once per create and every attempt reuses it.
    createRetry: 'idempotent-key',
    testFake(options = {}) {
      const fake = createCalypsoFake({ ...SANDBOX_CREDENTIALS, accounts: [CALYPSO_FAKE_ACCOUNT], maxSubscriptions: options.maxWebhooks })
      const text = (value: unknown) => (typeof value === 'string' ? [value] : [])
      return {
        runtime: fake,
        webhooks: () =>
          fake.subscriptions(CALYPSO_FAKE_ACCOUNT).map((s) => ({
            id: String(s.requestId),
            url: String(s.url),
            events: (s.notificationEventTypes as string[] | undefined) ?? [],
            secrets: [...text(s.publicKey), ...text(s.secretKey)],
          })),
      }
    },
    // Lists are read with a POST, which changes nothing.
    isWrite: (r) => !(r.method === 'POST' && r.path === CALYPSO_PATHS.list),
    // The `Sign` of each attempt is over its own bytes, which carry a millisecond timestamp.
    requestSignature(request, { apiSecret }) {
      const { timestamp } = JSON.parse(request.body) as { timestamp?: unknown }
      return Number.isInteger(timestamp) && constantTimeEqual(request.headers.get(SIGN_HEADER) ?? '', calypsoSign(apiSecret ?? '', request.body))
    },
  },
}
