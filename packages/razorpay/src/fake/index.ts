/**
 * `createRazorpayFake()`: a stateful, in-memory Razorpay partner webhooks API. It checks HTTP Basic
 * partner keys (with Razorpay's 401 envelope), keeps webhooks per sub-merchant account, validates like
 * the API (255-character URLs, event names, unexpected fields), enforces the 30-per-account limit, pages
 * with `count`/`skip` inside a `collection` envelope, treats PATCH as needing `url` and `events`, answers
 * DELETE with `[]`, and posts signed deliveries on demand. Faults and the clock come from the core harness.
 */

import { randomBytes } from 'node:crypto'
import { type Clock, createFakeRuntime, type FakeRuntime, type Faults, json, matchPath, type RecordedRequest } from '@unihook/core/testing'
import { RAZORPAY_EVENTS } from '../events.js'
import { ACCOUNT_ID, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_URL_LENGTH, MAX_WEBHOOKS_PER_ACCOUNT, WEBHOOK_ID } from '../ids.js'
import { type DeliverInput, type DeliveryResult, deliver } from './delivery.js'
import { messages, razorpayError } from './envelopes.js'
import { createStore, entity, newWebhookId, type StoredWebhook } from './store.js'
import { checkEmail, checkString, checkUrl, extraFields, isProblem, type Problem, readBoolean, readEvents, readInteger } from './validation.js'

/** Settings of `createRazorpayFake`. */
export interface RazorpayFakeOptions {
  /** Partner keys the fake accepts, key id -> key secret. */
  readonly keys?: Readonly<Record<string, string>>
  /** One more accepted key id (default, when `keys` is empty: a `rzp_test_…` id). */
  readonly keyId?: string
  /** Its secret (default: random). */
  readonly keySecret?: string
  /** Sub-merchant accounts linked to the partner; others answer "does not exist". Default: any well-formed id. */
  readonly accounts?: readonly string[]
  /** Event names the fake accepts (default: the adapter's catalog). */
  readonly events?: readonly string[]
  /** Default 30. */
  readonly maxWebhooksPerAccount?: number
  /**
   * Status of the "The id provided does not exist" answer. Razorpay's partner error page lists 404
   * (docs/providers/razorpay.md, "Facts and sources"); its older APIs send it as a 400. Default 404.
   */
  readonly notFoundStatus?: 400 | 404
  readonly clock?: Clock
  readonly faults?: Faults
  /** Used to post deliveries (default: `globalThis.fetch`, read at delivery time). */
  readonly fetch?: typeof globalThis.fetch
}

/** A stored webhook as tests may inspect it, secret included. */
export interface FakeWebhookView {
  readonly id: string
  readonly account: string
  readonly url: string
  readonly events: readonly string[]
  readonly alertEmail?: string
  readonly secret?: string
  readonly active: boolean
  readonly createdAt: number
  readonly updatedAt: number
  readonly disabledAt: number
}

export interface RazorpayFake extends FakeRuntime {
  /** The first accepted key id and its secret, for building an adapter against the fake. */
  readonly keyId: string
  readonly keySecret: string
  /** The account's webhooks, newest first, as stored (secrets included). */
  webhooks(account: string): readonly FakeWebhookView[]
  /** Posts an event to every active webhook of the account subscribed to it, as Razorpay would. */
  deliver(input: DeliverInput): Promise<DeliveryResult[]>
  /** Marks a webhook disabled, as Razorpay does after 24 h of failed deliveries. */
  disable(account: string, id: string): void
  /** Every account's webhooks, secrets included, as plain JSON, for a sandbox to persist. */
  snapshot(): RazorpayFakeState
  /** Replaces the stored webhooks with a snapshot's. */
  restore(state: RazorpayFakeState): void
  /** Forgets every webhook (recorded requests and faults stay). */
  reset(): void
}

/** What `snapshot()` returns: every webhook, oldest first. */
export interface RazorpayFakeState {
  readonly webhooks: readonly FakeWebhookView[]
}

const CREATE_FIELDS = ['url', 'events', 'alert_email', 'secret'] as const
const PATCH_FIELDS = ['url', 'events', 'alert_email', 'secret', 'active'] as const
const LIST_PARAMS = ['count', 'skip', 'from', 'to'] as const

