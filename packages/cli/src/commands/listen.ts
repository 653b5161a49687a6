/**
 * `unihook listen`: a local receiver for all three providers. Each delivery is verified with the keys at
 * hand (environment, `--secrets FILE`, and the sandbox's own with `--sandbox`, re-read on every delivery
 * so webhooks created meanwhile verify too), printed as one line, and, when verified, forwarded to the
 * user's app with `--forward-to`.
 */

import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { redactUrl } from '@unihook/core'
import { type Command, type Context, list, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
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
  readonly forwardTo?: string
  /** Event types to print and forward (`--events`); others are answered 200 and recorded only. */
  readonly events?: ReadonlySet<string>
  readonly onDelivery: (record: DeliveryRecord) => void
  /** Runs before the answer and `onDelivery` (the history). */
  readonly observe?: (delivery: Observed) => Promise<void>
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
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

async function forward(url: string, body: Uint8Array, headers: Headers): Promise<{ status: number } | { error: string }> {
  const sent = new Headers(headers)
  for (const h of ['host', 'content-length', 'connection', 'transfer-encoding']) sent.delete(h)
  try {
    const response = await fetch(url, { method: 'POST', headers: sent, body: Buffer.from(body), signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer().catch(() => undefined)
    return { status: response.status }
  } catch (error) {
    return { error: ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message }
  }
}

/** Starts the receiver on 127.0.0.1. */
export async function startListener(settings: ListenSettings): Promise<Listener> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end()
        return
      }
      const receivedAt = new Date()
      const body = await readBody(req)
      const headers = toHeaders(req)
      const result = await check(settings.keys(), body, headers)
      const filtered = result.verified && settings.events !== undefined && !settings.events.has(result.event.type)
      let forwarded: DeliveryRecord['forwarded']
      const started = performance.now()
      if (result.verified && !filtered && settings.forwardTo) forwarded = await forward(settings.forwardTo, body, headers)
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
      const path = req.url ?? '/'
      const at = settings.forwardTo === undefined ? {} : { forwardTo: settings.forwardTo }
      // Recorded before the answer, so that a sender that got its answer finds the delivery in the history.
      await settings.observe?.({ receivedAt, path, headers, body, result, ...(forwarded ? { forwarded } : {}), ...at, forwardMs, filtered, answered: status })
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(result.verified ? { received: true } : { error: result.reason }))
      if (!filtered) settings.onDelivery(record)
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
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

export const listenCommand: Command = {
  name: 'listen',
  usage: 'unihook listen [--port N] [--forward-to URL] [--sandbox] [--secrets FILE] [--count N] [--events a,b] [--inspect [--inspect-port N]]',
  summary: 'receive deliveries locally, verify and print them, forward verified ones',
  options: {
    port: { type: 'string' },
    'forward-to': { type: 'string' },
    secrets: { type: 'string' },
    count: { type: 'string' },
    events: { type: 'string', multiple: true },
    inspect: { type: 'boolean' },
    'inspect-port': { type: 'string' },
  },
  async run(c) {
    const portText = str(c.flags, 'port')
    const port = portText === undefined ? DEFAULT_LISTEN_PORT : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a port number, not "${portText}"`)
    const countText = str(c.flags, 'count')
    const count = countText === undefined ? undefined : Number(countText)
    if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw usageError(`--count must be a whole number ≥ 1, not "${countText}"`)
    const forwardTo = str(c.flags, 'forward-to')
    if (forwardTo !== undefined && !/^https?:\/\//.test(forwardTo)) throw usageError(`--forward-to must be an http(s) URL, not "${forwardTo}"`)
    const secretsFile = str(c.flags, 'secrets')
    const fixed = mergeKeys(keysFromEnv(c.env), secretsFile ? keysFromSecretsFile(readSecretsFile(secretsFile)) : NO_KEYS)
    const keys = () => {
      if (!c.session.sandbox) return fixed
      const state = loadState(c.session.statePath)
      return state ? mergeKeys(fixed, keysFromSandbox(state)) : fixed
    }
    const events = eventFilter(list(c.flags, 'events'))
    const inspectPort = portFlag(c.flags['inspect'] === true ? (str(c.flags, 'inspect-port') ?? '0') : undefined, '--inspect-port')
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
    if (c.out.json) c.out.record({ listening: listener.url, ...(forwardTo ? { forwardTo: redactUrl(forwardTo) } : {}) })
    else c.out.line(`listening on ${listener.url}${forwardTo ? `, forwarding verified deliveries to ${redactUrl(forwardTo)}` : ''} (Ctrl-C to stop)`)
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
