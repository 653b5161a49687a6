/**
 * The fake's HTTP behaviour, as Calypso documents it: every call is a JSON body signed with the
 * merchant's API secret (`Key` + `Sign` headers), carrying a millisecond `timestamp` that must be within
 * three minutes of the server's clock, and an `account` (except key regeneration). Failures use the real
 * envelope `{errorCode, message, traceId}` with HTTP 400, or 500 for `000`.
 */

import { randomBytes } from 'node:crypto'
import type { Clock, RecordedRequest } from '@unihook/core/testing'
import { json, jsonList } from '@unihook/core/testing'
import { CALYPSO_ACCOUNT_PATTERN, CALYPSO_PATHS, SUBSCRIPTION_ID_PATTERN } from '../endpoints.js'
import { calypsoSign, TIMESTAMP_TOLERANCE_MS } from '../signing.js'
import { newKey, type StoredSubscription, type SubscriptionStore, toWire } from './store.js'

/** What the regeneration answers: its response is documented only as a `WebhookChannelDTO`. */
export type RegenerateAnswer = 'channel' | 'channels' | 'empty'

export interface RouteConfig {
  readonly apiKey: string
  readonly apiSecret: string
  readonly accounts: readonly string[]
  /** Serve any well-formed account, as if the merchant had opened it on first use. */
  readonly acceptAnyAccount?: boolean
  readonly store: SubscriptionStore
  readonly clock: Clock
  readonly events: readonly string[]
  readonly services: readonly string[]
  readonly maxSubscriptions?: number
  readonly regenerateAnswer: RegenerateAnswer
}

type Body = Record<string, unknown>

class Refusal {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

function refuse(code: string, message: string): never {
  throw new Refusal(code, message)
}

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length === 0) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

function nameList(value: unknown, field: string, known: readonly string[]): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return refuse('001', `${field} must be an array of strings`)
  const unknown = value.find((v: string) => !known.includes(v))
  if (unknown !== undefined) refuse('001', `${field} contains an unknown value: ${String(unknown)}`)
  return [...new Set(value as string[])]
}

