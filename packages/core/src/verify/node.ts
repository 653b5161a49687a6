/**
 * Handlers served by Node's `http` and by Express, typed without `@types/node`: a request is anything
 * with `headers` whose body can be iterated (an `IncomingMessage`), a response anything with
 * `statusCode`, `setHeader` and `end` (a `ServerResponse`, Express's `res`).
 */

import type { Answer, Handlers } from './handlers.js'
import type { HeadersLike, RawBody } from './verification.js'

/** Node's `IncomingMessage`, or Express's `req` (whose `body` is the raw bytes after `express.raw()`). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly headers: HeadersLike
  readonly body?: unknown
}

/** Node's `ServerResponse`, or Express's `res`. */
export interface NodeResponseLike {
  statusCode: number
  /** Sets a response header. */
  setHeader(name: string, value: string): unknown
  /** Sends the body and ends the response. */
  end(body?: string): unknown
}

/** Options of `nodeHandler`. */
export interface NodeHandlerOptions {
  /** The largest body read, in bytes (default 1 MiB); a larger one is answered 413 unread. */
  readonly maxBodyBytes?: number
}

const plain = { 'content-type': 'text/plain; charset=utf-8' }
const TOO_LARGE: Answer = { status: 413, outcome: 'invalid', body: 'body too large', headers: plain }
const UNREADABLE: Answer = { status: 400, outcome: 'invalid', body: 'body_not_raw', headers: plain }

/** The request's body: what a body parser left (`express.raw()`), else the stream read whole; undefined when too large. */
async function readBody(request: NodeRequestLike, limit: number): Promise<unknown> {
  if (request.body !== undefined) return request.body
  const chunks: Uint8Array[] = []
  let size = 0
  const encoder = new TextEncoder()
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    size += bytes.byteLength
    if (size > limit) return undefined
    chunks.push(bytes)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/**
 * A request listener for `http.createServer`, and an Express handler: `app.post('/webhooks',
 * nodeHandler(handlers))`. A body Express already parsed as JSON cannot be verified and is answered 400
 * (`body_not_raw`); use `express.raw()` or no body parser on that route.
 */
export function nodeHandler(
  handlers: Pick<Handlers, 'handleRaw'>,
  options: NodeHandlerOptions = {},
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const limit = options.maxBodyBytes ?? 1024 * 1024
  return async (request, response) => {
    let result: Answer
    try {
      const body = await readBody(request, limit)
      result = body === undefined ? TOO_LARGE : await handlers.handleRaw(body as RawBody, request.headers)
    } catch {
      // The client went away mid-body: nothing was verified, so nothing was handled.
      result = UNREADABLE
    }
    response.statusCode = result.status
    for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value)
    response.end(result.body)
  }
}
