/**
 * The Conekta fake's route table: what each `METHOD /path` of the webhooks and webhook-keys API does,
 * for the company the request acts for. A holding company's key acts for itself, or for the child
 * company named by `X-Child-Company-Id`; a child company's own key acts for that child. Every company
 * has its own webhooks and webhook keys (and its own 10-webhook limit), as separate Conekta companies do.
 */

import { randomBytes } from 'node:crypto'
import { type Clock, matchPath, type RecordedRequest } from '@unihook/core/testing'
import { CONEKTA_EVENTS } from '../events.js'
import { generateConektaKeyPair } from '../signing.js'
import { checkWebhookUrl, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WEBHOOKS } from '../validation.js'
import type { BodySchema } from '../versions.js'
import { type Delivery, deliverPing } from './delivery.js'
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
import type { ConektaFakeOptions, Ping, StoredWebhook, StoredWebhookKey } from './index.js'
import type { OrderedStore, PageCursor } from './pages.js'
import { FAKE_API_VERSIONS, FAKE_SCHEMAS, type FakeApiVersion, requestedVersion, WEBHOOK_KEY_SCHEMA } from './versions.js'

/** The company id of the holding company itself (a request without `X-Child-Company-Id`). */
export const HOLDING = ''

/** One company's objects: its webhooks and its webhook keys. */
export interface CompanyStore {
  readonly webhooks: OrderedStore<StoredWebhook>
  readonly keys: OrderedStore<StoredWebhookKey>
}

