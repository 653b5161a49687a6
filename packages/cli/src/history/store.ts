/**
 * The local delivery history: one JSON line per delivery `listen` received, in `.unihook/history.jsonl`
 * (next to the sandbox state; `UNIHOOK_HISTORY` names another file), mode 0600 because it holds bodies
 * and signature headers. Bounded: past `max` records (default 1000, `UNIHOOK_HISTORY_MAX`) the oldest
 * are dropped, by rewriting the file (atomically) once it holds a quarter more than `max`, so appends
 * stay cheap. Credentials a request carried (`Authorization`, cookies, API-key headers) are never
 * stored; signature headers are kept, because a byte-for-byte replay and a diagnosis need them, and are
 * hidden whenever a record is shown.
 */

import { randomBytes } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeSync, writevSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REDACTED } from '@unihook/core'
import { failure, usageError } from '../errors.js'
import { providers } from '../providers.js'
import type { Diagnosis } from './diagnose.js'

export const DEFAULT_HISTORY_MAX = 1000
/** Bodies past this are kept cut short (and can no longer be replayed). */
export const MAX_STORED_BODY = 1024 * 1024

/** The key a sandbox delivery was signed with, so that a resend can be signed again with its current value. */
export interface SignedBy {
  readonly origin: 'sandbox' | 'environment' | 'secrets-file'
  /** Which key, as the provider's sandbox names it (`SandboxKey.ref`: a webhook id, a webhook key id, …). */
  readonly ref?: string
  /** A readable name of the key, never its value. */
  readonly label: string
}

export type ForwardOutcome =
  | { readonly url: string; readonly status: number; readonly ms: number }
  | { readonly url: string; readonly error: string; readonly ms: number }
  | { readonly skipped: 'not verified' | 'filtered' | 'no target'; readonly url?: string }

export interface HistoryRecord {
  readonly id: string
  readonly receivedAt: string
  readonly provider: string
  readonly account?: string
  readonly eventId?: string
  readonly type?: string
  /** The path the delivery was POSTed to (`/hooks`). */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  /**
   * The bytes received (cut at `MAX_STORED_BODY`), never copied into a string on the way to the file:
   * `listen` records up to `--concurrency` bodies of up to a megabyte at once.
   */
  readonly body: Uint8Array
  /** How the file holds the body: as its text when it is UTF-8, else base64. */
  readonly bodyEncoding: 'utf8' | 'base64'
  readonly bodyBytes: number
  readonly bodyTruncated?: true
  readonly verified: boolean
  readonly reason?: string
  readonly message?: string
  readonly diagnosis?: Diagnosis
  readonly signedBy?: SignedBy
  readonly forward: ForwardOutcome
  /** The status `listen` answered the sender with. */
  readonly answered: number
}

/** Request headers that carry the sender's or a proxy's credentials: never written to the history. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token'])

/** Headers that carry a registered provider's signature (its descriptor's): stored (for replay and diagnosis) but hidden when shown. */
const signatureHeaders = (): ReadonlySet<string> =>
  new Set(providers().flatMap(({ verification: v }) => v.signatureHeaders.filter((h) => !v.keyIdHeaders?.includes(h))))

export function storableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {}
  headers.forEach((value, name) => {
    kept[name] = CREDENTIAL_HEADERS.has(name) ? REDACTED : value
  })
  return kept
}

/** The headers as shown: signatures hidden unless asked for. */
export function shownHeaders(record: HistoryRecord, showSecret: boolean): Record<string, string> {
  if (showSecret) return { ...record.headers }
  const hidden = signatureHeaders()
  return Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, hidden.has(k) ? REDACTED : v]))
}

export function storableBody(body: Uint8Array): Pick<HistoryRecord, 'body' | 'bodyEncoding' | 'bodyBytes' | 'bodyTruncated'> {
  // A view of the received bytes, not a copy: listen records up to --concurrency bodies at once.
  const kept = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, MAX_STORED_BODY))
  return {
    body: kept,
    bodyEncoding: isUtf8(kept) ? 'utf8' : 'base64',
    bodyBytes: body.byteLength,
    ...(kept.byteLength === body.byteLength ? {} : { bodyTruncated: true as const }),
  }
}

