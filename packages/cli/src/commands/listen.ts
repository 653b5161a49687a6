/**
 * `unihook listen`: a local receiver for all three providers. Each delivery is verified with the keys at
 * hand (environment, `--secrets FILE`, and the sandbox's own with `--sandbox`, re-read on every delivery
 * so webhooks created meanwhile verify too), printed as one line, and, when verified, forwarded to the
 * user's app with `--forward-to`.
 */

import { createServer, type IncomingMessage, STATUS_CODES, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { redactUrl } from '@unihook/core'
import { type Command, type Context, list, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import {
  createGate,
  DEFAULT_LISTEN_CONCURRENCY,
  DEFAULT_MAX_BODY,
  type ForwardTargets,
  forwardUrl,
  parseForwardTargets,
  parseSize,
  readBounded,
} from '../listen-bounds.js'
import { postFailure, targetOf } from '../http-target.js'
import { openDeliveryLog } from '../history/log.js'
import type { Observed } from '../history/recorder.js'
import { loadState } from '../sandbox.js'
import {
  claimedProvider,
  keysFromEnv,
  keysFromSandbox,
  keysFromSecretsFile,
  mergeKeys,
  NO_KEYS,
  type VerificationKeys,
  type Verified,
  verifiersFor,
  verifyDelivery,
} from '../verification.js'
import { readSecretsFile } from '../views.js'

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

/** `--forward-to` targets as shown: credentials in the URLs hidden. */
const describeTargets = (t: ForwardTargets) =>
  [...(t.all ? [redactUrl(t.all)] : []), ...Object.entries(t.byProvider).map(([p, url]) => `${p}=${redactUrl(url)}`)].join(', ')

function wholeNumber(c: Context, flag: string, min: number, max: number, fallback: number): number {
  const text = str(c.flags, flag)
  if (text === undefined) return fallback
  const value = Number(text)
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(`--${flag} must be a whole number ${range}, not "${text}"`)
  return value
}

export const listenCommand: Command = {
  name: 'listen',
  usage:
    'unihook listen [--port N] [--forward-to [PROVIDER=]URL]… [--max-body SIZE] [--concurrency N] [--sandbox] [--secrets FILE] [--count N] [--events a,b] [--inspect [--inspect-port N]]',
  summary: 'receive deliveries locally, verify and print them, forward verified ones',
  options: {
    port: { type: 'string' },
    'forward-to': { type: 'string', multiple: true },
    secrets: { type: 'string' },
    count: { type: 'string' },
    'max-body': { type: 'string' },
    concurrency: { type: 'string' },
    events: { type: 'string', multiple: true },
    inspect: { type: 'boolean' },
    'inspect-port': { type: 'string' },
  },
  async run(c) {
    const port = wholeNumber(c, 'port', 0, 65535, DEFAULT_LISTEN_PORT)
    const countText = str(c.flags, 'count')
    const count = countText === undefined ? undefined : wholeNumber(c, 'count', 1, Number.MAX_SAFE_INTEGER, 1)
    const maxBodyText = str(c.flags, 'max-body')
    const maxBody = maxBodyText === undefined ? DEFAULT_MAX_BODY : parseSize(maxBodyText)
    const concurrency = wholeNumber(c, 'concurrency', 1, 1000, DEFAULT_LISTEN_CONCURRENCY)
    const forwardTo = parseForwardTargets(list(c.flags, 'forward-to'))
    const secretsFile = str(c.flags, 'secrets')
    const fixed = mergeKeys(keysFromEnv(c.env), secretsFile ? keysFromSecretsFile(readSecretsFile(secretsFile)) : NO_KEYS)
    const keys = () => {
      if (!c.session.sandbox) return fixed
      const state = loadState(c.session.statePath)
      return state ? mergeKeys(fixed, keysFromSandbox(state)) : fixed
    }
    const events = eventFilter(list(c.flags, 'events'))
    const inspectPort = portFlag(c.flags.inspect === true ? (str(c.flags, 'inspect-port') ?? '0') : undefined, '--inspect-port')
    const log = await openDeliveryLog(c, {
      ...(secretsFile ? { secretsFile } : {}),
      ...(forwardTo ? { forwardTo } : {}),
      ...(inspectPort === undefined ? {} : { inspectPort }),
    })
    let seen = 0
    let allVerified = true
    let finish: () => void = () => undefined
    const done = new Promise<void>((resolve) => (finish = resolve))
    c.signal.addEventListener('abort', () => finish())
    const listener = await startListener({
      port,
      keys,
      maxBody,
      concurrency,
      ...(forwardTo ? { forwardTo } : {}),
      ...(events ? { events } : {}),
      observe: log.observe,
      onDelivery: (record) => {
        seen++
        if (!record.verified) allVerified = false
        if (c.out.json) c.out.record({ delivery: record })
        else c.out.line(describeDelivery(c.out, record))
        if (count !== undefined && seen >= count) finish()
      },
    }).catch(async (error: unknown) => {
      await log.close()
      throw error
    })
    const forwarding = forwardTo ? describeTargets(forwardTo) : undefined
    if (c.out.json) c.out.record({ listening: listener.url, ...(forwarding ? { forwardTo: forwarding } : {}), maxBody, concurrency })
    else c.out.line(`listening on ${listener.url}${forwarding ? `, forwarding verified deliveries to ${forwarding}` : ''} (Ctrl-C to stop)`)
    if (log.inspectorUrl && c.out.json) c.out.record({ inspector: log.inspectorUrl })
    else if (log.inspectorUrl) c.out.line(`inspector: ${log.inspectorUrl}`)
    await done
    await listener.close()
    await log.close()
    return allVerified ? EXIT.ok : EXIT.failure
  },
}

/** `--events a,b` (repeatable): the event types to print and forward; undefined for all. */
function eventFilter(values: readonly string[]): ReadonlySet<string> | undefined {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  if (values.length && !names.length) throw usageError('--events needs event names, comma-separated')
  return names.length ? new Set(names) : undefined
}

function portFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`${flag} must be a port number, not "${text}"`)
  return port
}
