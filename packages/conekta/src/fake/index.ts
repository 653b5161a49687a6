/**
 * `createConektaFake()`: a stateful, in-memory fake of Conekta's webhooks and webhook-keys API on core's
 * fake runtime (request log, fault injection, injectable clock). It speaks the version each request
 * asks for with `Accept: application/vnd.conekta-v<version>+json`, 2.0.0 through 2.3.0, with that
 * version's request schemas and response shape (`versions.ts`), and refuses a version Conekta does not
 * have. It checks what the API checks: bearer (or Basic) auth with Conekta's 401 envelope, required
 * fields, unknown and mistyped fields, the URL rule that refuses localhost, known event names, the
 * 10-webhook limit, `limit` 1..250. It answers Conekta's shapes: 24-hex ids, the list envelope with
 * `next`/`previous` cursors and page URLs, 404 envelopes. `POST /webhooks/{id}/test` records a ping
 * and, with `deliver`, POSTs a signed `webhook_ping` event to the webhook's URL. Child companies of a
 * holding company each have their own store (`routes.ts` says how a request picks one). Where a
 * version's behaviour is not documented, the choice is listed under "Assumptions" in
 * docs/providers/conekta.md. The route table is in `routes.ts`.
 */

import { randomBytes } from 'node:crypto'
import { type Clock, createFakeRuntime, type FakeRuntime, type Faults, systemClock } from '@unihook/core/testing'
import { type Delivery, deliverEvent } from './delivery.js'
import { createOrderedStore } from './pages.js'
import { addWebhookKey, type CompanyStore, createRoutes, HOLDING, type RouteEnv, signingKey } from './routes.js'

/** Settings of `createConektaFake`. */
export interface ConektaFakeOptions {
  /** The private key the fake accepts (default `key_fake_conekta_0123456789`). */
  readonly apiKey?: string
  readonly clock?: Clock
  readonly faults?: Faults
  /** Webhooks per environment (default 10, as Conekta documents). */
  readonly maxWebhooks?: number
  /** Accept localhost/127.0.0.1 webhook URLs, which Conekta refuses; for local demos with a receiver on loopback. */
  readonly allowLocalhost?: boolean
  /** Whether the key is a live one: sets `production_enabled`/`development_enabled` and events' `livemode`. */
  readonly livemode?: boolean
  /** The status a new webhook answers (default `listening`). */
  readonly createdStatus?: string
  /**
   * The holding company's child companies: a request naming another in `X-Child-Company-Id` is answered
   * 404. Default: any child company id is accepted, each with its own (initially empty) store.
   */
  readonly childCompanies?: readonly string[]
  /** Child companies' own private keys, by child company id: a request with one acts for that child. */
  readonly childCompanyKeys?: Readonly<Record<string, string>>
  /** POST a signed `webhook_ping` to the webhook's URL on `test`; the test answer waits for the delivery. */
  readonly deliver?:
    | boolean
    | {
        /** What posts the delivery (default: the global `fetch`). */
        readonly fetch?: typeof globalThis.fetch
        readonly timeoutMs?: number
      }
}

/**
 * A webhook as the fake stores it, whatever version wrote it. Each version answers its own view:
 * 2.0.0/2.1.0 show `synchronous` and the enabled flags (`production_enabled`/`development_enabled`,
 * both false while `active` is false), 2.2.0+ show `active` and `description`.
 */
export interface StoredWebhook {
  readonly id: string
  readonly object: 'webhook'
  url: string
  status: string
  subscribed_events: string[]
  synchronous: boolean
  active: boolean
  /** Set only from Conekta's dashboard (no version writes it through the API); see `setDescription`. */
  description?: string
  readonly livemode: boolean
}

/** A webhook key as the Conekta fake stores it, private key included (Conekta never shows it; tests sign with it). */
export interface StoredWebhookKey {
  readonly id: string
  active: boolean
  readonly livemode: boolean
  readonly createdAt: number
  deactivatedAt: number | null
  readonly publicKey: string
  /** Conekta never hands this out; the fake signs deliveries with it. */
  readonly privateKey: string
}

/** One test call (`POST /webhooks/{id}/test`) the Conekta fake received. */
export interface Ping {
  readonly webhookId: string
  /** The fake clock's time of the test call. */
  readonly at: number
  readonly delivery?: Delivery
}

