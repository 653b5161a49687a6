/**
 * `createConektaFake()`: a stateful, in-memory fake of Conekta's webhooks and webhook-keys API (2.1.0)
 * on core's fake runtime (request log, fault injection, injectable clock). It checks what the API
 * checks: bearer (or Basic) auth with Conekta's 401 envelope, the versioned `Accept` header, the URL
 * rule that refuses localhost, known event names, `synchronous` required on create and `url` on update,
 * the 10-webhook limit, `limit` 1..250. It answers Conekta's shapes: 24-hex ids, the list envelope with
 * `next`/`previous` cursors and page URLs, 404 envelopes, DELETE answering the object with
 * `deleted: true`. `POST /webhooks/{id}/test` records a ping and, with `deliver`, POSTs a signed
 * `webhook_ping` event to the webhook's URL.
 */

import { randomBytes } from 'node:crypto'
import { type Clock, createFakeRuntime, type FakeRuntime, type Faults, matchPath, type RecordedRequest, systemClock } from '@unihook/core/testing'
import { CONEKTA_ACCEPT } from '../client.js'
import { CONEKTA_EVENTS } from '../events.js'
import { generateConektaKeyPair } from '../signing.js'
import { checkWebhookUrl, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WEBHOOKS } from '../validation.js'
import { type Delivery, deliverEvent, deliverPing } from './delivery.js'
import { AUTH_DETAIL, type Detail, errorResponse, invalidParam, type Locale, localeOf, malformed, notFoundDetail, ok, webhookLimitDetail } from './envelopes.js'
import { paginate } from './pages.js'

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
  /**
   * Whether a create honours `subscribed_events`. API 2.1.0's create schema has no events field; Conekta's
   * tutorial sends it anyway. `ignore` subscribes a new webhook to the whole catalog instead, so a client's
   * follow-up update can be exercised. Default `honour`.
   */
  readonly createEvents?: 'honour' | 'ignore'
  /** The status a new webhook answers (default `listening`). */
  readonly createdStatus?: string
  /** POST a signed `webhook_ping` to the webhook's URL on `test`; the test answer waits for the delivery. */
  readonly deliver?: boolean | { readonly fetch?: typeof globalThis.fetch; readonly timeoutMs?: number }
}

/** A webhook as the fake stores it: Conekta 2.1.0's webhook object. */
export interface StoredWebhook {
  readonly id: string
  readonly object: 'webhook'
  url: string
  status: string
  subscribed_events: string[]
  synchronous: boolean
  production_enabled: boolean
  development_enabled: boolean
}

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
  webhookKeys(): readonly StoredWebhookKey[]
  /** Every `POST /webhooks/{id}/test` that found its webhook, in order. */
  readonly pings: readonly Ping[]
  readonly deliveries: readonly Delivery[]
  /** Sets a webhook's status (say, `intermittent_errors`), as Conekta does when deliveries fail. */
  setStatus(id: string, status: string): void
  /** Adds an active webhook key, as `POST /webhook_keys` would, and returns it with its private half. */
  addWebhookKey(): StoredWebhookKey
  /**
   * Posts an event to every webhook subscribed to its type, signed with the newest active webhook key,
   * as Conekta delivers; each outcome is also kept in `deliveries`.
   */
  deliver(event: { readonly type: string; readonly data?: unknown }, options?: { readonly fetch?: typeof globalThis.fetch }): Promise<readonly Delivery[]>
  /** The stored webhooks and webhook keys, as plain JSON, for a sandbox to persist. */
  snapshot(): ConektaFakeState
  /** Replaces the store with a snapshot's contents. */
  restore(state: ConektaFakeState): void
  /** Empties the store, the request log, pings, deliveries and armed faults. */
  reset(): void
}

