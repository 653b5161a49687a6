/**
 * Typed handlers on a receiver: `on('razorpay', 'payment.captured', handler)` narrows the event, and
 * each delivery gets the HTTP answer to give the provider:
 *
 * - 200 once the handler succeeded, or when the event was already handled (a redelivery);
 * - 200 for an event type with no handler (nothing to do; the provider need not retry);
 * - 409 while another instance holds the event's claim: the provider retries, and the redelivery finds
 *   it done, or, when that instance died, claims it again once its lease expired;
 * - 500 when the handler failed (threw, rejected, or resolved to an fp-ts `Left`), and 503 when the
 *   seen-store could not be reached: the provider redelivers;
 * - 400 for a delivery that does not verify.
 *
 * Each event is claimed in the seen-store before its handler runs, completed after, released when the
 * handler fails: effectively once within the store's retention, at least once underneath.
 */

import type { Left } from 'fp-ts/Either'
import { shapeOf } from './inputs.js'
import { memorySeenStore } from './memory-store.js'
import type { Received, Receiver } from './receiver.js'
import { DEFAULT_RETENTION_MS, FALLBACK_RETENTION_MS, type SeenStore, seenKey } from './seen-store.js'
import { type HeadersLike, type NormalizedEvent, type RawBody, rawBody, sha256Hex, type VerificationError, type Verifier } from './verification.js'
import type { Uncatalogued } from '../model.js'

type AnyVerifier = Verifier<string, NormalizedEvent>

/** The events a receiver yields for one provider. */
export type EventOf<V extends AnyVerifier, P extends string> = Extract<Received<V>, { readonly provider: P }>['event']

/** The event a handler for `type` gets: the catalogued member named `type`, or the uncatalogued one with that name. */
export type EventNamed<Event, T> = [Extract<Event, { readonly type: T }>] extends [never]
  ? Extract<Event, { readonly type: Uncatalogued }> & { readonly type: T }
  : Extract<Event, { readonly type: T }>

/**
 * Handles one event. Success is returning (or resolving); failure is throwing, rejecting, or resolving
 * to an fp-ts `Left` (a `TaskEither`'s result): the delivery is then answered with a 5xx and redelivered.
 */
export type Handler<Event> = (event: Event) => unknown

/** What happened to a delivery. */
export type Outcome = 'handled' | 'duplicate' | 'in_flight' | 'unhandled' | 'handler_failed' | 'store_failed' | 'invalid'

/** The HTTP answer to give the provider, with what happened. */
export interface Answer {
  readonly status: 200 | 400 | 409 | 413 | 500 | 503
  /** A short text body, never a secret. */
  readonly body: string
  readonly outcome: Outcome
  readonly headers: Readonly<Record<string, string>>
  /** The verified event's provider, id and type, when it verified. */
  readonly provider?: string
  readonly id?: string
  readonly type?: string
  /** Why a delivery was refused (`invalid`). */
  readonly verification?: VerificationError
  /** False when the handler succeeded but the store could not mark the event done (see `docs/receiving.md`). */
  readonly completed?: boolean
}

/** What `onError` is told: a handler or the store failed for this event. */
export interface HandlingFailure {
  readonly outcome: 'handler_failed' | 'store_failed'
  readonly provider: string
  readonly id: string
  readonly type: string
  /** Which step failed: the handler, or the store's claim, complete or release. */
  readonly step: 'handler' | 'claim' | 'complete' | 'release'
  readonly error: unknown
}

/** Options of `createHandlers`. */
export interface HandlersOptions<P extends string = string> {
  /** Where claims are kept (default: `memorySeenStore()`, one instance only). */
  readonly store?: SeenStore
  /** How long a claim holds before another delivery may take it over, in ms (default 30 000). Longer than your slowest handler. */
  readonly leaseMs?: number
  /** How long a handled event stays done, per provider, in ms (default: `DEFAULT_RETENTION_MS`). */
  readonly retentionMs?: Partial<Record<P, number>>
  /** Told when a handler or the store fails, for your logs. */
  readonly onError?: (failure: HandlingFailure) => void
}

/** A receiver's handlers: register with `on`, then serve with `handle` (a `Request`) or `handleRaw`. */
export interface Handlers<V extends AnyVerifier = AnyVerifier> {
  /** Handles `type` events of `provider`; the handler's event is narrowed to that type. Returns the same handlers, to chain. */
  on<P extends V['provider'], T extends EventOf<V, P>['type']>(provider: P, type: T, handler: Handler<EventNamed<EventOf<V, P>, T>>): Handlers<V>
  /** Answers a standard `Request` (workers, Next.js, Hono, Bun, Deno). Reads its body. */
  handle(request: Request): Promise<Response>
  /** The same on a raw body and headers already in hand. */
  handleRaw(body: RawBody, headers: HeadersLike): Promise<Answer>
}

const answer = (status: Answer['status'], outcome: Outcome, body: string, extra: Partial<Answer> = {}): Answer =>
  Object.freeze({ status, outcome, body, headers: { 'content-type': 'text/plain; charset=utf-8' }, ...extra })

const isLeft = (value: unknown): value is Left<unknown> =>
  typeof value === 'object' && value !== null && (value as { _tag?: unknown })._tag === 'Left' && 'left' in value

function positive(where: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new TypeError(`createHandlers(): ${where} must be a positive number of milliseconds (got ${shapeOf(value)})`)
  return value
}