export function createRoutes(config: RouteConfig) {
  const { store, clock } = config

  const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    json(status, body, { date: new Date(clock.now()).toUTCString(), ...headers })
  /** `{subscriptions: [...]}`, serialised as it is read: an account may hold 100k. */
  const respondChannels = (subscriptions: readonly StoredSubscription[]) =>
    jsonList(200, 'subscriptions', subscriptions, toWire, { date: new Date(clock.now()).toUTCString() })

  const payloadOf = (body: Body): Body => {
    const payload = body.payload
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refuse('001', 'payload is required')
    return payload as Body
  }

  const requestIdOf = (payload: Body): string =>
    typeof payload.requestId === 'string' && SUBSCRIPTION_ID_PATTERN.test(payload.requestId)
      ? payload.requestId
      : refuse('001', 'payload.requestId must be a UUID')

  const subscriptionOf = (account: string, payload: Body): StoredSubscription =>
    store.find(account, requestIdOf(payload)) ?? refuse('004', 'Webhook subscription not found')

  const operations: Record<string, { method: string; account: boolean; run: (body: Body, account: string) => Response }> = {
    [`POST ${CALYPSO_PATHS.list}`]: {
      method: 'POST',
      account: true,
      run: (_body, account) => respondChannels(store.all(account)),
    },

    [`POST ${CALYPSO_PATHS.create}`]: {
      method: 'POST',
      account: true,
      run: (body, account) => {
        const payload = payloadOf(body)
        const requestId = requestIdOf(payload)
        if (!isHttpUrl(payload.url)) refuse('001', 'payload.url must be a valid URL')
        const events = nameList(payload.notificationEventTypes, 'notificationEventTypes', config.events)
        const services = nameList(payload.notificationServiceTypes, 'notificationServiceTypes', config.services)
        if (events.length === 0 && services.length === 0) refuse('001', 'notificationEventTypes or notificationServiceTypes is required')
        if (store.taken(requestId)) refuse('016', 'Idempotency key already exists')
        if (config.maxSubscriptions !== undefined && store.count(account) >= config.maxSubscriptions) {
          refuse('001', `No more than ${config.maxSubscriptions} webhook subscriptions are allowed`)
        }
        const subscription: StoredSubscription = {
          account,
          requestId,
          url: payload.url as string,
          events,
          services,
          publicKey: newKey(),
          secretKey: newKey(),
          createdDate: new Date(clock.now()).toISOString(),
          enabled: true,
          blockedByErrorCount: false,
          errorCount: 0,
          errorFirstDate: null,
          errorLastDate: null,
          failures: [],
        }
        store.add(subscription)
        return respond(200, toWire(subscription))
      },
    },

    [`POST ${CALYPSO_PATHS.change}`]: {
      method: 'POST',
      account: true,
      run: (body, account) => {
        const payload = payloadOf(body)
        const subscription = subscriptionOf(account, payload)
        if (payload.url !== undefined && !isHttpUrl(payload.url)) refuse('001', 'payload.url must be a valid URL')
        if (payload.enabled !== undefined && typeof payload.enabled !== 'boolean') refuse('001', 'payload.enabled must be a boolean')
        const events =
          payload.notificationEventTypes === undefined ? subscription.events : nameList(payload.notificationEventTypes, 'notificationEventTypes', config.events)
        const services =
          payload.notificationServiceTypes === undefined
            ? subscription.services
            : nameList(payload.notificationServiceTypes, 'notificationServiceTypes', config.services)
        if (events.length === 0 && services.length === 0) refuse('001', 'notificationEventTypes or notificationServiceTypes is required')
        if (typeof payload.url === 'string') subscription.url = payload.url
        subscription.events = events
        subscription.services = services
        if (typeof payload.enabled === 'boolean') subscription.enabled = payload.enabled
        return respond(200, toWire(subscription))
      },
    },

    [`DELETE ${CALYPSO_PATHS.delete}`]: {
      method: 'DELETE',
      account: true,
      run: (body, account) => {
        store.remove(subscriptionOf(account, payloadOf(body)))
        return new Response(null, { status: 200, headers: { date: new Date(clock.now()).toUTCString() } })
      },
    },

    // The documented body is `{timestamp}` alone: the keys of every subscription of the merchant change.
    [`DELETE ${CALYPSO_PATHS.regenerateKeys}`]: {
      method: 'DELETE',
      account: false,
      run: () => {
        store.regenerateKeys()
        const all = store.all()
        if (config.regenerateAnswer === 'empty') return new Response(null, { status: 200, headers: { date: new Date(clock.now()).toUTCString() } })
        if (config.regenerateAnswer === 'channels') return respondChannels(all)
        const first = all[0] ?? refuse('004', 'Webhook subscription not found')
        return respond(200, toWire(first))
      },
    },
  }

  const knownPaths = new Set(Object.keys(operations).map((k) => k.split(' ')[1]))

  return function route(request: RecordedRequest): Response {
    const operation = operations[`${request.method} ${request.path}`]
    if (!operation) {
      // Outside the envelope: the gateway's own answers.
      const status = knownPaths.has(request.path) ? 405 : 404
      return respond(status, {
        timestamp: new Date(clock.now()).toISOString(),
        status,
        error: status === 404 ? 'Not Found' : 'Method Not Allowed',
        path: request.path,
      })
    }
    try {
      const key = request.headers.get('key')
      if (!key || key !== config.apiKey) refuse('002', 'Invalid API key')
      const sign = request.headers.get('sign')
      if (!sign || sign !== calypsoSign(config.apiSecret, request.body)) refuse('003', 'Wrong sign')
      // Content-Type is one of the three headers the docs require on every call.
      if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) refuse('001', 'Content-Type must be application/json')
      let body: unknown
      try {
        body = JSON.parse(request.body)
      } catch {
        refuse('001', 'Bad request: the body is not JSON')
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('001', 'Bad request: the body must be a JSON object')
      const { timestamp, account } = body as Body
      if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) refuse('001', 'timestamp is required')
      if (Math.abs((timestamp as number) - clock.now()) > TIMESTAMP_TOLERANCE_MS) refuse('011', 'Invalid timestamp parameter')
      if (!operation.account) return operation.run(body as Body, '')
      if (typeof account !== 'string' || !CALYPSO_ACCOUNT_PATTERN.test(account)) refuse('001', 'account must match ^0x[0-9a-fA-F]{40}$')
      if (!config.acceptAnyAccount && !config.accounts.includes(account as string)) refuse('004', 'Wallet does not exist')
      return operation.run(body as Body, account as string)
    } catch (error) {
      if (!(error instanceof Refusal)) {
        return respond(500, { errorCode: '000', message: 'Internal server error', traceId: randomBytes(16).toString('hex') })
      }
      return respond(error.code === '000' ? 500 : 400, { errorCode: error.code, message: error.message, traceId: randomBytes(16).toString('hex') })
    }
  }
}
