/**
 * A lock around every read-modify-write of the sandbox state, so that any number of CLI processes
 * writing it at once lose nothing. The lock is a file next to the state, created with O_EXCL and holding
 * its owner's pid: a lock whose process is gone (killed mid-write) is stale and taken over.
 */

import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { failure } from './errors.js'

/** How long a command waits for another to release the state before giving up. */
const WAIT_LIMIT_MS = 30_000

const held = new Set<string>()
let cleanupInstalled = false

/** Runs `work` holding the lock of `state`; waits (a few ms at a time) while another process holds it. */
export async function withStateLock<T>(state: string, work: () => T | Promise<T>): Promise<T> {
  const lock = `${state}.lock`
  await acquire(lock)
  try {
    return await work()
  } finally {
    release(lock)
  }
}

/**
 * The lock of `state` held for as long as any of this process's writes needs it: concurrent requests of
 * one command share it (they work on the same in-memory fakes), other processes wait until none is left.
 * `onAcquire` runs each time the lock is taken afresh (to reload what other processes wrote).
 */
export function sharedStateLock(state: string, onAcquire: () => void): <T>(work: () => Promise<T>) => Promise<T> {
  const lock = `${state}.lock`
  let users = 0
  let ready: Promise<void> | undefined
  return async (work) => {
    users++
    try {
      ready ??= acquire(lock).then(onAcquire)
      await ready
      return await work()
    } finally {
      users--
      if (users === 0) {
        ready = undefined
        release(lock)
      }
    }
  }
}

/**
 * Takes `lock` without waiting: a release function, or the pid of the live process holding it. For work
 * that must not run twice at once (two `apply` on one target would both create what is missing).
 */
export function claim(lock: string): { readonly release: () => void } | { readonly holder: number } {
  mkdirSync(dirname(lock), { recursive: true })
  for (;;) {
    if (tryCreate(lock)) return { release: () => release(lock) }
    const owner = ownerOf(lock)
    if (owner === undefined || alive(owner)) return { holder: owner ?? 0 }
    takeOverStale(lock, owner)
  }
}

async function acquire(lock: string): Promise<void> {
  mkdirSync(dirname(lock), { recursive: true })
  const started = Date.now()
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lock)) return
    const owner = ownerOf(lock)
    if (owner !== undefined && !alive(owner)) {
      takeOverStale(lock, owner)
      continue
    }
    if (Date.now() - started > WAIT_LIMIT_MS) {
      throw failure(`the sandbox state stays locked by process ${owner ?? 'unknown'} (${lock}); if no unihook command is running, delete that file`, {
        tag: 'StateLocked',
      })
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt, 20) + Math.random() * 5))
  }
}

function tryCreate(lock: string): boolean {
  let fd: number
  try {
    fd = openSync(lock, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw failure(`cannot lock the sandbox state (${lock}): ${(error as Error).message}`, { tag: 'StateError' })
  }
  try {
    writeSync(fd, String(process.pid))
  } finally {
    closeSync(fd)
  }
  held.add(lock)
  if (!cleanupInstalled) {
    cleanupInstalled = true
    // An exit mid-write (a second Ctrl-C) must not leave the lock behind for the next command.
    process.on('exit', () => {
      for (const path of held) rmSync(path, { force: true })
    })
  }
  return true
}

function release(lock: string): void {
  // Only a lock this process took: one that failed to take it must not remove another's.
  if (held.delete(lock)) rmSync(lock, { force: true })
}

/** The pid in a lock file; undefined while its creator has not written it yet (or it just went away). */
function ownerOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Moves a dead process's lock aside. Two processes may judge the same lock stale at once, and the second
 * may then move aside the lock the first has just taken: what was moved is checked, and a live lock is
 * put back (link fails if a third process took the place meanwhile, which is just as good).
 */
function takeOverStale(lock: string, deadPid: number): void {
  const aside = `${lock}.${process.pid}.stale`
  try {
    renameSync(lock, aside)
  } catch {
    return
  }
  if (ownerOf(aside) !== deadPid) {
    try {
      linkSync(aside, lock)
    } catch {
      // Someone else holds the lock now; the moved one's owner will find its lock gone on release, harmlessly.
    }
  }
  rmSync(aside, { force: true })
}