/** The key of an event; a delivery with no id stands for the hash of its verified body. */
async function keyOf(event: NormalizedEvent, body: RawBody): Promise<string> {
  if (event.id) return seenKey(event.provider, event.account, event.id)
  const bytes = rawBody(event.provider, body)
  const hash = bytes._tag === 'Right' ? await sha256Hex(bytes.right) : ''
  return seenKey(event.provider, event.account, `sha256:${hash}`)
}

/** Runs the handler; answers the error when it failed, undefined when it succeeded. */
async function run(handler: Handler<never>, event: NormalizedEvent): Promise<{ readonly error: unknown } | undefined> {
  try {
    const result = await handler(event as never)
    return isLeft(result) ? { error: result.left } : undefined
  } catch (error) {
    return { error }
  }
}

/**
 * Typed handlers on a receiver, with a seen-store making redeliveries harmless. Handlers are registered
 * at start-up: a provider the receiver does not know, a second handler for the same event type, or a
 * handler that is not a function is a `TypeError` then, not per delivery.
 */
export function createHandlers<V extends AnyVerifier>(receiver: Receiver<V>, options: HandlersOptions<V['provider']> = {}): Handlers<V> {
  const store = options.store ?? memorySeenStore()
  if (!['claim', 'complete', 'release'].every((method) => typeof (store as unknown as Record<string, unknown>)[method] === 'function'))
    throw new TypeError(`createHandlers(): store must be a SeenStore, with claim, complete and release (got ${shapeOf(store)})`)
  const leaseMs = positive('leaseMs', options.leaseMs, 30_000)
  const retention: Record<string, number> = {}
  for (const [provider, ms] of Object.entries(options.retentionMs ?? {})) retention[provider] = positive(`retentionMs.${provider}`, ms, FALLBACK_RETENTION_MS)
  const retentionOf = (provider: string) => retention[provider] ?? DEFAULT_RETENTION_MS[provider] ?? FALLBACK_RETENTION_MS
  const inFlightHeaders = { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(Math.ceil(leaseMs / 1000)) }
  const table = new Map<string, Handler<never>>()
  const report = (failure: HandlingFailure) => {
    try {
      options.onError?.(failure)
    } catch {
      // A failing logger must not change the answer the provider gets.
    }
  }

  async function dispatch(event: NormalizedEvent, body: RawBody): Promise<Answer> {
    const about = { provider: event.provider, id: event.id, type: event.type }
    const handler = table.get(`${event.provider}\n${event.type}`)
    if (!handler) return answer(200, 'unhandled', 'no handler', about)
    const key = await keyOf(event, body)
    const failed = (step: HandlingFailure['step'], error: unknown, outcome: HandlingFailure['outcome']) => report({ outcome, step, error, ...about })

    let claim: Awaited<ReturnType<SeenStore['claim']>>
    try {
      claim = await store.claim(key, leaseMs)
    } catch (error) {
      failed('claim', error, 'store_failed')
      return answer(503, 'store_failed', 'seen-store unavailable', about)
    }
    if (claim.state === 'done') return answer(200, 'duplicate', 'already handled', about)
    if (claim.state === 'in_flight') return answer(409, 'in_flight', 'in flight elsewhere', { ...about, headers: inFlightHeaders })

    const outcome = await run(handler, event)
    if (outcome) {
      failed('handler', outcome.error, 'handler_failed')
      // Released so the redelivery is processed at once; should the store be down, the lease expires instead.
      await store.release(key, claim.token).catch((error: unknown) => failed('release', error, 'store_failed'))
      return answer(500, 'handler_failed', 'handler failed', about)
    }
    // Handled: the answer is 2xx even when the store cannot record it, or the provider would redeliver an
    // event that was handled. Its lease then expires; a redelivery after that would be handled again.
    const completed = await store.complete(key, claim.token, retentionOf(event.provider)).catch((error: unknown) => {
      failed('complete', error, 'store_failed')
      return false
    })
    return answer(200, 'handled', 'handled', { ...about, completed })
  }

  const handlers: Handlers<V> = {
    on(provider, type, handler) {
      if (!receiver.providers.includes(provider))
        throw new TypeError(`createHandlers(): on(${JSON.stringify(provider)}) names a provider the receiver does not verify`)
      if (typeof type !== 'string' || type === '')
        throw new TypeError(`createHandlers(): on(${JSON.stringify(provider)}, …) needs an event type (got ${shapeOf(type)})`)
      if (typeof handler !== 'function')
        throw new TypeError(`createHandlers(): the handler for ${provider} ${type} is not a function (got ${shapeOf(handler)})`)
      const slot = `${provider}\n${type}`
      if (table.has(slot)) throw new TypeError(`createHandlers(): ${provider} ${type} already has a handler`)
      table.set(slot, handler as Handler<never>)
      return handlers
    },
    async handleRaw(body, headers) {
      const verified = await receiver.receiveRaw(body, headers)()
      if (verified._tag === 'Left') return answer(400, 'invalid', verified.left.reason, { verification: verified.left })
      return dispatch(verified.right.event, body)
    },
    async handle(request) {
      let body: Uint8Array
      try {
        body = new Uint8Array(await request.arrayBuffer())
      } catch {
        return toResponse(answer(400, 'invalid', 'body_not_raw'))
      }
      return toResponse(await handlers.handleRaw(body, request.headers))
    },
  }
  return handlers
}

/** An answer as a standard `Response`. */
export const toResponse = (result: Answer): Response => new Response(result.body, { status: result.status, headers: result.headers })