/**
 * A stateful fake of Razorpay's partner webhooks API (`/v2/accounts/{id}/webhooks`): Basic-auth keys,
 * sub-merchant accounts, limits and error bodies as Razorpay answers, and signed deliveries. Mount it
 * with `mswHandler` or `serveFake`.
 */
export function createRazorpayFake(options: RazorpayFakeOptions = {}): RazorpayFake {
  const keys = new Map(Object.entries(options.keys ?? {}))
  if (options.keyId !== undefined || options.keySecret !== undefined || keys.size === 0) {
    keys.set(options.keyId ?? 'rzp_test_FakePartnerKey01', options.keySecret ?? randomBytes(18).toString('base64url'))
  }
  const [keyId, keySecret] = [...keys][0] as [string, string]
  const known = new Set(options.events ?? RAZORPAY_EVENTS)
  const linked = options.accounts ? new Set(options.accounts) : undefined
  const limit = options.maxWebhooksPerAccount ?? MAX_WEBHOOKS_PER_ACCOUNT
  const notFoundStatus = options.notFoundStatus ?? 404
  const store = createStore()
  let runtime: FakeRuntime
  const nowSeconds = () => Math.floor(runtime.clock.now() / 1000)

  const problem = (p: Problem) => razorpayError(400, p.description, p.field ? { field: p.field } : {})
  const notFound = () => razorpayError(notFoundStatus, messages.noSuchId)

  /** The caller's key id, or Razorpay's 401. */
  function authenticate(header: string | null): Response | string {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
    if (!match?.[1]) return razorpayError(401, messages.noKey)
    const decoded = Buffer.from(match[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const [id, secret] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)]
    const expected = keys.get(id)
    if (expected === undefined) return razorpayError(401, messages.badKey)
    if (secret !== expected) return razorpayError(401, messages.badSecret)
    return id
  }

  function readBody(request: RecordedRequest): Record<string, unknown> | Response {
    if (request.body.trim() === '') return {}
    try {
      const body = JSON.parse(request.body) as unknown
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : razorpayError(400, messages.notJson)
    } catch {
      return razorpayError(400, messages.notJson)
    }
  }

  function create(account: string, body: Record<string, unknown>, service: string): Response {
    const early = extraFields(body, CREATE_FIELDS) ?? checkUrl(body.url, MAX_URL_LENGTH)
    if (early) return problem(early)
    const events = readEvents(body.events, known)
    if (isProblem(events)) return problem(events)
    const late = checkEmail(body.alert_email) ?? checkString(body.secret, 'secret')
    if (late) return problem(late)
    if (store.count(account) >= limit) return razorpayError(400, messages.limit(limit))
    const now = nowSeconds()
    const stored: StoredWebhook = {
      id: newWebhookId(store.isTaken),
      account,
      seq: store.nextSeq(),
      url: body.url as string,
      events: events.events,
      ...(typeof body.alert_email === 'string' ? { alertEmail: body.alert_email } : {}),
      ...(typeof body.secret === 'string' && body.secret !== '' ? { secret: body.secret } : {}),
      active: true,
      createdAt: now,
      updatedAt: now,
      disabledAt: 0,
    }
    store.add(stored)
    return json(200, entity(stored, service))
  }

  function list(account: string, query: URLSearchParams, service: string): Response {
    const extra = [...query.keys()].filter((k) => !(LIST_PARAMS as readonly string[]).includes(k))
    if (extra.length) return problem({ description: messages.extraFields(extra), field: extra[0] })
    const count = readInteger(query.get('count'), 'count', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
    const skip = readInteger(query.get('skip'), 'skip', 0, undefined, 0)
    const from = readInteger(query.get('from'), 'from', 0, undefined, undefined)
    const to = readInteger(query.get('to'), 'to', 0, undefined, undefined)
    for (const r of [count, skip, from, to]) if (isProblem(r)) return problem(r)
    const [c, s, f, t] = [count, skip, from, to].map((r) => (isProblem(r) ? undefined : r.value))
    const page = { skip: s ?? 0, count: c ?? DEFAULT_PAGE_SIZE, ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) }
    const items = store.page(account, page).map((w) => entity(w, service))
    // `count` is the size of this page, not a total; there is no `has_more`.
    return json(200, { entity: 'collection', count: items.length, items })
  }

  function patch(webhook: StoredWebhook, body: Record<string, unknown>, service: string): Response {
    // The v2 docs mark `url` and `events` mandatory on PATCH.
    const early = extraFields(body, PATCH_FIELDS) ?? checkUrl(body.url, MAX_URL_LENGTH)
    if (early) return problem(early)
    const events = readEvents(body.events, known)
    if (isProblem(events)) return problem(events)
    const active = readBoolean(body.active, 'active')
    if (isProblem(active)) return problem(active)
    const late = checkEmail(body.alert_email) ?? checkString(body.secret, 'secret')
    if (late) return problem(late)
    const now = nowSeconds()
    webhook.url = body.url as string
    webhook.events = events.events
    if (typeof body.alert_email === 'string') webhook.alertEmail = body.alert_email
    if (typeof body.secret === 'string' && body.secret !== '') webhook.secret = body.secret
    if (active.value !== undefined && active.value !== webhook.active) {
      webhook.active = active.value
      webhook.disabledAt = active.value ? 0 : now
    }
    webhook.updatedAt = now
    return json(200, entity(webhook, service))
  }

  function route(request: RecordedRequest): Response {
    const caller = authenticate(request.headers.get('authorization'))
    if (caller instanceof Response) return caller
    // Test keys see a test-mode service, live keys a live one.
    const service = caller.startsWith('rzp_live_') ? 'beta-api-live' : 'beta-api-test'
    const one = matchPath('/v2/accounts/:account/webhooks/:id', request.path)
    const all = one ? undefined : matchPath('/v2/accounts/:account/webhooks', request.path)
    const account = one?.account ?? all?.account
    if (account === undefined) return razorpayError(400, messages.noRoute)
    if (!ACCOUNT_ID.test(account)) return razorpayError(400, messages.invalidId(account))
    if (linked && !linked.has(account)) return notFound()

    if (all) {
      if (request.method === 'GET') return list(account, request.url.searchParams, service)
      if (request.method !== 'POST') return razorpayError(400, messages.noRoute)
      const body = readBody(request)
      return body instanceof Response ? body : create(account, body, service)
    }
    const id = one?.id ?? ''
    if (!['GET', 'PATCH', 'DELETE'].includes(request.method)) return razorpayError(400, messages.noRoute)
    if (!WEBHOOK_ID.test(id)) return razorpayError(400, messages.invalidId(id))
    const webhook = store.get(account, id)
    if (!webhook) return notFound()
    if (request.method === 'GET') return json(200, entity(webhook, service))
    if (request.method === 'DELETE') {
      store.remove(webhook)
      return json(200, [])
    }
    const body = readBody(request)
    return body instanceof Response ? body : patch(webhook, body, service)
  }

  runtime = createFakeRuntime(route, { clock: options.clock, faults: options.faults })

  const view = (w: StoredWebhook): FakeWebhookView => ({
    id: w.id,
    account: w.account,
    url: w.url,
    events: [...w.events],
    ...(w.alertEmail === undefined ? {} : { alertEmail: w.alertEmail }),
    ...(w.secret === undefined ? {} : { secret: w.secret }),
    active: w.active,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    disabledAt: w.disabledAt,
  })

  return {
    ...runtime,
    keyId,
    keySecret,
    webhooks: (account) => store.sorted(account).map(view),
    deliver: (input) =>
      deliver(input, store.sorted(input.account), {
        now: runtime.clock.now(),
        fetch: (url, init) => (options.fetch ?? globalThis.fetch)(url, init),
      }),
    disable: (account, id) => {
      const webhook = store.get(account, id)
      if (!webhook) throw new Error(`the fake holds no webhook ${id} for ${account}`)
      webhook.active = false
      webhook.disabledAt = nowSeconds()
    },
    snapshot: () => ({ webhooks: store.all().map(view) }),
    restore: (state) => {
      store.clear()
      // Oldest first, so that insertion order (and so the order within a second) is kept.
      for (const w of state.webhooks) store.add({ ...w, events: [...w.events], seq: store.nextSeq() })
    },
    reset: () => store.clear(),
  }
}

export type { DeliverInput, DeliveryResult } from './delivery.js'