/** What the routes share with the fake that owns them. */
export interface RouteEnv {
  readonly apiKey: string
  readonly options: ConektaFakeOptions
  readonly clock: Clock
  readonly livemode: boolean
  readonly deliver: { readonly fetch?: typeof globalThis.fetch; readonly timeoutMs?: number } | undefined
  readonly pings: Ping[]
  readonly deliveries: Delivery[]
  /** A new ObjectId-like id, in creation order across every company. */
  newId(): string
  /** The company's store, or `undefined` for a child company the fake does not know. */
  company(id: string): CompanyStore | undefined
  /** The child company a child's own key belongs to. */
  childOfKey(key: string): string | undefined
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(CONEKTA_EVENTS)

interface Ctx {
  readonly request: RecordedRequest
  readonly locale: Locale
  readonly version: FakeApiVersion
  readonly company: CompanyStore
}

type Json = Record<string, unknown>

// Which key signs while several are active is not documented; the fake uses the newest.
export const signingKey = (keys: OrderedStore<StoredWebhookKey>) => keys.newest((k) => k.active)

/** A new webhook key (RSA pair) in the company's keys. */
export function addWebhookKey(env: Pick<RouteEnv, 'newId' | 'clock' | 'livemode'>, keys: OrderedStore<StoredWebhookKey>, active = true): StoredWebhookKey {
  const pair = generateConektaKeyPair()
  const now = Math.floor(env.clock.now() / 1000)
  const key: StoredWebhookKey = {
    id: env.newId(),
    active,
    livemode: env.livemode,
    createdAt: now,
    deactivatedAt: active ? null : now,
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
  }
  keys.add(key)
  return key
}

/** The fake's request handler: authentication, the API version, the company, then the route. */
export function createRoutes(env: RouteEnv): (request: RecordedRequest) => Promise<Response> {
  const { options, clock, livemode, deliver, pings, deliveries } = env
  const maxWebhooks = options.maxWebhooks ?? MAX_WEBHOOKS
  const now = () => Math.floor(clock.now() / 1000)
  // Log and event ids are not listed anywhere, so they need no creation position.
  const looseId = () => randomBytes(12).toString('hex')

  const fail = (c: Pick<Ctx, 'locale'> & { version?: FakeApiVersion }, status: number, type: string, details: readonly Detail[]) =>
    errorResponse(status, type, details, c.locale, looseId(), c.version)
  const invalid = (c: Ctx, ...details: Detail[]) => fail(c, 422, 'parameter_validation_error', details)
  const notFound = (c: Ctx, kind: string, id: string) => fail(c, 404, 'resource_not_found_error', [notFoundDetail(kind, id)])
  const answer = (c: Ctx, body: unknown) => ok(body, c.version)

  /** The key the request authenticates with (Bearer, or Basic as Conekta's curl examples send it). */
  function keyOf(request: RecordedRequest): string | undefined {
    const header = request.headers.get('authorization') ?? ''
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
    if (bearer !== undefined) return bearer
    const basic = /^Basic\s+(.+)$/i.exec(header)?.[1]
    return basic === undefined ? undefined : Buffer.from(basic, 'base64').toString('utf8').replace(/:$/, '')
  }

  /**
   * The company a request acts for, or `undefined` when its key is refused: a child company's own key
   * acts for that child; the holding company's key acts for the child named by `X-Child-Company-Id`,
   * else for the holding company itself (`''`).
   */
  function companyOf(request: RecordedRequest): string | undefined {
    const key = keyOf(request)
    if (key === undefined) return undefined
    if (key === env.apiKey) return request.headers.get('x-child-company-id')?.trim() || HOLDING
    return env.childOfKey(key)
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

  /** The request's body checked against a schema, or the answer refusing it. */
  function checkedBody(c: Ctx, schema: BodySchema): Json | Response {
    const body = readBody(c)
    if (body instanceof Response) return body
    const details = schemaDetails(body, schema)
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
        return listOf(c, c.company.webhooks, match, (w) => webhookView(c, w), ['url', 'search'])
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks',
      run: (c) => {
        const body = checkedBody(c, FAKE_SCHEMAS[c.version].create)
        if (body instanceof Response) return body
        if (c.company.webhooks.size >= maxWebhooks) return invalid(c, webhookLimitDetail(maxWebhooks))
        // A create without events subscribes the webhook to every event (the assumption the docs record).
        const events = body.subscribed_events === undefined ? [...CONEKTA_EVENTS] : [...new Set(body.subscribed_events as string[])]
        const stored: StoredWebhook = {
          id: env.newId(),
          object: 'webhook',
          url: body.url as string,
          status: options.createdStatus ?? 'listening',
          subscribed_events: events,
          synchronous: body.synchronous === true,
          active: true,
          livemode,
        }
        c.company.webhooks.add(stored)
        return answer(c, webhookView(c, stored))
      },
    },
    {
      method: 'GET',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = c.company.webhooks.get(id)
        return found ? answer(c, webhookView(c, found)) : notFound(c, 'Webhook', id)
      },
    },
    {
      method: 'PUT',
      pattern: '/webhooks/:id',
      run: (c, { id = '' }) => {
        const found = c.company.webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        const body = checkedBody(c, FAKE_SCHEMAS[c.version].update)
        if (body instanceof Response) return body
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
        const found = c.company.webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        c.company.webhooks.remove(id)
        // 2.1.0's schema (and Conekta's mock) add `deleted: true`; 2.2.0 removed the field from the schema.
        const view = webhookView(c, found)
        return answer(c, FAKE_SCHEMAS[c.version].response === 'flags' ? { ...view, deleted: true } : view)
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:id/test',
      run: async (c, { id = '' }) => {
        const found = c.company.webhooks.get(id)
        if (!found) return notFound(c, 'Webhook', id)
        // The spec declares no body; an empty one or `{}` is accepted, anything else is a field no version knows.
        const body = checkedBody(c, {})
        if (body instanceof Response) return body
        const at = clock.now()
        if (!deliver) {
          pings.push({ webhookId: id, at })
          return answer(c, webhookView(c, found))
        }
        const key = signingKey(c.company.keys)
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
          c.company.keys,
          () => true,
          (k) => ({ ...keyView(k), deactivated_at: k.deactivatedAt, deleted: null, public_key: null }),
          [],
        ),
    },
    {
      method: 'POST',
      pattern: '/webhook_keys',
      run: (c) => {
        const body = checkedBody(c, WEBHOOK_KEY_SCHEMA)
        if (body instanceof Response) return body
        const key = addWebhookKey(env, c.company.keys, body.active !== false)
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
        const key = c.company.keys.get(id)
        return key ? answer(c, keyView(key)) : notFound(c, 'WebhookKey', id)
      },
    },
    {
      method: 'PUT',
      pattern: '/webhook_keys/:id',
      run: (c, { id = '' }) => {
        const key = c.company.keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        const body = checkedBody(c, WEBHOOK_KEY_SCHEMA)
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
        const key = c.company.keys.get(id)
        if (!key) return notFound(c, 'WebhookKey', id)
        c.company.keys.remove(id)
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
    const company = companyOf(request)
    if (company === undefined) return fail({ locale }, 401, 'authentication_error', [AUTH_DETAIL])
    const version = versionOf(request, locale)
    if (version instanceof Response) return version
    const scope = env.company(company)
    if (!scope) return fail({ locale, version }, 404, 'resource_not_found_error', [notFoundDetail('Company', company)])
    const c: Ctx = { request, locale, version, company: scope }
    for (const r of routes) {
      if (r.method !== request.method) continue
      const params = matchPath(r.pattern, request.path)
      if (params) return r.run(c, params)
    }
    return notFound(c, 'Route', `${request.method} ${request.path}`)
  }

  return route
}
