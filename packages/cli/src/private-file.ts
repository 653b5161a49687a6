/**
 * Files only their owner may read (sandbox state, saved plans, secrets), written whole: a reader sees the
 * old file or the new one, never half of one, and a failed write leaves nothing behind.
 */

import { randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `text` to `path` whole, mode 0600: a temporary file beside it, created fresh (`wx`, so the mode is
 * the one it was created with, not a stale file's), then renamed into place.
 */
export function writePrivateFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' })
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