export interface ConektaFake extends FakeRuntime {
  readonly apiKey: string
  /** The stored webhooks in creation order (copies): the holding company's, or a child company's. */
  webhooks(childCompany?: string): readonly StoredWebhook[]
  /** The stored webhook keys in creation order (copies): the holding company's, or a child company's. */
  webhookKeys(childCompany?: string): readonly StoredWebhookKey[]
  /** Every `POST /webhooks/{id}/test` that found its webhook, in order. */
  readonly pings: readonly Ping[]
  readonly deliveries: readonly Delivery[]
  /** Sets a webhook's status (say, `intermittent_errors`), as Conekta does when deliveries fail. */
  setStatus(id: string, status: string): void
  /** Sets a webhook's description, as Conekta's dashboard does (the API has no field for it). */
  setDescription(id: string, description: string): void
  /** Adds an active webhook key, as `POST /webhook_keys` would, and returns it with its private half. */
  addWebhookKey(childCompany?: string): StoredWebhookKey
  /**
   * Posts an event to every webhook subscribed to its type, signed with the newest active webhook key,
   * as Conekta delivers; each outcome is also kept in `deliveries`.
   */
  deliver(
    event: { readonly type: string; readonly data?: unknown },
    options?: {
      /** What posts the deliveries (default: the global `fetch`). */
      readonly fetch?: typeof globalThis.fetch
      /** The child company whose webhooks receive it (default: the holding company's). */
      readonly childCompany?: string
    },
  ): Promise<readonly Delivery[]>
  /** The stored webhooks and webhook keys, as plain JSON, for a sandbox to persist. */
  snapshot(): ConektaFakeState
  /** Replaces the store with a snapshot's contents. */
  restore(state: ConektaFakeState): void
  /** Empties the store, the request log, pings, deliveries and armed faults. */
  reset(): void
}

/** What `snapshot()` returns: stored objects oldest first, so that a restore keeps their order. */
export interface ConektaFakeState {
  readonly webhooks: readonly StoredWebhook[]
  readonly webhookKeys: readonly StoredWebhookKey[]
  /** Child companies' stores, by child company id (absent when none holds anything). */
  readonly childCompanies?: Readonly<Record<string, { readonly webhooks: readonly StoredWebhook[]; readonly webhookKeys: readonly StoredWebhookKey[] }>>
}

/**
 * A stateful fake of Conekta's webhooks and webhook-keys API (versions 2.0.0 to 2.3.0, by `Accept`
 * header), for tests and the CLI's sandbox. Mount it with `mswHandler` or `serveFake`.
 */
