/**
 * The local receiver `listen` runs and `demo` starts: an HTTP server on 127.0.0.1 that verifies each
 * delivery with the keys at hand, records it, and forwards verified ones. A module of its own, so that
 * the commands using it import none of each other's internals.
 */

import { createServer, type IncomingMessage, STATUS_CODES, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Context } from './command.js'
import { failure } from './errors.js'
import { postFailure, targetOf } from './http-target.js'
import type { Observed } from './history/recorder.js'
import { createGate, DEFAULT_LISTEN_CONCURRENCY, DEFAULT_MAX_BODY, type ForwardTargets, forwardUrl, readBounded } from './listen-bounds.js'
import { claimedProvider, type VerificationKeys, type Verified, verifiersFor, verifyDelivery } from './verification.js'

export const DEFAULT_LISTEN_PORT = 4020

export interface DeliveryRecord {
  readonly provider: string
  readonly verified: boolean
  readonly type?: string
  readonly id?: string
  readonly account?: string
  readonly reason?: string
  readonly message?: string
  readonly forwarded?: { readonly status: number } | { readonly error: string }
}

export interface Listener {
  readonly url: string
  close(): Promise<void>
}

export interface ListenSettings {
  readonly port: number
  /** The keys to verify with, read again for every delivery. */
  readonly keys: () => VerificationKeys
  readonly forwardTo?: ForwardTargets
  /** Largest body read (bytes); larger ones are answered 413 unread. Default 1 MB. */
  readonly maxBody?: number
  /** Deliveries handled at once; more wait their turn, unread. Default 32. */
  readonly concurrency?: number
  /** Event types to print and forward (`--events`); others are answered 200 and recorded only. */
  readonly events?: ReadonlySet<string>
  readonly onDelivery: (record: DeliveryRecord) => void
  /** Runs before the answer and `onDelivery` (the history). */
  readonly observe?: (delivery: Observed) => Promise<void>
}

const toHeaders = (req: IncomingMessage) => {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item)
    else if (v !== undefined) headers.set(k, v)
  }
  return headers
}

async function check(keys: VerificationKeys, body: Uint8Array, headers: Headers): Promise<Verified> {
  const claimed = claimedProvider(headers)
  // A delivery from a provider we hold no key for: say so, rather than "no known signature header".
  if (claimed && verifiersFor(keys, claimed).length === 0)
    return { verified: false, provider: claimed, reason: 'no_secret', message: `no ${claimed} secret or key to verify with` }
  return verifyDelivery(verifiersFor(keys), body, headers)
}

/** The same bytes, typed as fetch takes them (a body read from a socket is over an ArrayBuffer): no copy. */
const viewOf = (body: Uint8Array) => new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)

