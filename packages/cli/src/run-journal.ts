/**
 * The journal of an `apply`: which accounts it finished, under `.unihook/journal/` (next to the sandbox
 * state for `--sandbox`), one file per config file, target and shard (and plan file, for `apply FILE`).
 * An interrupted or failed apply leaves it; the next `apply` of the same config on the same target skips
 * the accounts it names (unless their desired webhooks changed since) and says how many. A run that
 * completes removes it. It holds account ids and digests, nothing else (core's `openFileJournal`).
 */

import { createHash } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { appendFile, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type Journal, openFileJournal } from '@unihook/core'
import type { Target } from './plan-file.js'
import { projectFile } from './project.js'

export interface RunJournal {
  readonly path: string
  /** The journal of one provider's accounts (entries are keyed by provider and account). */
  forProvider(provider: string): Journal
  /** Removes the journal: the run completed. */
  complete(): void
}

/** What a journal is for: the same config (or plan file), target and shard find the same journal. */
export interface JournalScope {
  readonly config: string
  readonly target: Target
  readonly shard?: string
  /** For `apply FILE`: the plan file's own digest, so that a new plan starts a new journal. */
  readonly plan?: string
}

export function journalPath(scope: JournalScope): string {
  const name = `apply-${createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 16)}.jsonl`
  return scope.target.kind === 'sandbox' ? join(dirname(scope.target.state), 'journal', name) : projectFile(join('journal', name))
}

const scoped = (provider: string, account: string) => `${provider}:${account}`

/** Opens the scope's journal; `fresh` (`--no-resume`) removes what an earlier run left first. */
export async function openRunJournal(scope: JournalScope, fresh: boolean): Promise<RunJournal> {
  const path = journalPath(scope)
  if (fresh) rmSync(path, { force: true })
  mkdirSync(dirname(path), { recursive: true })
  const journal = await openFileJournal(path, { readFile, appendFile })
  return {
    path,
    forProvider: (provider) => ({
      finished: (account, digest) => journal.finished(scoped(provider, account), digest),
      record: (entry) => journal.record({ ...entry, account: scoped(provider, entry.account) }),
    }),
    complete: () => rmSync(path, { force: true }),
  }
}
