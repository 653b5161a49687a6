/**
 * `@unihook/redis`: a seen-store on Redis, so that many instances of a receiver handle each event once.
 * Built on node-redis (`@redis/client`), the maintained Redis client for Node; it also takes your own
 * client. A claim is one `SET key token NX PX lease`; completion and release are Lua scripts that touch
 * the key only while it still holds the caller's token (a compare-and-set), so an instance whose lease
 * expired cannot undo the work of the one that took over.
 *
 * @module @unihook/redis
 */

import { createHash } from 'node:crypto'
import { createClient } from '@redis/client'
import { type Claim, claimToken, type SeenStore } from '@unihook/core/verify'

/**
 * The one method the store needs from a client: node-redis's `sendCommand` (v4 and later). Pass your
 * own connected client; you keep it (connect it, listen to its `error` events, close it). Another client
 * fits through a wrapper: `{ sendCommand: (args) => ioredis.call(args[0], ...args.slice(1)) }`.
 */
export interface RedisCommander {
  /** Sends one command (`['SET', key, value, 'NX', 'PX', '30000']`) and resolves with Redis's reply. */
  sendCommand(args: string[]): Promise<unknown>
}

/** Options of `redisSeenStore`: a `url` (the store makes and owns its client) or your own `client`. */
export interface RedisSeenStoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…`; never shown in errors. */
  readonly url?: string
  /** Your own connected client (node-redis), used as is. */
  readonly client?: RedisCommander
  /** Prepended to every key (default `unihook:seen:`). */
  readonly prefix?: string
  /**
   * How long a command may take, in ms (default 2 000). A store that does not answer in time counts as
   * unreachable: the delivery is answered with a retryable 5xx.
   */
  readonly timeoutMs?: number
}

/** The Redis seen-store; `close()` closes the client it made from a `url` (never your own). */
export interface RedisSeenStore extends SeenStore {
  /** Closes the client made from `url`; does nothing to a client you passed. */
  close(): Promise<void>
}

const DONE = 'done'
const COMPLETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0"
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"

/** A failure of the store, with a message that holds no URL or credential. */
export class RedisSeenStoreError extends Error {
  override readonly name = 'RedisSeenStoreError'
}

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex')

function checkOptions(options: RedisSeenStoreOptions | undefined): asserts options is RedisSeenStoreOptions {
  const { url, client, timeoutMs, prefix } = (options ?? {}) as Record<string, unknown>
  if ((url === undefined) === (client === undefined)) throw new TypeError('redisSeenStore() needs either a url or a client, not both')
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url)))
    throw new TypeError('redisSeenStore(): url must be a redis:// or rediss:// URL')
  if (client !== undefined && typeof (client as RedisCommander | null)?.sendCommand !== 'function')
    throw new TypeError('redisSeenStore(): client must be a node-redis client (with sendCommand)')
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0)))
    throw new TypeError('redisSeenStore(): timeoutMs must be a positive number')
  if (prefix !== undefined && typeof prefix !== 'string') throw new TypeError('redisSeenStore(): prefix must be a string')
}

/** A client of our own from a URL: it fails fast while disconnected (no offline queue) and reconnects by itself. */
function ownClient(url: string, timeoutMs: number) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
  })
  // Errors surface as the rejected commands; without a listener, node-redis's error events would crash the process.
  client.on('error', () => {})
  let connecting: Promise<void> | undefined
  let connected = false
  const commander: RedisCommander = {
    async sendCommand(args) {
      if (!client.isReady) {
        // Before the first connection every caller waits for it; after, a lost connection fails fast while it is restored.
        if (connected) throw new RedisSeenStoreError('Redis is not reachable (reconnecting)')
        connecting ??= client.connect().then(
          () => {
            connected = true
          },
          (error: unknown) => {
            connecting = undefined
            throw error
          },
        )
        await connecting
      }
      return client.sendCommand(args)
    },
  }
  const close = async () => {
    if (client.isOpen) await client.close()
    else client.destroy()
  }
  return { commander, close }
}

/** The answer of `work`, or a rejection once `ms` have passed. */
function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisSeenStoreError(`Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([work(), timeout]).finally(() => clearTimeout(timer))
}

/** The error as the store reports it: its own, or Redis's message with nothing that could be a URL. */
function storeError(error: unknown): Error {
  if (error instanceof RedisSeenStoreError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new RedisSeenStoreError(`Redis command failed: ${message.replace(/rediss?:\/\/\S*/g, 'redis://***')}`)
}

/**
 * A seen-store on Redis, for receivers running as several instances (or processes). Keys are
 * `prefix` + the event's key; a claim lives for its lease, a done event for its retention (`PX`).
 * Give Redis persistence (AOF) if a restart must not forget which events were done.
 */
export function redisSeenStore(options: RedisSeenStoreOptions): RedisSeenStore {
  checkOptions(options)
  const timeoutMs = options.timeoutMs ?? 2_000
  const prefix = options.prefix ?? 'unihook:seen:'
  const own = options.url === undefined ? undefined : ownClient(options.url, timeoutMs)
  const client = own?.commander ?? (options.client as RedisCommander)

  const send = (args: string[]) =>
    within(timeoutMs, () => client.sendCommand(args)).catch((error: unknown) => {
      throw storeError(error)
    })

  /** Runs a script by its digest, loading it once when Redis does not know it yet (a fresh or restarted server). */
  const script = (source: string) => {
    const digest = sha1(source)
    return async (keys: string[], args: string[]) => {
      const call = ['1', ...keys, ...args]
      try {
        return await within(timeoutMs, () => client.sendCommand(['EVALSHA', digest, ...call]))
      } catch (error) {
        if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw storeError(error)
        return send(['EVAL', source, ...call])
      }
    }
  }
  const completeScript = script(COMPLETE)
  const releaseScript = script(RELEASE)

  return {
    async claim(key, leaseMs): Promise<Claim> {
      const stored = prefix + key
      // Bounded: the key can expire between SET and GET only so often; then it is simply in flight.
      for (let attempt = 0; attempt < 3; attempt++) {
        const token = claimToken()
        if ((await send(['SET', stored, token, 'NX', 'PX', String(Math.ceil(leaseMs))])) === 'OK') return { state: 'new', token }
        const value = await send(['GET', stored])
        if (value === DONE) return { state: 'done' }
        if (value !== null) return { state: 'in_flight' }
      }
      return { state: 'in_flight' }
    },
    async complete(key, token, retentionMs) {
      return Number(await completeScript([prefix + key], [token, DONE, String(Math.ceil(retentionMs))])) === 1
    },
    async release(key, token) {
      return Number(await releaseScript([prefix + key], [token])) === 1
    },
    close: async () => {
      await own?.close()
    },
  }
}