/** The exact bytes received, as a Buffer viewing the record's. */
export const bodyBytes = (record: HistoryRecord): Buffer => Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength)

/** A line of the file as written: the body as text (JSON-escaped UTF-8) or base64. */
type StoredRecord = Omit<HistoryRecord, 'body'> & { readonly body: string }

const fromStored = (stored: StoredRecord): HistoryRecord => ({
  ...stored,
  body: Buffer.from(stored.body, stored.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
})

/** Reused by every append (appends are synchronous): escaping a body allocates nothing once it has grown. */
let scratch = Buffer.alloc(0)

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** JSON's short escapes, by byte; the other control characters are written `\u00XX`. */
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72, [QUOTE]: QUOTE, [BACKSLASH]: BACKSLASH }
const HEX = Buffer.from('0123456789abcdef')

const escapedLength = (byte: number): number => (byte >= 0x20 && byte !== QUOTE && byte !== BACKSLASH ? 1 : SHORT_ESCAPES[byte] === undefined ? 6 : 2)

/**
 * UTF-8 bytes as the inside of a JSON string, byte for byte what `JSON.stringify` writes for their text
 * (valid UTF-8 has no lone surrogates, and bytes from 0x80 up pass through unchanged), without a string.
 * The answer views `scratch`: write it before the next call.
 */
function jsonEscapedUtf8(bytes: Uint8Array): Uint8Array {
  let length = 0
  for (const byte of bytes) length += escapedLength(byte)
  if (length === bytes.byteLength) return bytes
  if (scratch.byteLength < length) scratch = Buffer.allocUnsafe(length)
  let at = 0
  for (const byte of bytes) {
    const size = escapedLength(byte)
    if (size === 1) scratch[at++] = byte
    else if (size === 2) {
      scratch[at++] = BACKSLASH
      scratch[at++] = SHORT_ESCAPES[byte]!
    } else {
      at += scratch.write('\\u00', at, 'latin1')
      scratch[at++] = HEX[byte >> 4]!
      scratch[at++] = HEX[byte & 15]!
    }
  }
  return scratch.subarray(0, at)
}

/**
 * The record's line, in pieces for one `writev`: the JSON of everything but the body, then the body
 * field, its bytes escaped in place of a string of them.
 */
function lineOf(record: HistoryRecord): Uint8Array[] {
  const { body, ...rest } = record
  const head = JSON.stringify(rest)
  const text = record.bodyEncoding === 'base64' ? Buffer.from(bodyBytes(record).toString('base64'), 'latin1') : jsonEscapedUtf8(body)
  return [Buffer.from(`${head.slice(0, -1)},"body":"`), text, Buffer.from('"}\n')]
}

/** `dlv_` + time in base 36 + random: sortable by arrival, unique across processes. */
export const newDeliveryId = (now = Date.now()) => `dlv_${now.toString(36)}${randomBytes(5).toString('hex')}`

export interface History {
  readonly path: string
  readonly max: number
  append(record: HistoryRecord): void
  /** Every record, oldest first. */
  all(): HistoryRecord[]
  /** A record by its id, or by a unique prefix of it. */
  find(id: string): HistoryRecord | undefined
}

/** Where the history lives: `UNIHOOK_HISTORY`, else `history.jsonl` next to the sandbox state (`.unihook/`). */
export function historyPath(statePath: string, env: NodeJS.ProcessEnv): string {
  return env.UNIHOOK_HISTORY ?? join(dirname(statePath), 'history.jsonl')
}

export function historyMax(env: NodeJS.ProcessEnv): number {
  const text = env.UNIHOOK_HISTORY_MAX
  if (text === undefined) return DEFAULT_HISTORY_MAX
  const max = Number(text)
  if (!Number.isInteger(max) || max < 1) throw usageError(`UNIHOOK_HISTORY_MAX must be a whole number ≥ 1, not "${text}"`)
  return max
}

