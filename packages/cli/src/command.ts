/** What every command receives, and how commands declare themselves. */

import type { ParseArgsConfig } from 'node:util'
import type { Output } from './output.js'
import type { Session } from './session.js'

export type Flags = Readonly<Record<string, string | boolean | string[] | undefined>>

export interface Context {
  readonly out: Output
  readonly session: Session
  readonly env: NodeJS.ProcessEnv
  readonly flags: Flags
  readonly positionals: readonly string[]
  /** Whether stdin and stdout are a terminal (confirmation prompts). */
  readonly interactive: boolean
  /** Aborted on SIGINT/SIGTERM, for commands that run until stopped. */
  readonly signal: AbortSignal
}

export interface Command {
  /** `plan`, or `webhooks list` for a subcommand. */
  readonly name: string
  readonly usage: string
  readonly summary: string
  readonly options: NonNullable<ParseArgsConfig['options']>
  /** Returns the exit code. */
  run(context: Context): Promise<number>
}

export const str = (flags: Flags, name: string): string | undefined => {
  const value = flags[name]
  return typeof value === 'string' ? value : undefined
}

export const list = (flags: Flags, name: string): string[] => {
  const value = flags[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

/** `--speed N` and `--no-redeliver`: the options of commands whose sandbox deliveries are redelivered (redelivery.ts reads them). */
export const REDELIVERY_OPTIONS = { speed: { type: 'string' }, 'no-redeliver': { type: 'boolean' } } as const satisfies Command['options']
