/**
 * Provider descriptors: everything a tool that serves every provider (the CLI, its sandbox, the test
 * suites) needs to know about one provider, as plain data and small factories, so that such a tool
 * loops over a registry of descriptors instead of naming providers. An adapter package exports its
 * descriptor from `@unihook/<provider>/descriptor`, an entry apps never import by accident: it pulls in
 * the adapter, the verifier and the fake together. Types only here, so `@unihook/core` does not grow.
 */

import type { Capabilities } from './capabilities.js'
import type { Issue } from './errors.js'
import type { TransportSettings } from './http.js'
import type { WebhookProvider } from './provider.js'
import type { FakeRuntime, RecordedRequest } from './testing/fake.js'
import type { Verifier } from './verify/verification.js'

/**
 * A key deliveries are verified with, whatever the provider calls it: a webhook secret (Razorpay,
 * Calypso), or a public key in PEM form (Conekta). `keyId` names the key a delivery says it was signed
 * with, where the provider sends one (Calypso's `Key` header); absent, the key is tried for any delivery.
 */
export interface DeliveryKey {
  readonly value: string
  readonly keyId?: string
}

/** Where a tool reaches a provider, with what: what `credentials.build` is given. */
export interface AdapterSettings {
  /** The credentials by their names in `credentials.variables` (`apiKey`, `keyId`, …). */
  readonly credentials: Readonly<Record<string, string>>
  readonly baseUrl?: string
  /** The account to act for (a sub-merchant, a child company, a merchant account). */
  readonly account?: string
  /** The adapter talks to the sandbox's fake: accept what only the fake accepts (loopback webhook URLs). */
  readonly sandbox?: boolean
  /** Provider-specific options of the adapter's factory (Conekta's `apiVersion`), applied last. */
  readonly options?: Readonly<Record<string, unknown>>
  /** Timeouts, retries, `fetch`, extra headers: passed unchanged to the adapter's transport. */
  readonly transport?: TransportSettings
}

/** The environment variables a provider's real API is configured from, and how an adapter is made of them. */
export interface CredentialSpec {
  /** Credential name to the environment variable holding it, e.g. `{ apiKey: 'CONEKTA_API_KEY' }`; all are required. */
  readonly variables: Readonly<Record<string, string>>
  /** The variable overriding the API's base URL (a proxy, a sandbox). */
  readonly baseUrlVariable: string
  /** The variable naming the default account. */
  readonly accountVariable: string
  /** Credentials that are identifiers, not secrets (Razorpay's `keyId`): they may be shown. */
  readonly identifiers: readonly string[]
  /** Forms the credentials take on the wire that are secret too (Razorpay's Basic token), for leak checks. */
  wireForms?(credentials: Readonly<Record<string, string>>): readonly string[]
  /**
   * Builds the adapter. Throws a `TypeError` for settings no call could use (a malformed base URL or
   * account, an empty credential), which a tool reports as a configuration error.
   */
  build(settings: AdapterSettings): WebhookProvider
}

/** How a provider scopes calls to an account, for messages and up-front checks. */
export interface AccountSpec {
  /** What the provider calls an account, for messages: `'sub-merchant account (acc_…)'`. */
  readonly label: string
  /** Whether every call must name one (on the adapter or per call); else calls act for the key's owner. */
  readonly required: boolean
  /**
   * One key reaches many accounts (a Razorpay partner's sub-merchants), so every webhook a config file
   * declares must name its account instead of taking the default one.
   */
  readonly namedInConfig?: boolean
  /** The form an account id takes, checked before any request, and that form in words. */
  readonly form?: { readonly pattern: RegExp; readonly expected: string }
}

/** A provider-specific field of a webhook (create, update, webhooks-as-code config), beyond the common ones. */
export interface FieldSpec<Name extends string = string> {
  /** The property of the adapter's create and update input (`alertEmail`). */
  readonly name: Name
  /** The command-line flag that sets it (`alert-email`). */
  readonly flag: string
  readonly type: 'string' | 'string-list'
  readonly description: string
  /** The values it takes, where the provider has a catalogue of them (Calypso's service groups). */
  readonly values?: readonly string[]
  /** A non-empty value stands in for `events` (Calypso's whole service groups). */
  readonly coversEvents?: boolean
}

