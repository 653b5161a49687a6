/**
 * What keeps `listen` bounded whatever it is sent: a body limit enforced before reading (Content-Length)
 * and while reading (a chunked body stops at the limit), a gate on how many deliveries are handled at
 * once, and forwarding targets (one for all providers, or one per provider) that keep each delivery's
 * path and query.
 */

import type { IncomingMessage } from 'node:http'
import { usageError } from './errors.js'
import { httpUrlFlag } from './flag-issues.js'
import { type ProviderName, providerNames } from './providers.js'
import { didYouMean } from './suggest.js'

export const DEFAULT_MAX_BODY = 1024 * 1024
export const DEFAULT_LISTEN_CONCURRENCY = 32
/** How many deliveries may wait for a turn (each unread, a few kilobytes) before more are turned away with 503. */
export const MAX_WAITING = 1024

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024 }

/** `1mb`, `256kb`, `65536` as bytes; a usage error naming the flag otherwise. */
export function parseSize(text: string, flag = '--max-body'): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim())
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : Number.NaN
  if (!(bytes >= 1)) throw usageError(`${flag} must be a size such as 1mb, 256kb or 65536 (bytes), not "${text}"`)
  return bytes
}

export type BoundedBody = { readonly body: Uint8Array } | { readonly tooLarge: true; readonly bytes?: number }

/**
 * The request's body, up to `max` bytes. A declared length over the limit is refused before any byte is
 * read; a body without one (chunked) stops being read at the limit.
 */
export function readBounded(req: IncomingMessage, max: number): Promise<BoundedBody> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > max) return Promise.resolve({ tooLarge: true, bytes: declared })
  // Listeners, not `for await`: leaving that loop early destroys the request and its socket, and the
  // 413 could not be sent. Paused, the request stops the socket once a few kilobytes are buffered.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose)
      req.pause()
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= max) chunks.push(chunk)
      else {
        stop()
        resolve({ tooLarge: true })
      }
    }
    const onEnd = () => {
      stop()
      // The Buffer itself: wrapping it in a new Uint8Array would copy the body.
      resolve({ body: Buffer.concat(chunks, size) })
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    const onClose = () => onError(new Error('the client closed the connection before the body ended'))
    req.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose)
  })
}

export interface Gate {
  /** Waits for a turn; `false` when too many are already waiting (answer 503). */
  enter(): Promise<boolean>
  leave(): void
}

/** At most `width` deliveries handled at once; up to `MAX_WAITING` more wait (unread) for a turn. */
export function createGate(width: number): Gate {
  let inFlight = 0
  const waiting: (() => void)[] = []
  return {
    async enter() {
      if (inFlight < width) {
        inFlight++
        return true
      }
      if (waiting.length >= MAX_WAITING) return false
      await new Promise<void>((resolve) => waiting.push(resolve))
      return true
    },
    leave() {
      const next = waiting.shift()
      if (next) next()
      else inFlight--
    },
  }
}

/** Where verified deliveries are forwarded: one URL for every provider, and/or one per provider. */
export interface ForwardTargets {
  readonly all?: string
  readonly byProvider: Readonly<Record<ProviderName, string>>
}

/** `--forward-to URL` and `--forward-to PROVIDER=URL`, each checked. */
export function parseForwardTargets(values: readonly string[]): ForwardTargets | undefined {
  if (values.length === 0) return undefined
  let all: string | undefined
  const byProvider: Record<ProviderName, string> = {}
  for (const value of values) {
    const named = /^([A-Za-z][\w-]*)=(.*)$/.exec(value)
    if (named && !/^https?:/i.test(value)) {
      const [, name = '', url = ''] = named
      const names = providerNames()
      if (!names.includes(name))
        throw usageError(`--forward-to ${name}=…: unknown provider "${name}"; expected one of ${names.join(', ')}${didYouMean(name, names)}`)
      if (byProvider[name as ProviderName]) throw usageError(`--forward-to names ${name} twice; give one URL per provider`)
      byProvider[name as ProviderName] = httpUrlFlag(`--forward-to ${name}=`, url)
    } else {
      if (all !== undefined) throw usageError('--forward-to gives two URLs for every provider; give one, or one per provider as PROVIDER=URL')
      all = httpUrlFlag('--forward-to', value)
    }
  }
  return { ...(all === undefined ? {} : { all }), byProvider }
}

/**
 * The URL a delivery is forwarded to: the target's path followed by the delivery's path (a delivery to
 * `/` goes to the target's path as is), the target's query and then the delivery's.
 */
export function forwardUrl(targets: ForwardTargets, provider: string, requestUrl: string): string | undefined {
  const base = targets.byProvider[provider as ProviderName] ?? targets.all
  if (base === undefined) return undefined
  const target = new URL(base)
  const incoming = new URL(requestUrl, 'http://listener.invalid')
  if (incoming.pathname !== '/') target.pathname = `${target.pathname.replace(/\/$/, '')}${incoming.pathname}`
  for (const [key, value] of incoming.searchParams) target.searchParams.append(key, value)
  return target.href
}
