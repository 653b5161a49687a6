/**
 * How the CLI writes: a human form on a terminal (colour, tables, a progress bar) and, with `--json`,
 * exactly one JSON document on stdout. Colour only when stdout is a terminal and `NO_COLOR` is unset.
 * Progress and notes go to stderr so that stdout stays parseable.
 */

import { SingleBar } from 'cli-progress'
import Table from 'cli-table3'
import { createColors } from 'picocolors'
import type { CliError } from './errors.js'

export type Colors = ReturnType<typeof createColors>

export interface Output {
  readonly json: boolean
  readonly debug: boolean
  readonly c: Colors
  /** A line of human output on stdout (suppressed under `--json`). */
  line(text?: string): void
  /** A note on stderr (always shown: progress, warnings). */
  note(text: string): void
  /** The one JSON document of a `--json` run. */
  document(value: unknown): void
  /** Under `--json`, one line of a stream (`listen`). */
  record(value: unknown): void
  table(head: readonly string[], rows: readonly (readonly string[])[]): void
  progress(total: number, label: string): Progress
  error(error: CliError, cause?: unknown): void
}

export interface Progress {
  tick(ok: boolean): void
  stop(): void
}

export interface OutputSettings {
  readonly json: boolean
  readonly debug: boolean
  readonly stdout?: NodeJS.WriteStream
  readonly stderr?: NodeJS.WriteStream
  readonly env?: NodeJS.ProcessEnv
}

export function createOutput(settings: OutputSettings): Output {
  const stdout = settings.stdout ?? process.stdout
  const stderr = settings.stderr ?? process.stderr
  const env = settings.env ?? process.env
  const colour = !settings.json && stdout.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '')
  const c = createColors(colour)
  const write = (stream: NodeJS.WriteStream, text: string) => stream.write(`${text}\n`)
  return {
    json: settings.json,
    debug: settings.debug,
    c,
    line: (text = '') => {
      if (!settings.json) write(stdout, text)
    },
    note: (text) => write(stderr, text),
    document: (value) => writeDocument(stdout, value),
    record: (value) => write(stdout, JSON.stringify(value)),
    table: (head, rows) => {
      if (settings.json) return
      const table = new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [] }, wordWrap: true })
      table.push(...rows.map((r) => [...r]))
      write(stdout, table.toString())
    },
    progress: (total, label) => createProgress(total, label, stderr),
    error: (error, cause) => {
      const { tag, requestId, status, provider, operation } = error.details
      if (settings.json) {
        write(stdout, JSON.stringify({ error: { tag: tag ?? 'Error', message: error.message, exitCode: error.exitCode, ...error.details } }, null, 2))
      } else {
        const where = [
          provider && operation ? `${provider}.${operation}` : provider,
          status === undefined ? undefined : `HTTP ${status}`,
          requestId ? `request id ${requestId}` : undefined,
        ]
          .filter(Boolean)
          .join(', ')
        const cc = createColors(stderr.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== ''))
        write(stderr, `${cc.red('error')} ${cc.bold(tag ?? 'Error')}: ${error.message}${where ? ` (${where})` : ''}`)
      }
      if (settings.debug && cause instanceof Error && cause.stack) write(stderr, cause.stack)
    },
  }
}

const FLUSH_AT = 1 << 16

/**
 * Writes `JSON.stringify(value, null, 2)` and a newline, the byte-identical text, in pieces of about 64 KB:
 * the top-level object's arrays are made element by element, so a document listing 10,000 accounts never
 * exists whole (elements made on demand, as `toJSON`, are made and dropped in turn).
 */
function writeDocument(stream: NodeJS.WriteStream, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) {
    stream.write(`${JSON.stringify(value, null, 2)}\n`)
    return
  }
  const shown = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
  if (!shown.length) {
    stream.write('{}\n')
    return
  }
  let piece = '{\n'
  const add = (text: string) => {
    piece += text
    if (piece.length >= FLUSH_AT) {
      stream.write(piece)
      piece = ''
    }
  }
  const nested = (v: unknown, indent: string) => (JSON.stringify(v, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`)
  shown.forEach(([key, v], i) => {
    add(`  ${JSON.stringify(key)}: `)
    if (Array.isArray(v) && v.length) {
      add('[\n')
      for (const [j, element] of v.entries()) add(`    ${nested(element, '    ')}${j < v.length - 1 ? ',' : ''}\n`)
      add('  ]')
    } else add(nested(v, '  '))
    add(i < shown.length - 1 ? ',\n' : '\n')
  })
  stream.write(`${piece}}\n`)
}

/** A bar on a terminal; elsewhere a line at every tenth of the way, so logs show progress without flooding. */
function createProgress(total: number, label: string, stderr: NodeJS.WriteStream): Progress {
  let done = 0
  let failed = 0
  if (stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} ({failed} failed)`, stream: stderr, hideCursor: true, clearOnComplete: false })
    bar.start(total, 0, { failed })
    return {
      tick: (ok) => {
        if (!ok) failed++
        bar.increment(1, { failed })
      },
      stop: () => bar.stop(),
    }
  }
  const step = Math.max(1, Math.ceil(total / 10))
  return {
    tick: (ok) => {
      done++
      if (!ok) failed++
      if (done % step === 0 || done === total) stderr.write(`${label}: ${done}/${total} (${failed} failed)\n`)
    },
    stop: () => undefined,
  }
}
