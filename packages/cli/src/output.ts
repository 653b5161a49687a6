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
    document: (value) => write(stdout, JSON.stringify(value, null, 2)),
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
