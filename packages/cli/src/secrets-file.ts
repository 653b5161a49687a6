/**
 * The secrets file: every signing secret the CLI sends or is handed (a create, a rotation), one JSON
 * line each, appended and flushed to disk (fsync) before the command goes on, in a file only its owner
 * can read (0600). Nothing is ever rewritten or removed, so losing a secret takes deleting the file.
 *
 * A secret unihook generates is written before the request that sets it is sent (`pending`), so even a
 * process killed mid-call leaves it on disk; the answer then adds `created` (with the webhook id) or
 * `unconfirmed` (the webhook may exist with it).
 */

import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { failure } from './errors.js'
import { writePrivateFile } from './private-file.js'
import type { SecretRecord } from './views.js'

/**
 * - `pending`: sent with a create or rotation whose answer had not arrived yet.
 * - `created`, `rotated`: the provider confirmed it (the record names the webhook).
 * - `unconfirmed`: the call may have happened (answer lost, or interrupted): if the webhook exists, or
 *   its secret changed, this is the secret.
 */
export type SecretState = 'pending' | 'created' | 'rotated' | 'unconfirmed'

export interface KeptSecret extends SecretRecord {
  readonly state: SecretState
  /** When it was written (ISO 8601). */
  readonly at: string
}

export interface SecretsFile {
  readonly secrets: readonly SecretRecord[]
}

export interface SecretsSink {
  readonly path: string
  /** Appends the records and flushes them to disk before returning. */
  append(records: readonly Omit<KeptSecret, 'at'>[]): void
  /** Records appended by this command, by state. */
  count(state: SecretState): number
  close(): void
}

/**
 * A sink appending to `path`, opened on the first record (a command that hands out no secret creates no
 * file). `onOpen` runs then, to name the file to the user.
 */
export function openSecretsSink(path: string, onOpen: (path: string) => void = () => undefined): SecretsSink {
  let fd: number | undefined
  const counts = new Map<SecretState, number>()
  const open = (): number => {
    if (fd !== undefined) return fd
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    upgradeOldFile(path)
    const created = !existsSync(path)
    fd = openSync(path, 'a', 0o600)
    // A file that existed with a wider mode is narrowed: it is about to hold secrets.
    fchmodSync(fd, 0o600)
    if (created) syncDirectory(dirname(path))
    onOpen(path)
    return fd
  }
  return {
    path,
    append(records) {
      if (records.length === 0) return
      const at = new Date().toISOString()
      const text = records.map((r) => `${JSON.stringify({ ...r, at })}\n`).join('')
      const target = open()
      const bytes = Buffer.from(text)
      for (let written = 0; written < bytes.length; ) written += writeSync(target, bytes, written)
      fsyncSync(target)
      for (const r of records) counts.set(r.state, (counts.get(r.state) ?? 0) + 1)
    },
    count: (state) => counts.get(state) ?? 0,
    close() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
  }
}

/** A new file's name is only durable once its directory is flushed too. */
function syncDirectory(dir: string): void {
  try {
    const handle = openSync(dir, 'r')
    try {
      fsyncSync(handle)
    } finally {
      closeSync(handle)
    }
  } catch {
    // Some platforms cannot open a directory; the file itself is flushed.
  }
}

/** Reads a secrets file: JSON lines, or the single `{"secrets": [...]}` document earlier versions wrote. */
export function readSecretsFile(path: string): SecretsFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw failure(`cannot read the secrets file ${path}: ${(error as Error).message}`, { tag: 'SecretsFileError' })
  }
  const old = oldDocument(text)
  if (old) return old
  const lines = text.split('\n')
  const secrets: SecretRecord[] = []
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue
    try {
      const record = JSON.parse(line) as SecretRecord
      if (typeof record?.provider !== 'string' || typeof record.secret !== 'string') throw new Error('not a secret record')
      secrets.push(record)
    } catch (error) {
      // A last line cut short by a crash mid-write is skipped; anything else is not a secrets file.
      if (lines.slice(i + 1).every((l) => l.trim() === '')) break
      throw failure(`cannot read the secrets file ${path}: line ${i + 1}: ${(error as Error).message}`, { tag: 'SecretsFileError' })
    }
  }
  return { secrets }
}

function oldDocument(text: string): SecretsFile | undefined {
  if (!text.trimStart().startsWith('{"secrets"') && !/^\s*\{\s*\n\s*"secrets"/.test(text)) return undefined
  try {
    const parsed = JSON.parse(text) as SecretsFile
    return Array.isArray(parsed?.secrets) ? parsed : undefined
  } catch {
    return undefined
  }
}

/** A file in the old single-document form becomes JSON lines (same records) before anything is appended. */
function upgradeOldFile(path: string): void {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return
  }
  const old = oldDocument(text)
  if (!old) return
  writePrivateFile(path, old.secrets.map((r) => `${JSON.stringify(r)}\n`).join(''))
}