/** What `snapshot()` returns: stored objects newest last, their ids keeping their creation order. */
export interface ConektaFakeState {
  readonly webhooks: readonly StoredWebhook[]
  readonly webhookKeys: readonly StoredWebhookKey[]
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(CONEKTA_EVENTS)

interface Ctx {
  readonly request: RecordedRequest
  readonly locale: Locale
}

type Json = Record<string, unknown>

export function createConektaFake(options: ConektaFakeOptions = {}): ConektaFake {
  const apiKey = options.apiKey ?? 'key_fake_conekta_0123456789'
  const clock = options.clock ?? systemClock
  const maxWebhooks = options.maxWebhooks ?? MAX_WEBHOOKS
  const livemode = options.livemode ?? false
  const deliver = options.deliver === true ? {} : options.deliver || undefined

  const webhooks = new Map<string, StoredWebhook>()
  const keys = new Map<string, StoredWebhookKey>()
  const pings: Ping[] = []
  const deliveries: Delivery[] = []
  // Every id ever issued keeps its creation position, so a cursor naming a deleted item still pages.
  const positions = new Map<string, number>()
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
  const fail = (c: Ctx, status: number, type: string, details: readonly Detail[]) => errorResponse(status, type, details, c.locale, looseId())
  const invalid = (c: Ctx, ...details: Detail[]) => fail(c, 422, 'parameter_validation_error', details)
  const notFound = (c: Ctx, kind: string, id: string) => fail(c, 404, 'resource_not_found_error', [notFoundDetail(kind, id)])
  const newestFirst = <T extends { readonly id: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => (positions.get(b.id) ?? 0) - (positions.get(a.id) ?? 0))
  const oldestFirst = <T extends { readonly id: string }>(items: Iterable<T>) => newestFirst(items).reverse()

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
    return fail(c, 400, 'malformed_request_error', [malformed('json', 'The request body is not a JSON object.', 'El cuerpo de la petición no es un objeto JSON.')])
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

  function pageParams(c: Ctx): { limit: number; next?: string; previous?: string } | Response {
    const query = c.request.url.searchParams
    const raw = query.get('limit')
    const limit = raw === null ? DEFAULT_PAGE_SIZE : Number(raw)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      return invalid(c, invalidParam('limit', 'invalid', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`, `limit debe ser un entero entre 1 y ${MAX_PAGE_SIZE}.`))
    }
    const next = query.get('next') ?? undefined
    const previous = query.get('previous') ?? undefined
    return { limit, ...(next ? { next } : {}), ...(previous ? { previous } : {}) }
  }

  function listOf<T extends { readonly id: string }>(c: Ctx, ordered: readonly T[], keep: readonly string[]): Response {
    const params = pageParams(c)
    if (params instanceof Response) return params
    const pageUrl = (cursor: { next: string } | { previous: string }) => {
      const url = new URL(c.request.url.pathname, c.request.url.origin)
      url.searchParams.set('limit', String(params.limit))
      for (const name of keep) {
        const value = c.request.url.searchParams.get(name)
        if (value !== null) url.searchParams.set(name, value)
      }
      for (const [k, v] of Object.entries(cursor)) url.searchParams.set(k, v)
      return url.toString()
    }
    const page = paginate(ordered, params, (id) => positions.get(id), pageUrl)
    if (!page) {
      const param = params.next !== undefined ? 'next' : 'previous'
      return invalid(c, invalidParam(param, 'invalid', `${param} does not name a known object.`, `${param} no corresponde a ningún objeto.`))
    }
    return ok(page)
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
    keys.set(key.id, key)
    return key
  }

  // Which key signs while several are active is not documented; the fake uses the newest.
  const signingKey = () => newestFirst(keys.values()).find((k) => k.active)

  const routes: { method: string; pattern: string; run: (c: Ctx, params: Record<string, string>) => Promise<Response> | Response }[] = [
    {
      method: 'GET',
      pattern: '/webhooks',
      run: (c) => {
        const query = c.request.url.searchParams
        const url = query.get('url')
        const search = query.get('search')
        const matching = newestFirst(webhooks.values()).filter(
          (w) => (url === null || w.url === url) && (search === null || w.url.includes(search) || w.id === search),
        )
        return listOf(c, matching, ['url', 'search'])
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks',
      run: (c) => {
        const body = readBody(c)
        if (body instanceof Response) return body
        const details = [
          ...urlDetails(body.url),
          ...(typeof body.synchronous === 'boolean'
            ? []
            : [invalidParam('synchronous', 'required', 'synchronous is required and must be a boolean.', 'synchronous es requerido y debe ser booleano.')]),
          ...(options.createEvents !== 'ignore' && body.subscribed_events !== undefined ? eventDetails(body.subscribed_events, 'subscribed_events') : []),
        ]
        if (details.length) return invalid(c, ...details)
        if (webhooks.size >= maxWebhooks) return invalid(c, webhookLimitDetail(maxWebhooks))
        const events =
          options.createEvents === 'ignore' || body.subscribed_events === undefined ? [...CONEKTA_EVENTS] : [...new Set(body.subscribed_events as string[])]
        const stored: StoredWebhook = {
          id: newId(),
          object: 'webhook',
          url: body.url as string,
          status: options.createdStatus ?? 'listening',
          subscribed_events: events,
          synchronous: body.synchronous as boolean,
          production_enabled: livemode,
          development_enabled: !livemode,
        }
        webhooks.set(stored.id, stored)
        return ok(stored)
      },
    },
    {
      method: 'GET',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = webhooks.get(id)
        return found ? ok(found) : notFound(c, 'Webhook', id)
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
        // 2.1.0's update_webhook: `url` required, `events` (not `subscribed_events`), `synchronous` optional.
        const details = [
          ...urlDetails(body.url),
          ...(body.events === undefined ? [] : eventDetails(body.events, 'events')),
          ...(body.synchronous === undefined || typeof body.synchronous === 'boolean'
            ? []
            : [invalidParam('synchronous', 'invalid', 'synchronous must be a boolean.', 'synchronous debe ser booleano.')]),
        ]
        if (details.length) return invalid(c, ...details)
        found.url = body.url as string
        if (body.events !== undefined) found.subscribed_events = [...new Set(body.events as string[])]
        if (typeof body.synchronous === 'boolean') found.synchronous = body.synchronous
        return ok(found)
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        webhooks.delete(id)
        return ok({ ...found, deleted: true })
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:id/test',
      run: async (c, { id = '' }) => {
        const found = webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        const at = clock.now()
        if (!deliver) {
          pings.push({ webhookId: id, at })
          return ok(found)
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
        return ok(found)
      },
    },
    {
      method: 'GET',
      pattern: '/webhook_keys',
      // Lists answer `public_key: null`, as Conekta's own mock does.
      run: (c) => listOf(c, newestFirst(keys.values()).map((k) => ({ ...keyView(k), deactivated_at: k.deactivatedAt, deleted: null, public_key: null })), []),
    },
    {
      method: 'POST',
      pattern: '/webhook_keys',
      run: (c) => {
        const body = readBody(c)
        if (body instanceof Response) return body
        if (body.active !== undefined && typeof body.active !== 'boolean') {
          return invalid(c, invalidParam('active', 'invalid', 'active must be a boolean.', 'active debe ser booleano.'))
        }
        const key = addWebhookKey(body.active !== false)
        return ok({ active: key.active, livemode: key.livemode, created_at: key.createdAt, id: key.id, object: 'webhook_key', public_key: key.publicKey })
      },
    },
    {
      method: 'GET',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        return key ? ok(keyView(key)) : notFound(c, 'WebhookKey', id)
      },
    },
    {
      method: 'PUT',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        const body = readBody(c)
        if (body instanceof Response) return body
        if (body.active !== undefined && typeof body.active !== 'boolean') {
          return invalid(c, invalidParam('active', 'invalid', 'active must be a boolean.', 'active debe ser booleano.'))
        }
        // `webhook_key_update_request` defaults `active` to false: an update without it deactivates.
        const active = body.active === true
        if (key.active && !active) key.deactivatedAt = now()
        if (active) key.deactivatedAt = null
        key.active = active
        return ok(keyView(key))
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        keys.delete(id)
        return ok({ active: false, livemode: key.livemode, created_at: key.createdAt, deleted: true, id: key.id, object: 'webhook_key' })
      },
    },
  ]

  async function route(request: RecordedRequest): Promise<Response> {
    const c: Ctx = { request, locale: localeOf(request.headers.get('accept-language')) }
    if (!authorized(request)) return fail(c, 401, 'authentication_error', [AUTH_DETAIL])
    // The fake serves API 2.1.0 only; a client that does not pin it would get some other version's shapes.
    if (!(request.headers.get('accept') ?? '').toLowerCase().includes(CONEKTA_ACCEPT)) {
      return fail(c, 400, 'malformed_request_error', [
        malformed('accept', `Send Accept: ${CONEKTA_ACCEPT} to use API 2.1.0.`, `Envía Accept: ${CONEKTA_ACCEPT} para usar la API 2.1.0.`),
      ])
    }
    for (const r of routes) {
      if (r.method !== request.method) continue
      const params = matchPath(r.pattern, request.path)
      if (params) return r.run(c, params)
    }
    return notFound(c, 'Route', `${request.method} ${request.path}`)
  }

  const runtime = createFakeRuntime(route, { clock, ...(options.faults ? { faults: options.faults } : {}) })

  const copy = (w: StoredWebhook): StoredWebhook => ({ ...w, subscribed_events: [...w.subscribed_events] })
  return {
    ...runtime,
    apiKey,
    pings,
    deliveries,
    webhooks: () => [...webhooks.values()].map(copy),
    webhookKeys: () => [...keys.values()].map((k) => ({ ...k })),
    setStatus(id, status) {
      const found = webhooks.get(id)
      if (!found) throw new Error(`createConektaFake: no webhook ${id}`)
      found.status = status
    },
    addWebhookKey: () => addWebhookKey(true),
    async deliver(event, deliverOptions = {}) {
      const key = signingKey()
      const fetch = deliverOptions.fetch ?? (deliver ? deliver.fetch : undefined) ?? ((input, init) => globalThis.fetch(input, init))
      const targets = newestFirst(webhooks.values()).filter((w) => w.subscribed_events.includes(event.type))
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
    snapshot: () => ({ webhooks: oldestFirst(webhooks.values()).map(copy), webhookKeys: oldestFirst(keys.values()).map((k) => ({ ...k })) }),
    restore(state) {
      webhooks.clear()
      keys.clear()
      for (const w of state.webhooks) webhooks.set(w.id, copy(w))
      for (const k of state.webhookKeys) keys.set(k.id, { ...k })
      // Restored objects keep their order (the snapshot lists them oldest first); new ids come after them.
      for (const { id } of [...state.webhookKeys, ...state.webhooks]) positions.set(id, ++sequence)
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
