/**
 * The fake runtime: what every provider fake is built on. A fake is a `(Request) => Promise<Response>`
 * handler over an in-memory store; the runtime records each request, applies armed faults and latency,
 * and leaves the provider's behaviour to the fake's `route` function. The same handler is mounted under
 * msw (`mswHandler`) or served over real HTTP on loopback (`serveFake`).
 */

import { type Clock, systemClock } from './clock.js'
import { createFaults, type Faults } from './faults.js'

/**
 * A fake provider API as a function from a standard `Request` to a `Response`: mount it with
 * `mswHandler` or serve it with `serveFake`.
 */
export type FakeHandler = (request: Request) => Promise<Response>

/** A request as a fake received it, body read, for assertions. */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  /** The URL's path, without query (the fakes are mounted at their provider's root). */
  readonly path: string
  readonly headers: Headers
  /** The body exactly as received. */
  readonly body: string
  /** The fake clock's time when the request arrived. */
  readonly at: number
}

/** What every fake is built on: the handler, its clock, its faults and the requests it received. */
export interface FakeRuntime {
  readonly handle: FakeHandler
  readonly clock: Clock
  readonly faults: Faults
  /**
   * The requests the fake received, faulted or not, in order: the most recent `maxRecorded` (default
   * 10,000) of them, so that a long-running fake (a sandbox) does not grow without bound.
   */
  readonly requests: readonly RecordedRequest[]
  /** Forgets the recorded requests. */
  clearRequests(): void
}

/** The clock and faults a fake uses (default: the system clock, no faults), and how many requests it keeps. */
export interface FakeRuntimeOptions {
  readonly clock?: Clock
  readonly faults?: Faults
  /** How many of the latest requests `requests` keeps (default 10,000); older ones are dropped. */
  readonly maxRecorded?: number
}

const MAX_RECORDED = 10_000

/** JSON response with the given status. */
export function json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** Items serialised per chunk of a `jsonList` answer: enough to keep the stream's own cost small. */
const LIST_CHUNK = 256

/**
 * JSON response `{"<key>": [view(item), ...]}`, serialised chunk by chunk as the body is read: the
 * same bytes as `json(status, { [key]: items.map(view) })`, but only one chunk's views and text exist at
 * a time, so an answer listing 100k items costs the same per item as one listing 1k (no 100k views and
 * one giant string surviving into the old generation).
 */
export function jsonList<T>(
  status: number,
  key: string,
  items: readonly T[],
  view: (item: T) => unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const encoder = new TextEncoder()
  let next = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const end = Math.min(next + LIST_CHUNK, items.length)
      let text = next === 0 ? `{${JSON.stringify(key)}:[` : ''
      for (let i = next; i < end; i++) text += (i === 0 ? '' : ',') + JSON.stringify(view(items[i] as T))
      next = end
      if (next === items.length) text += ']}'
      controller.enqueue(encoder.encode(text))
      if (next === items.length) controller.close()
    },
  })
  return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } })
}

/** Matches `/webhooks/:id` style patterns; returns the parameters or `undefined`. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = []
  const regex = new RegExp(
    `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:([A-Za-z_]+)/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })}/?$`,
  )
  const m = regex.exec(path)
  if (!m) return undefined
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]))
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/** How long a hung request is held before the fake gives up on it (the client should have given up first). */
const HANG_LIMIT_MS = 120_000

/** The same answer, whose body stream fails halfway, as when the connection resets mid-body. */
async function cutHalfway(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)))
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(half)
      // Next turn, so the headers and the first half go out before the failure.
      setTimeout(() => controller.error(new TypeError('terminated: the connection was reset')), 5)
    },
  })
  return new Response(body, { status: response.status, headers: response.headers })
}

/** Wraps a fake's routing function with request recording and fault injection, giving the handler to mount. */
export function createFakeRuntime(route: (request: RecordedRequest) => Promise<Response> | Response, options: FakeRuntimeOptions = {}): FakeRuntime {
  const clock = options.clock ?? systemClock
  const faults = options.faults ?? createFaults()
  const requests: RecordedRequest[] = []
  const maxRecorded = options.maxRecorded ?? MAX_RECORDED

  const handle: FakeHandler = async (request) => {
    const url = new URL(request.url)
    const recorded: RecordedRequest = {
      method: request.method.toUpperCase(),
      url,
      path: url.pathname,
      headers: new Headers(request.headers),
      body: await request.text(),
      at: clock.now(),
    }
    requests.push(recorded)
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded)
    const delay = faults.delayFor(recorded.method, recorded.path)
    if (delay > 0) await sleep(delay, request.signal)
    // A request its client gave up on while it waited takes no fault: the fault is for a later request.
    if (request.signal.aborted) return Response.error()
    const fault = faults.take(recorded.method, recorded.path)
    if (fault?.kind === 'drop') return Response.error()
    if (fault?.kind === 'hang') {
      await sleep(HANG_LIMIT_MS, request.signal)
      return Response.error()
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { ...fault.headers }
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
      return json(fault.status, fault.body ?? { error: `injected ${fault.status}` }, headers)
    }
    const response = await route(recorded)
    if (fault?.kind === 'lose') return Response.error()
    if (fault?.kind === 'cut') return cutHalfway(response)
    if (fault?.kind === 'malformed') {
      const text = await response.text()
      const body = fault.mode === 'garbage' ? '<html><body>502 Bad Gateway</body></html>' : text.slice(0, Math.max(1, Math.floor(text.length / 2)))
      return new Response(body, { status: response.status, headers: response.headers })
    }
    return response
  }

  return {
    handle,
    clock,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0
    },
  }
}