/** One signed delivery, ready to POST: the exact body bytes and the headers the provider would send. */
export interface SignedSample {
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** What a user supplies to sign or verify a delivery by hand, and the flag that carries it. */
export interface KeyInput {
  /** The name the value is passed to `sign` under (`secret`, `privateKey`, `publicKey`). */
  readonly name: string
  /** The command-line flag (`secret`, `private-key-file`). */
  readonly flag: string
  /** The flag names a file whose text is the value (a PEM key). */
  readonly file?: boolean
  readonly description: string
}

/** One delivery the sandbox's fake attempted: the receiver's status, or why it did not arrive. */
export interface SandboxDelivery {
  readonly webhookId?: string
  readonly url: string
  readonly status?: number
  readonly error?: string
}

/** A fake of the provider's API as the sandbox runs it: served over HTTP, persisted, and delivering. */
export interface SandboxFake<State = unknown> {
  /** The fake itself: its HTTP handler (serve it with `serveFake`), fault injector and request log. */
  readonly runtime: FakeRuntime
  /** The store as plain JSON, for the sandbox to persist. */
  snapshot(): State
  /** Replaces the store with a snapshot's contents. */
  restore(state: State): void
  /**
   * Delivers a sample of `event` to every subscribed webhook (of `account`, where accounts apply), signed
   * as the provider signs; `payload` replaces the sample's `samples.payload(event, account)` (a sample a user edited).
   */
  deliver(event: string, account?: string, payload?: unknown): Promise<readonly SandboxDelivery[]>
}

/** A key the sandbox holds, as a tool shows it: where it came from (never its value) and which webhook it belongs to. */
export interface SandboxKey extends DeliveryKey {
  /** What the key is, for a diagnosis: `sandbox webhook wh_1 secret`. */
  readonly label: string
  /** What the key belongs to (a webhook id, a webhook key id), so that a resend finds it again. */
  readonly ref: string
  /** A key no longer in use (a deactivated webhook key): it signs nothing, but a delivery may still carry its signature. */
  readonly retired?: boolean
}

/** How the provider retries a delivery it did not see accepted, for a sandbox that rehearses it. */
export interface RedeliverySpec<State = unknown> {
  /** Seconds before each retry, each counted from the attempt before it, where the provider publishes them. */
  readonly delays?: readonly number[]
  /**
   * Where the delays are unpublished but the span is (Razorpay: 24 hours): the seconds from the first
   * attempt to the last retry. A tool then assumes its own backoff over that span.
   */
  readonly horizon?: number
  /** Whether the provider takes an answer with this status as accepted (stops retrying). */
  accepted(status: number): boolean
  /**
   * For providers that sign a timestamp (Stripe): the signature headers of a retry of `delivery`, signed
   * now with the key that signed it, or undefined when the state no longer holds that key. Absent, a
   * retry is the first delivery byte for byte, as providers without a signed timestamp send it.
   */
  resign?(
    state: State,
    delivery: { readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body: string },
  ): Readonly<Record<string, string>> | undefined
}

/** The sandbox's side of a provider: its fake, and the fixed credentials and accounts it answers to. */
export interface SandboxSpec<State = unknown> {
  /** Fixed and documented, so that scripts and apps can be pointed at the sandbox. They guard nothing real. */
  readonly credentials: Readonly<Record<string, string>>
  /** Accounts the sandbox offers; the first is used when a command names none. Empty where calls need none. */
  readonly accounts: readonly string[]
  /**
   * The port a tool's sandbox serves this fake on by default, where one is documented (Conekta 4010); a
   * provider without one gets the next free port after the documented ones, in registry order.
   */
  readonly port?: number
  /** Its retry schedule; absent, a tool assumes any 2xx is accepted and a schedule of its own. */
  readonly redelivery?: RedeliverySpec<State>
  /** A fresh fake answering to `credentials`; `fetch` posts its deliveries (the sandbox times them). */
  fake(options?: { readonly fetch?: typeof globalThis.fetch }): SandboxFake<State>
  /** The keys the sandbox signs deliveries with, read from a persisted state. */
  keys(state: State): readonly DeliveryKey[]
  /** Every key of a persisted state, retired ones too, labelled; absent, `keys` unlabelled. */
  labelledKeys?(state: State): readonly SandboxKey[]
  /**
   * The signature headers the sandbox would put on `body` now with the key `ref` names (as that key is
   * now: a rotated secret signs anew), or undefined when the state no longer holds it.
   */
  resign?(state: State, ref: string, body: Uint8Array): Readonly<Record<string, string>> | undefined
}

/** What a tool says about a delivery that did not verify: how its signature is made, with which key, and what users take for that key. */
export interface DiagnosisHints {
  /** How the signature is made, for the reader: `X-Razorpay-Signature: hex HMAC-SHA256 of the raw body`. */
  readonly scheme: string
  /** The key deliveries are signed with, in words. */
  readonly signingKey: string
  /** The API credential users mistake for the signing key: its name in `credentials.variables`, and what it is. */
  readonly confusedCredential?: { readonly credential: string; readonly what: string }
  /** A header naming the event, shown for deliveries that did not verify. */
  readonly eventIdHeader?: string
  /** Signed timestamp tolerance, for providers that sign one. */
  readonly toleranceMs?: number
}

/** How deliveries are verified: from which keys, and how a tool recognises and gathers them. */
export interface VerificationSpec {
  /** Headers every delivery of this provider carries (lower case): a tool tells who sent a delivery by them. */
  readonly signatureHeaders: readonly string[]
  /** Of `signatureHeaders`, those that name a key instead of carrying a signature (Calypso's `key`): a tool shows them as they are. */
  readonly keyIdHeaders?: readonly string[]
  /** Builds the verifier; throws a `TypeError` for a key that cannot be used (a PEM that does not load). */
  verifier(keys: readonly DeliveryKey[]): Verifier
  /** The environment variable a tool reads keys from, and how its value reads (`read` loads a named file). */
  readonly keysVariable: string
  /** The keys that variable's value gives (a comma-separated list, of secrets or of PEM file names). */
  keysFromVariable(value: string, read: (path: string) => string): readonly DeliveryKey[]
  /** What a user passes on the command line to verify by hand (a secret, a public key file). */
  readonly input: readonly KeyInput[]
  /** The keys those inputs give. */
  keysFromInput(values: Readonly<Record<string, readonly string[]>>): readonly DeliveryKey[]
  /** For explaining a failed verification. */
  readonly diagnosis?: DiagnosisHints
}

/** Sample deliveries, in the provider's documented shapes, for `trigger` and demos. */
export interface SampleSpec<Event extends string = string> {
  /** A few events to show and trigger, the most common first. */
  readonly events: readonly [Event, Event, ...Event[]]
  /** The event payload the provider would send for `event` (catalogued or not), about `account` where given. */
  payload(event: string, account?: string): unknown
  /** What signing a delivery by hand takes (a webhook secret, a private key). */
  readonly input: readonly KeyInput[]
  /** The field of a delivered body that holds `payload(event)` (`data`): where a tool's edits of a sample start. */
  readonly payloadField: string
  /** Signs a sample of `event` with the given inputs (`payload` replacing the sample's); throws a `TypeError` when one cannot be used. */
  sign(event: string, input: Readonly<Record<string, string>>, account?: string, payload?: unknown): SignedSample
}

/** A webhook as a fake stores it, read past its API: what a write changed, and the delivery secrets it holds. */
export interface StoredWebhook {
  readonly id: string
  readonly url: string
  readonly events: readonly string[]
  /** The delivery secrets the fake holds for it (a given secret, a generated key pair); none where the account holds them. */
  readonly secrets: readonly string[]
}

/** A fake as test suites drive it: its runtime, and its store read directly, so that a suite checks what a call really changed. */
export interface TestFake {
  readonly runtime: FakeRuntime
  /** Every webhook of the sandbox's first account (or of the key's owner), in any order. */
  webhooks(): readonly StoredWebhook[]
  /** How many account-wide signing keys it holds, where the provider has them (Conekta's webhook keys). */
  signingKeyCount?(): number
}

/** A request as a suite saw it reach a fake. */
export interface SeenRequest {
  readonly method: string
  readonly path: string
}

/** What the shared contract suite (`@unihook/core/testing/contract`) needs beyond the sandbox to check an adapter. */
export interface ContractFacts {
  /** A well-formed webhook id that names no webhook. */
  readonly unknownId: string
  /**
   * How a create answered 503 once behaves: `never-retried` (one request, the error surfaces) or
   * `idempotent-key` (retried under the same client-chosen id, exactly one webhook results).
   */
  readonly createRetry: 'never-retried' | 'idempotent-key'
  /** For providers that sign requests: whether one recorded request is signed with these credentials. */
  requestSignature?(request: RecordedRequest, credentials: Readonly<Record<string, string>>): boolean
  /**
   * A fresh fake for test suites: answering `sandbox.credentials` and the sandbox's first account, delivering
   * nothing, with room for `maxWebhooks` per account (the provider's own limit when absent).
   */
  testFake?(options?: { readonly maxWebhooks?: number }): TestFake
  /** Whether the adapter may send this request again after a failure (idempotent by method, or keyed by a client-chosen id). Default: any but POST, or any where `createRetry` is `idempotent-key`. */
  retriable?(request: SeenRequest): boolean
  /** Whether this request may change the provider's state. Default: any but GET. */
  isWrite?(request: SeenRequest): boolean
  /** Other adapter settings the suites run under too, each with a label (an older API version that takes other paths). */
  readonly variants?: readonly { readonly label: string; readonly options: Readonly<Record<string, unknown>> }[]
}

/**
 * Everything a tool serving every provider needs to know about one: its name and events, the
 * credentials its adapter is built from, its capabilities, its sandbox, how its deliveries are verified
 * and how sample deliveries are made. Exported by each adapter package from `@unihook/<provider>/descriptor`.
 *
 * `ConfigFields` is, for the type checker only, how a webhook of a config file differs for this provider
 * from the common entry (`{ url, events, account?, description?, enabled? }`): its extra fields (`fields`
 * lists them), an `account` it requires, or `events` it makes optional. A tool types its config file
 * from it (`@unihook/cli`'s `defineConfig`).
 */
export interface ProviderDescriptor<
  Name extends string = string,
  Event extends string = string,
  State = unknown,
  ConfigFields extends object = Record<never, never>,
> {
  /** The provider's name, as `WebhookProvider.provider` and on the command line (`conekta`). */
  readonly name: Name
  /** The provider's name in prose (`Conekta`). */
  readonly title: string
  /** The event catalogue. */
  readonly events: readonly Event[]
  /** The capability table of the adapter at its default settings. */
  readonly capabilities: Capabilities
  readonly credentials: CredentialSpec
  readonly account: AccountSpec
  /** Provider-specific webhook fields, each one of `ConfigFields`. */
  readonly fields: readonly FieldSpec<Exclude<keyof ConfigFields, 'account' | 'events'> & string>[]
  /**
   * Makes a webhook secret the provider accepts, where the caller chooses it (`capabilities.secret.owner`
   * is `caller`): a tool makes and writes it down before the create is sent, so that it is never lost.
   */
  generateSecret?(): string
  /**
   * What the adapter's `create` would refuse in this input, without a request (its exported
   * `checkCreateInput`); `sandbox`: the input is for the sandbox's fake, which accepts loopback URLs.
   * Required: it is how `plan` refuses a config that `apply` would fail on, before any request.
   */
  checkCreateInput(input: unknown, options?: { readonly sandbox?: boolean }): readonly Issue[]
  readonly sandbox: SandboxSpec<State>
  readonly verification: VerificationSpec
  readonly samples: SampleSpec<Event>
  readonly contract: ContractFacts
}

/** Any provider's descriptor, as a registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds descriptors of different state types.
export type AnyProviderDescriptor = ProviderDescriptor<string, string, any, any>