async function forward(url: string, body: Uint8Array, headers: Headers): Promise<{ status: number } | { error: string }> {
  const sent = new Headers(headers)
  for (const h of ['host', 'content-length', 'connection', 'transfer-encoding']) sent.delete(h)
  const target = targetOf(url)
  for (const [name, value] of Object.entries(target.headers)) sent.set(name, value)
  try {
    const response = await fetch(target.url, { method: 'POST', headers: sent, body: viewOf(body), signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer().catch(() => undefined)
    return { status: response.status }
  } catch (error) {
    return { error: postFailure(error, url) }
  }
}

/** How long a refused connection stays half-open so the client reads the answer before it is dropped. */
const LINGER_MS = 2000

/**
 * Answers and closes the connection without reading the rest of the request. The answer goes straight
 * on the socket, not through `res`: Node would read and discard the rest of the body, then reset the
 * connection, and a reset can lose the answer the client had not read yet. Here the connection is
 * half-closed after the answer, nothing more is read (the unread body stops the socket once a few
 * kilobytes are buffered), and it is dropped after a grace period.
 */
function refuse(socket: Socket, status: number, body: object, headers: Record<string, string> = {}) {
  if (socket.destroyed) return
  const text = JSON.stringify(body)
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(text)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ]
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`)
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

async function handle(settings: ListenSettings, req: IncomingMessage, res: ServerResponse, socket: Socket, maxBody: number): Promise<void> {
  const receivedAt = new Date()
  const headers = toHeaders(req)
  const read = await readBounded(req, maxBody)
  if ('tooLarge' in read) {
    refuse(socket, 413, { error: 'body_too_large', limit: maxBody })
    const size = read.bytes === undefined ? 'more than' : `${read.bytes} bytes, over`
    settings.onDelivery({
      provider: claimedProvider(headers) ?? 'unknown',
      verified: false,
      reason: 'too_large',
      message: `body of ${size} the ${maxBody}-byte limit (raise it with --max-body): answered 413 unread`,
    })
    return
  }
  const { body } = read
  const path = req.url ?? '/'
  const result = await check(settings.keys(), body, headers)
  const filtered = result.verified && settings.events !== undefined && !settings.events.has(result.event.type)
  const target = settings.forwardTo ? forwardUrl(settings.forwardTo, result.provider, path) : undefined
  const started = performance.now()
  const forwarded = result.verified && !filtered && target !== undefined ? await forward(target, body, headers) : undefined
  const forwardMs = Math.round(performance.now() - started)
  const record: DeliveryRecord = result.verified
    ? {
        provider: result.provider,
        verified: true,
        type: result.event.type,
        id: result.event.id,
        ...(result.event.account === undefined ? {} : { account: result.event.account }),
        ...(forwarded ? { forwarded } : {}),
      }
    : { provider: result.provider, verified: false, reason: result.reason, message: result.message }
  const status = !result.verified ? 400 : forwarded === undefined ? 200 : 'status' in forwarded ? forwarded.status : 502
  const at = target === undefined ? {} : { forwardTo: target }
  // Recorded before the answer, so that a sender that got its answer finds the delivery in the history.
  await settings.observe?.({ receivedAt, path, headers, body, result, ...(forwarded ? { forwarded } : {}), ...at, forwardMs, filtered, answered: status })
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(result.verified ? { received: true } : { error: result.reason }))
  if (!filtered) settings.onDelivery(record)
}

/** Starts the receiver on 127.0.0.1. */
export async function startListener(settings: ListenSettings): Promise<Listener> {
  const maxBody = settings.maxBody ?? DEFAULT_MAX_BODY
  const gate = createGate(settings.concurrency ?? DEFAULT_LISTEN_CONCURRENCY)
  const server: Server = createServer((req, res) => {
    // Kept here: a request that ends or is destroyed lets go of its socket.
    const socket = req.socket
    if (req.method !== 'POST') {
      refuse(socket, 405, { error: 'method_not_allowed' }, { allow: 'POST' })
      return
    }
    void (async () => {
      if (!(await gate.enter())) {
        refuse(socket, 503, { error: 'busy' }, { 'retry-after': '1' })
        return
      }
      try {
        await handle(settings, req, res, socket, maxBody)
      } finally {
        gate.leave()
      }
    })().catch(() => {
      if (!res.headersSent) refuse(socket, 500, { error: 'internal' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? failure(`port ${settings.port} is in use; pick another with --port`, { tag: 'PortInUse' }) : error),
    )
    server.listen(settings.port, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function describeDelivery(c: Context['out'], r: DeliveryRecord): string {
  const head = `${r.provider.padEnd(8)} ${(r.type ?? '-').padEnd(24)} ${r.id ?? '-'}`
  if (!r.verified) return `${head} ${c.c.red('NOT verified')}: ${r.reason}: ${r.message}`
  const fwd = r.forwarded === undefined ? '' : 'status' in r.forwarded ? ` → forwarded ${r.forwarded.status}` : ` → forward failed: ${r.forwarded.error}`
  return `${head} ${c.c.green('verified')}${fwd}`
}
