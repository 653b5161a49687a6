/**
 * `createConektaFake()`: a stateful, in-memory fake of Conekta's webhooks and webhook-keys API on core's
 * fake runtime (request log, fault injection, injectable clock). It speaks the version each request
 * asks for with `Accept: application/vnd.conekta-v<version>+json`, 2.0.0 through 2.3.0, with that
 * version's request schemas and response shape (`versions.ts`), and refuses a version Conekta does not
 * have. It checks what the API checks: bearer (or Basic) auth with Conekta's 401 envelope, required
 * fields, unknown and mistyped fields, the URL rule that refuses localhost, known event names, the
 * 10-webhook limit, `limit` 1..250. It answers Conekta's shapes: 24-hex ids, the list envelope with
 * `next`/`previous` cursors and page URLs, 404 envelopes. `POST /webhooks/{id}/test` records a ping
 * and, with `deliver`, POSTs a signed `webhook_ping` event to the webhook's URL. Where a version's
 * behaviour is not documented, the choice is listed under "Assumptions" in docs/providers/conekta.md.
 */

import { randomBytes } from 'node:crypto'
import { type Clock, createFakeRuntime, type FakeRuntime, type Faults, matchPath, type RecordedRequest, systemClock } from '@unihook/core/testing'
import { CONEKTA_EVENTS } from '../events.js'
import { generateConektaKeyPair } from '../signing.js'
import { checkWebhookUrl, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WEBHOOKS } from '../validation.js'
import type { BodySchema } from '../versions.js'
import { type Delivery, deliverEvent, deliverPing } from './delivery.js'
import {
  AUTH_DETAIL,
  type Detail,
  errorResponse,
  invalidParam,
  type Locale,
  localeOf,
  malformed,
  notFoundDetail,
  ok,
  unknownField,
  webhookLimitDetail,
} from './envelopes.js'
import { createOrderedStore, type OrderedStore, type PageCursor } from './pages.js'
import { FAKE_API_VERSIONS, FAKE_SCHEMAS, type FakeApiVersion, requestedVersion, WEBHOOK_KEY_SCHEMA } from './versions.js'

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
  /** The stored webhooks in creation order (copies). */
  webhooks(): readonly StoredWebhook[]
  /** The stored webhook keys in creation order (copies). */
  webhookKeys(): readonly StoredWebhookKey[]
  /** Every `POST /webhooks/{id}/test` that found its webhook, in order. */
  readonly pings: readonly Ping[]
  readonly deliveries: readonly Delivery[]
  /** Sets a webhook's status (say, `intermittent_errors`), as Conekta does when deliveries fail. */
  setStatus(id: string, status: string): void
  /** Sets a webhook's description, as Conekta's dashboard does (the API has no field for it). */
  setDescription(id: string, description: string): void
  /** Adds an active webhook key, as `POST /webhook_keys` would, and returns it with its private half. */
  addWebhookKey(): StoredWebhookKey
  /**
   * Posts an event to every webhook subscribed to its type, signed with the newest active webhook key,
   * as Conekta delivers; each outcome is also kept in `deliveries`.
   */
  deliver(
    event: { readonly type: string; readonly data?: unknown },
    options?: { /** What posts the deliveries (default: the global `fetch`). */ readonly fetch?: typeof globalThis.fetch },
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
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(CONEKTA_EVENTS)

interface Ctx {
  readonly request: RecordedRequest
  readonly locale: Locale
  readonly version: FakeApiVersion
}

type Json = Record<string, unknown>

/**
 * A stateful fake of Conekta's webhooks and webhook-keys API (versions 2.0.0 to 2.3.0, by `Accept`
 * header), for tests and the CLI's sandbox. Mount it with `mswHandler` or `serveFake`.
 */
export function createConektaFake(options: ConektaFakeOptions = {}): ConektaFake {
  const apiKey = options.apiKey ?? 'key_fake_conekta_0123456789'
  const clock = options.clock ?? systemClock
  const maxWebhooks = options.maxWebhooks ?? MAX_WEBHOOKS
  const livemode = options.livemode ?? false
  const deliver = options.deliver === true ? {} : options.deliver || undefined

  // Every id ever issued keeps its creation position, so a cursor naming a deleted item still pages.
  const positions = new Map<string, number>()
  const positionOf = (id: string) => positions.get(id)
  const webhooks = createOrderedStore<StoredWebhook>(positionOf)
  const keys = createOrderedStore<StoredWebhookKey>(positionOf)
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

  const now = () => Math.floor(clock.now() / 1000)
  // Log and event ids are not listed anywhere, so they need no creation position.
  const looseId = () => randomBytes(12).toString('hex')
  const fail = (c: Pick<Ctx, 'locale'> & { version?: FakeApiVersion }, status: number, type: string, details: readonly Detail[]) =>
    errorResponse(status, type, details, c.locale, looseId(), c.version)
  const invalid = (c: Ctx, ...details: Detail[]) => fail(c, 422, 'parameter_validation_error', details)
  const notFound = (c: Ctx, kind: string, id: string) => fail(c, 404, 'resource_not_found_error', [notFoundDetail(kind, id)])
  const answer = (c: Ctx, body: unknown) => ok(body, c.version)

  function authorized(request: RecordedRequest): boolean {
    const header = request.headers.get('authorization') ?? ''
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
    if (bearer !== undefined) return bearer === apiKey
    // Conekta's curl examples authenticate with Basic (the key as user name, no password).
    const basic = /^Basic\s+(.+)$/i.exec(header)?.[1]
    if (basic === undefined) return false
    return Buffer.from(basic, 'base64').toString('utf8').replace(/:$/, '') === apiKey
  }

  function readBody(c: Ctx): Json | Response {
    if (c.request.body.trim() === '') return {}
    try {
      const value = JSON.parse(c.request.body) as unknown
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json
    } catch {
      // fall through
    }
    return fail(c, 400, 'malformed_request_error', [
      malformed('json', 'The request body is not a JSON object.', 'El cuerpo de la petición no es un objeto JSON.'),
    ])
  }

  function urlDetails(url: unknown): Detail[] {
    return checkWebhookUrl(url, { allowLocalhost: options.allowLocalhost === true }).map((issue) =>
      invalidParam('url', 'invalid', `url ${issue.message}`, 'La URL no es válida (debe ser pública, http o https, sin localhost ni 127.0.0.1).'),
    )
  }

  function eventDetails(events: unknown, param: string): Detail[] {
    if (!Array.isArray(events) || events.some((e) => typeof e !== 'string')) {
      return [invalidParam(param, 'invalid', `${param} must be an array of event names.`, `${param} debe ser una lista de eventos.`)]
    }
    return (events as string[])
      .filter((e) => !KNOWN_EVENTS.has(e))
      .map((e) => invalidParam(param, 'unknown_event', `${param}: unknown event ${JSON.stringify(e)}.`, `${param}: el evento ${JSON.stringify(e)} no existe.`))
  }

  /** Checks a body against a version's schema: unknown fields, missing required ones, and each value's type. */
  function schemaDetails(body: Json, schema: BodySchema): Detail[] {
    const unknown = Object.keys(body)
      .filter((name) => !Object.hasOwn(schema, name))
      .map(unknownField)
    const fields = Object.entries(schema).flatMap(([name, rule]): Detail[] => {
      const value = body[name]
      if (value === undefined) {
        return rule.required ? [invalidParam(name, 'required', `${name} is required.`, `${name} es requerido.`)] : []
      }
      if (rule.kind === 'url') return urlDetails(value)
      if (rule.kind === 'events') return eventDetails(value, name)
      return typeof value === rule.kind ? [] : [invalidParam(name, 'invalid', `${name} must be a ${rule.kind}.`, `${name} debe ser de tipo ${rule.kind}.`)]
    })
    return [...unknown, ...fields]
  }

  function pageParams(c: Ctx): { limit: number; next?: string; previous?: string } | Response {
    const query = c.request.url.searchParams
    const raw = query.get('limit')
    const limit = raw === null ? DEFAULT_PAGE_SIZE : Number(raw)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      return invalid(
        c,
        invalidParam('limit', 'invalid', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`, `limit debe ser un entero entre 1 y ${MAX_PAGE_SIZE}.`),
      )
    }
    const next = query.get('next') ?? undefined
    const previous = query.get('previous') ?? undefined
    return { limit, ...(next ? { next } : {}), ...(previous ? { previous } : {}) }
  }

  /** One page of `store`, each item shown through `view`: only the page's own items are read and shown. */
  function listOf<T extends { readonly id: string }>(
    c: Ctx,
    store: OrderedStore<T>,
    match: (item: T) => boolean,
    view: (item: T) => unknown,
    keep: readonly string[],
  ): Response {
    const params = pageParams(c)
    if (params instanceof Response) return params
    const pageUrl = (cursor: PageCursor) => {
      const url = new URL(c.request.url.pathname, c.request.url.origin)
      url.searchParams.set('limit', String(params.limit))
      for (const name of keep) {
        const value = c.request.url.searchParams.get(name)
        if (value !== null) url.searchParams.set(name, value)
      }
      for (const [k, v] of Object.entries(cursor)) url.searchParams.set(k, v)
      return url.toString()
    }
    const page = store.page(params, match, pageUrl)
    if (!page) {
      const param = params.next !== undefined ? 'next' : 'previous'
      return invalid(c, invalidParam(param, 'invalid', `${param} does not name a known object.`, `${param} no corresponde a ningún objeto.`))
    }
    return answer(c, { ...page, data: page.data.map(view) })
  }

  /** The webhook as version `c.version` shows it. */
  function webhookView(c: Ctx, w: StoredWebhook): Json {
    const common = { id: w.id, object: w.object, url: w.url, status: w.status, subscribed_events: [...w.subscribed_events], livemode: w.livemode }
    if (FAKE_SCHEMAS[c.version].response === 'active') {
      return { ...common, active: w.active, ...(w.description === undefined ? {} : { description: w.description }) }
    }
    return { ...common, synchronous: w.synchronous, production_enabled: w.livemode && w.active, development_enabled: !w.livemode && w.active }
  }

  const keyView = (key: StoredWebhookKey, extra: Json = {}) => ({
    active: key.active,
    livemode: key.livemode,
    created_at: key.createdAt,
    ...(key.deactivatedAt === null ? {} : { deactivated_at: key.deactivatedAt }),
    id: key.id,
    object: 'webhook_key',
    ...extra,
  })

  function addWebhookKey(active = true): StoredWebhookKey {
    const pair = generateConektaKeyPair()
    const key: StoredWebhookKey = {
      id: newId(),
      active,
      livemode,
      createdAt: now(),
      deactivatedAt: active ? null : now(),
      publicKey: pair.publicKey,
      privateKey: pair.privateKey,
    }
    keys.add(key)
    return key
  }

  // Which key signs while several are active is not documented; the fake uses the newest.
  const signingKey = () => keys.newest((k) => k.active)

  function checkKeyBody(c: Ctx): Json | Response {
    const body = readBody(c)
    if (body instanceof Response) return body
    const details = schemaDetails(body, WEBHOOK_KEY_SCHEMA)
    return details.length ? invalid(c, ...details) : body
  }

  const routes: { method: string; pattern: string; run: (c: Ctx, params: Record<string, string>) => Promise<Response> | Response }[] = [
    {
      method: 'GET',
      pattern: '/webhooks',
      run: (c) => {
        const query = c.request.url.searchParams
        const url = query.get('url')
        const search = query.get('search')
        const match = (w: StoredWebhook) => (url === null || w.url === url) && (search === null || w.url.includes(search) || w.id === search)
        return listOf(c, webhooks, match, (w) => webhookView(c, w), ['url', 'search'])
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks',
      run: (c) => {
        const body = readBody(c)
        if (body instanceof Response) return body
        const details = schemaDetails(body, FAKE_SCHEMAS[c.version].create)
        if (details.length) return invalid(c, ...details)
        if (webhooks.size >= maxWebhooks) return invalid(c, webhookLimitDetail(maxWebhooks))
        // A create without events subscribes the webhook to every event (the assumption the docs record).
        const events = body.subscribed_events === undefined ? [...CONEKTA_EVENTS] : [...new Set(body.subscribed_events as string[])]
        const stored: StoredWebhook = {
          id: newId(),
          object: 'webhook',
          url: body.url as string,
          status: options.createdStatus ?? 'listening',
          subscribed_events: events,
          synchronous: body.synchronous === true,
          active: true,
          livemode,
        }
        webhooks.add(stored)
        return answer(c, webhookView(c, stored))
      },
    },
    {
      method: 'GET',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = webhooks.get(id)
        return found ? answer(c, webhookView(c, found)) : notFound(c, 'Webhook', id)
      },
    },
    {
      method: 'PUT',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        const body = readBody(c)
        if (body instanceof Response) return body
        const details = schemaDetails(body, FAKE_SCHEMAS[c.version].update)
        if (details.length) return invalid(c, ...details)
        if (body.url !== undefined) found.url = body.url as string
        const events = body.events ?? body.subscribed_events
        if (events !== undefined) found.subscribed_events = [...new Set(events as string[])]
        if (body.synchronous !== undefined) found.synchronous = body.synchronous as boolean
        if (body.active !== undefined) found.active = body.active as boolean
        return answer(c, webhookView(c, found))
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        webhooks.remove(id)
        // 2.1.0's schema (and Conekta's mock) add `deleted: true`; 2.2.0 removed the field from the schema.
        const view = webhookView(c, found)
        return answer(c, FAKE_SCHEMAS[c.version].response === 'flags' ? { ...view, deleted: true } : view)
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:id/test',
      run: async (c, { id = '' }) => {
        const found = webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        // The spec declares no body; an empty one or `{}` is accepted, anything else is a field no version knows.
        const body = readBody(c)
        if (body instanceof Response) return body
        const details = schemaDetails(body, {})
        if (details.length) return invalid(c, ...details)
        const at = clock.now()
        if (!deliver) {
          pings.push({ webhookId: id, at })
          return answer(c, webhookView(c, found))
        }
        const key = signingKey()
        const delivery = await deliverPing({
          webhookId: id,
          url: found.url,
          eventId: looseId(),
          at: new Date(at),
          livemode,
          ...(key ? { key: { id: key.id, privateKey: key.privateKey } } : {}),
          fetch: deliver.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          timeoutMs: deliver.timeoutMs ?? 10_000,
        })
        deliveries.push(delivery)
        pings.push({ webhookId: id, at, delivery })
        return answer(c, webhookView(c, found))
      },
    },
    {
      method: 'GET',
      pattern: '/webhook_keys',
      // Lists answer `public_key: null`, as Conekta's own mock does.
      run: (c) =>
        listOf(
          c,
          keys,
          () => true,
          (k) => ({ ...keyView(k), deactivated_at: k.deactivatedAt, deleted: null, public_key: null }),
          [],
        ),
    },
    {
      method: 'POST',
      pattern: '/webhook_keys',
      run: (c) => {
        const body = checkKeyBody(c)
        if (body instanceof Response) return body
        const key = addWebhookKey(body.active !== false)
        return answer(c, {
          active: key.active,
          livemode: key.livemode,
          created_at: key.createdAt,
          id: key.id,
          object: 'webhook_key',
          public_key: key.publicKey,
        })
      },
    },
    {
      method: 'GET',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        return key ? answer(c, keyView(key)) : notFound(c, 'WebhookKey', id)
      },
    },
    {
      method: 'PUT',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        const body = checkKeyBody(c)
        if (body instanceof Response) return body
        // `webhook_key_update_request` defaults `active` to false: an update without it deactivates.
        const active = body.active === true
        if (key.active && !active) key.deactivatedAt = now()
        if (active) key.deactivatedAt = null
        key.active = active
        return answer(c, keyView(key))
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        keys.remove(id)
        return answer(c, { active: false, livemode: key.livemode, created_at: key.createdAt, deleted: true, id: key.id, object: 'webhook_key' })
      },
    },
  ]

  /** The version the request pins, or the refusal Conekta's answer stands for (see the provider page's assumptions). */
  function versionOf(request: RecordedRequest, locale: Locale): FakeApiVersion | Response {
    const { version, unknown } = requestedVersion(request.headers.get('accept'))
    if (version) return version
    const known = FAKE_API_VERSIONS.join(', ')
    const en =
      unknown === undefined
        ? `Send Accept: application/vnd.conekta-v<version>+json with one of the API versions ${known}.`
        : `The API version ${unknown} does not exist; use one of ${known}.`
    const es =
      unknown === undefined
        ? `Envía Accept: application/vnd.conekta-v<versión>+json con una de las versiones ${known}.`
        : `La versión ${unknown} de la API no existe; usa una de ${known}.`
    return fail({ locale }, 400, 'malformed_request_error', [malformed('api_version', en, es)])
  }

  async function route(request: RecordedRequest): Promise<Response> {
    const locale = localeOf(request.headers.get('accept-language'))
    if (!authorized(request)) return fail({ locale }, 401, 'authentication_error', [AUTH_DETAIL])
    const version = versionOf(request, locale)
    if (version instanceof Response) return version
    const c: Ctx = { request, locale, version }
    for (const r of routes) {
      if (r.method !== request.method) continue
      const params = matchPath(r.pattern, request.path)
      if (params) return r.run(c, params)
    }
    return notFound(c, 'Route', `${request.method} ${request.path}`)
  }

  const runtime = createFakeRuntime(route, { clock, ...(options.faults ? { faults: options.faults } : {}) })

  const copy = (w: StoredWebhook): StoredWebhook => ({ ...w, subscribed_events: [...w.subscribed_events] })
  const mustFind = (id: string) => {
    const found = webhooks.get(id)
    if (!found) throw new Error(`createConektaFake: no webhook ${id}`)
    return found
  }
  return {
    ...runtime,
    apiKey,
    pings,
    deliveries,
    webhooks: () => webhooks.values().map(copy),
    webhookKeys: () => keys.values().map((k) => ({ ...k })),
    setStatus(id, status) {
      mustFind(id).status = status
    },
    setDescription(id, description) {
      mustFind(id).description = description
    },
    addWebhookKey: () => addWebhookKey(true),
    async deliver(event, deliverOptions = {}) {
      const key = signingKey()
      const fetch = deliverOptions.fetch ?? (deliver ? deliver.fetch : undefined) ?? ((input, init) => globalThis.fetch(input, init))
      const targets = webhooks
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
    snapshot: () => ({ webhooks: webhooks.values().map(copy), webhookKeys: keys.values().map((k) => ({ ...k })) }),
    restore(state) {
      webhooks.clear()
      keys.clear()
      // Restored objects keep their order; ids issued later come after them.
      for (const k of state.webhookKeys) {
        positions.set(k.id, ++sequence)
        keys.add({ ...k })
      }
      for (const w of state.webhooks) {
        positions.set(w.id, ++sequence)
        webhooks.add(copy(w))
      }
    },
    reset() {
      webhooks.clear()
      keys.clear()
      pings.length = 0
      deliveries.length = 0
      runtime.clearRequests()
      runtime.faults.clear()
    },
  }
}