const CHUNK = 64 * 1024

/** Runs `use` on the open file, or returns `missing` when there is none. */
function withFile<T>(path: string, flags: string, missing: T, use: (fd: number) => T): T {
  let fd: number
  try {
    fd = openSync(path, flags)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return missing
    throw failure(`cannot read the delivery history ${path}: ${(error as Error).message}`, { tag: 'HistoryError' })
  }
  try {
    return use(fd)
  } finally {
    closeSync(fd)
  }
}

/** The offset just past each line's newline, read through the file a chunk at a time (never whole: it may hold 1000 bodies of 1 MiB). */
function lineEnds(path: string): number[] {
  return withFile(path, 'r', [], (fd) => {
    const ends: number[] = []
    const chunk = Buffer.allocUnsafe(CHUNK)
    for (let at = 0, read = readSync(fd, chunk, 0, CHUNK, 0); read > 0; at += read, read = readSync(fd, chunk, 0, CHUNK, at))
      for (let i = chunk.indexOf(10); i >= 0 && i < read; i = chunk.indexOf(10, i + 1)) ends.push(at + i + 1)
    return ends
  })
}

/** Rewrites the file (atomically) to what it holds from `from` on, copied a chunk at a time. */
function keepFrom(path: string, from: number): void {
  const temporary = `${path}.${process.pid}.tmp`
  withFile(path, 'r', undefined, (source) => {
    const target = openSync(temporary, 'w', 0o600)
    try {
      const chunk = Buffer.allocUnsafe(CHUNK)
      const size = fstatSync(source).size
      for (let at = from; at < size; ) {
        const read = readSync(source, chunk, 0, CHUNK, at)
        if (read === 0) break
        writeSync(target, chunk, 0, read)
        at += read
      }
    } finally {
      closeSync(target)
    }
  })
  renameSync(temporary, path)
}

/** Appends one line in one write (`writev`), so that two processes appending at once never interleave. */
function appendLine(path: string, pieces: Uint8Array[]): void {
  const fd = openSync(path, 'a', 0o600)
  try {
    fchmodSync(fd, 0o600)
    const length = pieces.reduce((sum, piece) => sum + piece.byteLength, 0)
    const written = writevSync(fd, pieces)
    if (written < length) {
      // A short write is rare (a signal, a nearly full disk): the rest goes on in plain writes.
      const rest = Buffer.concat(pieces)
      for (let at = written; at < length; ) at += writeSync(fd, rest, at)
    }
  } finally {
    closeSync(fd)
  }
}

export function openHistory(path: string, max: number): History {
  let lines: number | undefined
  const read = (): HistoryRecord[] => {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw failure(`cannot read the delivery history ${path}: ${(error as Error).message}`, { tag: 'HistoryError' })
    }
    const records: HistoryRecord[] = []
    // A line cut short (a crash mid-append) is skipped, not fatal.
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        records.push(fromStored(JSON.parse(line) as StoredRecord))
      } catch {}
    }
    return records
  }
  // Compaction keeps the newest `max` lines, copied, not parsed: memory stays a chunk whatever the file holds.
  const compact = () => {
    const ends = lineEnds(path)
    if (ends.length > max) keepFrom(path, ends[ends.length - max - 1]!)
    lines = Math.min(ends.length, max)
  }
  return {
    path,
    max,
    append(record) {
      mkdirSync(dirname(path), { recursive: true })
      lines ??= lineEnds(path).length
      appendLine(path, lineOf(record))
      lines++
      if (lines > max + Math.ceil(max / 4)) compact()
    },
    all: () => read().slice(-max),
    find(id) {
      const records = read()
      const exact = records.find((r) => r.id === id)
      if (exact) return exact
      const matches = records.filter((r) => r.id.startsWith(id))
      return matches.length === 1 ? matches[0] : undefined
    },
  }
}
