/**
 * The stateful fake of the reference provider "acme": bearer auth, request signatures checked over the
 * received bytes within a time window, a 12-webhook limit, cursor pagination, and its error envelope.
 */

import { randomBytes } from 'node:crypto'
import { constantTimeEqual } from '@unihook/core'
import {
  type Clock,
  createFakeRuntime,
  type DeliveryOutcome,
  type FakeRuntime,
  json,
  matchPath,
  postDelivery,
  type RecordedRequest,
  systemClock,
} from '@unihook/core/testing'
import { ACME_EVENTS, signAcme, signAcmeDelivery } from './acme.js'

export interface AcmeFakeOptions {
  readonly apiKey: string
  readonly signingKey: string
  readonly clock?: Clock
  /** What posts deliveries (default: the global `fetch`). */
  readonly fetch?: typeof globalThis.fetch
}

export interface Hook {
  id: string
  url: string
  events: string[]
  enabled: boolean
  description?: string
  created: number
  secret: string
}

/** The store as plain JSON, for a sandbox to persist. */
export interface AcmeFakeState {
  readonly hooks: readonly Hook[]
}

/** One delivery the fake posted, and how the receiver answered. */
export type AcmeDelivery = { readonly webhookId: string; readonly url: string } & DeliveryOutcome

export interface AcmeFake extends FakeRuntime {
  readonly hooks: ReadonlyMap<string, Hook>
  snapshot(): AcmeFakeState
  restore(state: AcmeFakeState): void
  /** Posts `event` to every enabled webhook subscribed to it, signed with that webhook's secret. */
  deliver(event: { readonly type: string; readonly data: unknown }): Promise<AcmeDelivery[]>
}

const error = (status: number, type: string, message: string) => json(status, { error: { type, message, request_id: `req_${randomBytes(6).toString('hex')}` } })

export function createAcmeFake(options: AcmeFakeOptions): AcmeFake {
  const clock = options.clock ?? systemClock
  const hooks = new Map<string, Hook>()
  const view = ({ secret: _secret, ...hook }: Hook) => hook

  const invalid = (body: Record<string, unknown>, partial: boolean): string | undefined => {
    if (!partial || body.url !== undefined) {
      if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) return 'url must be an http(s) URL'
    }
    if (!partial || body.events !== undefined) {
      const events = body.events
      if (!Array.isArray(events) || events.length === 0) return 'events must be a non-empty array'
      const unknown = events.filter((e) => !(ACME_EVENTS as readonly unknown[]).includes(e))
      if (unknown.length) return `unknown events: ${unknown.join(', ')}`
    }
    return undefined
  }

  const route = (req: RecordedRequest): Response => {
    if (req.headers.get('authorization') !== `Bearer ${options.apiKey}`) return error(401, 'authentication_error', 'invalid API key')
    const timestamp = req.headers.get('acme-timestamp') ?? ''
    const signature = req.headers.get('acme-signature') ?? ''
    if (!constantTimeEqual(signature, signAcme(options.signingKey, timestamp, req.body))) return error(401, 'authentication_error', 'bad signature')
    if (Math.abs(clock.now() - Number(timestamp)) > 180_000) return error(400, 'invalid_timestamp', 'timestamp outside the window')

    const body = (req.body ? JSON.parse(req.body) : {}) as Record<string, unknown>
    if (req.path === '/v1/hooks' && req.method === 'GET') {
      const limit = Number(req.url.searchParams.get('limit') ?? 10)
      if (!Number.isInteger(limit) || limit < 1 || limit > 25) return error(400, 'invalid_request', 'limit must be 1..25')
      const url = req.url.searchParams.get('url')
      const all = [...hooks.values()].filter((h) => url === null || h.url === url)
      const after = req.url.searchParams.get('starting_after')
      const start = after === null ? 0 : all.findIndex((h) => h.id === after) + 1
      const data = all.slice(start, start + limit)
      return json(200, { data: data.map(view), has_more: start + limit < all.length })
    }
    if (req.path === '/v1/hooks' && req.method === 'POST') {
      const problem = invalid(body, false)
      if (problem) return error(400, 'invalid_request', problem)
      if (hooks.size >= 12) return error(400, 'limit_reached', 'at most 12 webhooks')
      const hook: Hook = {
        id: `wh_${randomBytes(8).toString('hex')}`,
        url: body.url as string,
        events: body.events as string[],
        enabled: true,
        created: Math.floor(clock.now() / 1000),
        secret: randomBytes(24).toString('hex'),
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
      }
      hooks.set(hook.id, hook)
      return json(200, view(hook))
    }
    const rotate = matchPath('/v1/hooks/:id/secret', req.path)
    if (rotate && req.method === 'POST') {
      const hook = hooks.get(rotate.id ?? '')
      if (!hook) return error(404, 'not_found', 'no such webhook')
      hook.secret = randomBytes(24).toString('hex')
      return json(200, { secret: hook.secret })
    }
    const one = matchPath('/v1/hooks/:id', req.path)
    const hook = one ? hooks.get(one.id ?? '') : undefined
    if (!one) return error(404, 'not_found', 'no such route')
    if (!hook) return error(404, 'not_found', `no webhook ${one.id}`)
    if (req.method === 'GET') return json(200, view(hook))
    if (req.method === 'DELETE') {
      hooks.delete(hook.id)
      return json(200, { deleted: true })
    }
    if (req.method === 'PATCH') {
      const problem = invalid(body, true)
      if (problem) return error(400, 'invalid_request', problem)
      if (typeof body.url === 'string') hook.url = body.url
      if (Array.isArray(body.events)) hook.events = body.events as string[]
      if (typeof body.enabled === 'boolean') hook.enabled = body.enabled
      if (typeof body.description === 'string') hook.description = body.description
      return json(200, view(hook))
    }
    return error(405, 'invalid_request', 'method not allowed')
  }

  const deliver = async (event: { readonly type: string; readonly data: unknown }) => {
    const body = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, type: event.type, created: Math.floor(clock.now() / 1000), data: event.data })
    const targets = [...hooks.values()].filter((h) => h.enabled && h.events.includes(event.type))
    return Promise.all(
      targets.map(async (h): Promise<AcmeDelivery> => {
        const headers = signAcmeDelivery(h.secret, body, clock.now())
        return { webhookId: h.id, url: h.url, ...(await postDelivery(options.fetch ?? globalThis.fetch, h.url, { headers, body, timeoutMs: 10_000 })) }
      }),
    )
  }
  return {
    ...createFakeRuntime(route, { clock }),
    hooks,
    snapshot: () => ({ hooks: [...hooks.values()].map((h) => ({ ...h, events: [...h.events] })) }),
    restore: (state) => {
      hooks.clear()
      for (const h of state.hooks) hooks.set(h.id, { ...h, events: [...h.events] })
    },
    deliver,
  }
}
