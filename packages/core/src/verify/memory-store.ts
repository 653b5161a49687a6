/**
 * The embedded seen-store: a bounded map in this process's memory. One instance only: two instances
 * behind a load balancer each keep their own map, so a redelivery reaching the other one is handled
 * again. It warns once when it sees signs of several instances. Use `@unihook/redis` (or a store on
 * your database) when you run more than one.
 */

import { type Claim, claimToken, type SeenStore } from './seen-store.js'

/** Options of `memorySeenStore`. */
export interface MemorySeenStoreOptions {
  /**
   * The most keys kept (default 100 000). When full, the entry written longest ago goes; an event whose
   * entry was evicted before the provider stopped redelivering it may be handled again.
   */
  readonly maxEntries?: number
  /** The clock, in milliseconds (tests). */
  readonly now?: () => number
  /** Where the one warning goes (default `console.warn`). */
  readonly warn?: (message: string) => void
}

interface Entry {
  /** The claim's token, or undefined once done. */
  readonly token: string | undefined
  readonly expiresAt: number
}

/** The in-memory store, with what it knows for tests: its size. */
export interface MemorySeenStore extends SeenStore {
  /** Keys held now, expired ones included until they are next touched or evicted. */
  readonly size: number
}

const SEVERAL_INSTANCES =
  'unihook: memorySeenStore() keeps claims in this process only, and there are signs of several instances (%s): a redelivery reaching another instance will be handled again. Use a shared store (@unihook/redis, or one on your database).'

/** Signs, from the runtime, that this process is one of several serving the same endpoint. */
function runtimeSigns(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}
  if (env.NODE_UNIQUE_ID !== undefined) return 'a node:cluster worker'
  if (env.NODE_APP_INSTANCE !== undefined) return 'a pm2 instance'
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent
  if (agent === 'Cloudflare-Workers') return 'a Cloudflare Worker, whose isolates do not share memory'
  return undefined
}

function checkMaxEntries(value: unknown): number {
  if (value === undefined) return 100_000
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new TypeError('memorySeenStore(): maxEntries must be a positive integer')
  return value
}

/**
 * A bounded in-memory seen-store, for one instance. Expired entries are dropped when touched; when the
 * map is full, the oldest entries go first (a `Map` keeps insertion order, and every write re-inserts).
 */
export function memorySeenStore(options: MemorySeenStoreOptions = {}): MemorySeenStore {
  const maxEntries = checkMaxEntries(options.maxEntries)
  const now = options.now ?? Date.now
  const warn = options.warn ?? ((message: string) => console.warn(message))
  const entries = new Map<string, Entry>()
  // Every token this store issues starts with its own id: a token without it is a claim made elsewhere.
  const mine = `${claimToken()}.`
  let warned = false
  let checkedRuntime = false

  const warnOnce = (sign: string) => {
    if (warned) return
    warned = true
    warn(SEVERAL_INSTANCES.replace('%s', sign))
  }

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined || entry.expiresAt > now()) return entry
    entries.delete(key)
    return undefined
  }

  const put = (key: string, entry: Entry) => {
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > maxEntries) {
      entries.delete(entries.keys().next().value as string)
    }
  }

  /** The live claim of `key` when `token` holds it; a token this store never issued is a sign of another instance. */
  const held = (key: string, token: string): boolean => {
    if (live(key)?.token === token) return true
    if (typeof token !== 'string' || !token.startsWith(mine)) warnOnce('a claim this store did not make')
    return false
  }

  return {
    get size() {
      return entries.size
    },
    async claim(key, leaseMs): Promise<Claim> {
      if (!checkedRuntime) {
        checkedRuntime = true
        const sign = runtimeSigns()
        if (sign) warnOnce(sign)
      }
      const entry = live(key)
      if (entry) return entry.token === undefined ? { state: 'done' } : { state: 'in_flight' }
      const token = mine + claimToken()
      put(key, { token, expiresAt: now() + leaseMs })
      return { state: 'new', token }
    },
    async complete(key, token, retentionMs) {
      if (!held(key, token)) return false
      put(key, { token: undefined, expiresAt: now() + retentionMs })
      return true
    },
    async release(key, token) {
      if (!held(key, token)) return false
      entries.delete(key)
      return true
    },
  }
}
