/**
 * What an adapter hands the provider contract suite: how to build it against its fake, in each mode.
 */

import type { WebhookProvider } from '../../provider.js'
import type { RecordedRequest } from '../fake.js'
import type { Faults } from '../faults.js'

/** `msw`: the fake mounted in-process. `http`: served on 127.0.0.1. `memory`: no HTTP at all. */
export type Mode = 'msw' | 'http' | 'memory'

/** What one contract test runs against: the adapter, its fake's faults and request log. */
export interface ContractHarness<E extends string = string> {
  /** The adapter under test, with valid credentials, pointed at the fake. Retry delays should be short. */
  readonly provider: WebhookProvider<E>
  /** The same adapter with credentials the fake refuses. */
  readonly withBadCredentials: WebhookProvider<E>
  /** The fake's fault injector. Faults are armed without a match, so they hit the next request of any kind. */
  readonly faults: Faults
  /** Requests (or, for memory, calls) that reached the fake so far. */
  requestCount(): number
  /** The recorded HTTP requests, where there are any (for the re-signing check). */
  requests?(): readonly RecordedRequest[]
  /** Unmounts the fake. */
  close(): Promise<void>
}

/** An adapter as the contract suite sees it: how to set it up against its fake, and the facts the checks need. */
export interface ContractSubject<E extends string = string> {
  readonly name: string
  readonly modes: readonly Mode[]
  /** A fresh harness for one test, the fake mounted in `mode`. */
  setup(mode: Mode): Promise<ContractHarness<E>>
  /** At least two event names from the catalog. */
  readonly events: readonly [E, E, ...E[]]
  /** Distinct, valid webhook URLs. */
  url(n: number): string
  /** A well-formed id that names no webhook. */
  readonly unknownId: string
  /** Credentials and secrets the harness uses: none may appear in any error or serialized object. */
  readonly secrets: readonly string[]
  /**
   * How a create answered 503 once behaves: `never-retried` (one request, the error surfaces) or
   * `idempotent-key` (retried under the same client-chosen id, exactly one webhook results).
   */
  readonly createRetry: 'never-retried' | 'idempotent-key'
  /** For providers that sign requests: checks one recorded request's signature. */
  readonly requestSignature?: (request: RecordedRequest) => boolean
}