export function createConektaFake(options: ConektaFakeOptions = {}): ConektaFake {
  const apiKey = options.apiKey ?? 'key_fake_conekta_0123456789'
  const clock = options.clock ?? systemClock
  const livemode = options.livemode ?? false
  const deliver = options.deliver === true ? {} : options.deliver || undefined

  // Every id ever issued keeps its creation position, so a cursor naming a deleted item still pages.
  const positions = new Map<string, number>()
  const positionOf = (id: string) => positions.get(id)
  const newCompany = (): CompanyStore => ({ webhooks: createOrderedStore(positionOf), keys: createOrderedStore(positionOf) })
  const companies = new Map<string, CompanyStore>([[HOLDING, newCompany()]])
  const knownChildren = options.childCompanies ? new Set(options.childCompanies) : undefined
  const childOfKey = new Map(Object.entries(options.childCompanyKeys ?? {}).map(([child, key]) => [key, child]))
  const pings: Ping[] = []
  const deliveries: Delivery[] = []
  let sequence = 0
  const machine = randomBytes(5).toString('hex')

  /** A MongoDB-ObjectId-like id: 4 bytes of seconds, 5 per-fake bytes, a 3-byte counter. */
  function newId(): string {
    const seconds = Math.floor(clock.now() / 1000) >>> 0
    sequence++
    const id = seconds.toString(16).padStart(8, '0') + machine + (sequence & 0xffffff).toString(16).padStart(6, '0')
    positions.set(id, sequence)
    return id
  }

  /** The company's store, made on its first use; `undefined` for a child company outside `childCompanies`. */
  function companyStore(id: string): CompanyStore | undefined {
    const found = companies.get(id)
    if (found) return found
    if (knownChildren && !knownChildren.has(id) && !childOfKey.has(options.childCompanyKeys?.[id] ?? '')) return undefined
    const made = newCompany()
    companies.set(id, made)
    return made
  }
  const storeOf = (child: string | undefined): CompanyStore => {
    const found = companyStore(child ?? HOLDING)
    if (!found) throw new Error(`createConektaFake: no child company ${child}`)
    return found
  }
  const holding = storeOf(HOLDING)

  // Log and event ids are not listed anywhere, so they need no creation position.
  const looseId = () => randomBytes(12).toString('hex')
  const env: RouteEnv = {
    apiKey,
    options,
    clock,
    livemode,
    deliver,
    pings,
    deliveries,
    newId,
    company: companyStore,
    childOfKey: (key) => childOfKey.get(key),
  }
  const route = createRoutes(env)

  const runtime = createFakeRuntime(route, { clock, ...(options.faults ? { faults: options.faults } : {}) })

  const copy = (w: StoredWebhook): StoredWebhook => ({ ...w, subscribed_events: [...w.subscribed_events] })
  const mustFind = (id: string) => {
    for (const company of companies.values()) {
      const found = company.webhooks.get(id)
      if (found) return found
    }
    throw new Error(`createConektaFake: no webhook ${id}`)
  }
  const stateOf = (company: CompanyStore) => ({ webhooks: company.webhooks.values().map(copy), webhookKeys: company.keys.values().map((k) => ({ ...k })) })
  const clear = () => {
    for (const company of companies.values()) {
      company.webhooks.clear()
      company.keys.clear()
    }
  }
  /** Restored objects keep their order; ids issued later come after them. */
  const restoreInto = (company: CompanyStore, state: Pick<ConektaFakeState, 'webhooks' | 'webhookKeys'>) => {
    for (const k of state.webhookKeys) {
      positions.set(k.id, ++sequence)
      company.keys.add({ ...k })
    }
    for (const w of state.webhooks) {
      positions.set(w.id, ++sequence)
      company.webhooks.add(copy(w))
    }
  }
  return {
    ...runtime,
    apiKey,
    pings,
    deliveries,
    webhooks: (child) => storeOf(child).webhooks.values().map(copy),
    webhookKeys: (child) =>
      storeOf(child)
        .keys.values()
        .map((k) => ({ ...k })),
    setStatus(id, status) {
      mustFind(id).status = status
    },
    setDescription(id, description) {
      mustFind(id).description = description
    },
    addWebhookKey: (child) => addWebhookKey(env, storeOf(child).keys, true),
    async deliver(event, deliverOptions = {}) {
      const company = storeOf(deliverOptions.childCompany)
      const key = signingKey(company.keys)
      const fetch = deliverOptions.fetch ?? (deliver ? deliver.fetch : undefined) ?? ((input, init) => globalThis.fetch(input, init))
      const targets = company.webhooks
        .values()
        .reverse()
        .filter((w) => w.subscribed_events.includes(event.type))
      const sent = await Promise.all(
        targets.map((w) =>
          deliverEvent(
            {
              webhookId: w.id,
              url: w.url,
              eventId: looseId(),
              at: new Date(clock.now()),
              livemode,
              ...(key ? { key: { id: key.id, privateKey: key.privateKey } } : {}),
              fetch,
              timeoutMs: (deliver ? deliver.timeoutMs : undefined) ?? 10_000,
            },
            event,
          ),
        ),
      )
      deliveries.push(...sent)
      return sent
    },
    snapshot: () => {
      const children = [...companies].filter(([id, company]) => id !== HOLDING && (company.webhooks.size > 0 || company.keys.size > 0))
      return {
        ...stateOf(holding),
        ...(children.length ? { childCompanies: Object.fromEntries(children.map(([id, company]) => [id, stateOf(company)])) } : {}),
      }
    },
    restore(state) {
      clear()
      restoreInto(holding, state)
      for (const [child, childState] of Object.entries(state.childCompanies ?? {})) restoreInto(storeOf(child), childState)
    },
    reset() {
      clear()
      pings.length = 0
      deliveries.length = 0
      runtime.clearRequests()
      runtime.faults.clear()
    },
  }
}
