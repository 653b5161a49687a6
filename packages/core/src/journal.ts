/**
 * The journal of a run: which accounts are finished, so that an interrupted run resumes where it
 * stopped instead of reading every account again. An entry names the account and the digest of what
 * was asked of it (its desired webhooks and the run's options): an account whose desired webhooks
 * changed since is planned again. Entries carry no URL or secret, only digests.
 */

/** One finished account. */
export interface JournalEntry {
  readonly account: string
  /** Digest of the desired webhooks and options the account was reconciled to (`desiredDigest`). */
  readonly digest: string
  /** `converged`: it matched (nothing to do, or every step succeeded). */
  readonly outcome: 'converged'
  /** When it finished (ms since the epoch). */
  readonly at: number
}

/** Where a run records its finished accounts; `reconcileAccounts` reads it before planning an account. */
export interface Journal {
  /** Whether the account was finished with this digest. */
  finished(account: string, digest: string): boolean
  /** Records a finished account; a run waits for it before counting the account done. */
  record(entry: JournalEntry): void | Promise<void>
}

/** A journal in memory (one process; a test, or a run that only wants to skip repeats). */
export function memoryJournal(entries: readonly JournalEntry[] = []): Journal & { readonly entries: readonly JournalEntry[] } {
  const done = new Map(entries.map((e) => [e.account, e.digest]))
  const kept: JournalEntry[] = [...entries]
  return {
    entries: kept,
    finished: (account, digest) => done.get(account) === digest,
    record: (entry) => {
      done.set(entry.account, entry.digest)
      kept.push(entry)
    },
  }
}

/** The file operations a file journal needs: `node:fs/promises` has them (core imports no Node module itself). */
export interface JournalFiles {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  appendFile(path: string, data: string): Promise<void>
}

/**
 * A journal in a file, one JSON line per finished account, appended as each finishes: a run killed at
 * any point loses at most the line being written, and a torn last line is ignored on reading. The CLI
 * keeps one under `.unihook/`. Pass `node:fs/promises` as `files`.
 */
export async function openFileJournal(path: string, files: JournalFiles): Promise<Journal & { readonly size: number }> {
  const entries = await readJournal(path, files)
  const done = new Map(entries.map((e) => [e.account, e.digest]))
  return {
    get size() {
      return done.size
    },
    finished: (account, digest) => done.get(account) === digest,
    record: async (entry) => {
      await files.appendFile(path, `${JSON.stringify(entry)}\n`)
      done.set(entry.account, entry.digest)
    },
  }
}

async function readJournal(path: string, files: JournalFiles): Promise<JournalEntry[]> {
  let text: string
  try {
    text = await files.readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return []
    throw error
  }
  return text.split('\n').flatMap((line) => {
    const entry = parseEntry(line)
    return entry ? [entry] : []
  })
}

function parseEntry(line: string): JournalEntry | undefined {
  if (line.trim() === '') return undefined
  try {
    const value = JSON.parse(line) as Partial<JournalEntry>
    return typeof value.account === 'string' && typeof value.digest === 'string' ? (value as JournalEntry) : undefined
  } catch {
    return undefined
  }
}
