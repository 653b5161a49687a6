/**
 * Fault injection shared by every fake: the failures a real provider and network produce, on demand.
 * Faults are consumed in the order they were added; each applies to the requests its `match` selects.
 */

export interface FaultMatch {
  readonly method?: string
  /** The request path (no query), exactly or by pattern. */
  readonly path?: string | RegExp
}

/**
 * One injected failure: an HTTP status, a dropped connection, an answer lost after the work was done, a
 * request that hangs, and the like.
 */
export type Fault =
  | {
      readonly kind: 'status'
      readonly status: number
      readonly retryAfter?: number | string
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
    }
  | { readonly kind: 'drop' }
  | { readonly kind: 'lose' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed'; readonly mode: 'garbage' | 'truncated' }
  | { readonly kind: 'cut' }

/** Options of `Faults.rateLimit`. */
export interface RateLimitOptions {
  readonly burst?: number
  readonly retryAfter?: number
  readonly match?: FaultMatch
  /** The clock the bucket refills by (default `Date.now`). */
  readonly now?: () => number
}

interface Bucket {
  readonly take: () => boolean
  readonly match: FaultMatch
  readonly retryAfter: number
  refused: number
}

/** A token bucket: `perSecond` tokens a second, at most `burst` held, starting full. */
function tokenBucket(perSecond: number, burst: number, now: () => number): () => boolean {
  let tokens = burst
  let at = now()
  return () => {
    const t = now()
    tokens = Math.min(burst, tokens + ((t - at) * perSecond) / 1000)
    at = t
    if (tokens < 1) return false
    tokens--
    return true
  }
}

interface Armed {
  fault: Fault
  remaining: number
  match: FaultMatch
}

/**
 * The fault injector of a fake: arm failures for the next matching requests. Armed faults are used in
 * order, once each.
 */
export interface Faults {
  /** Answer the next `count` matching requests with this status (and `Retry-After`, a body, headers). */
  failNext(count: number, response: Omit<Extract<Fault, { kind: 'status' }>, 'kind'>, match?: FaultMatch): void
  /** Close the connection of the next `count` matching requests without answering (nothing is carried out). */
  dropNext(count: number, match?: FaultMatch): void
  /**
   * Carry out the next `count` matching requests, then close the connection instead of answering: the
   * provider acted but the client never heard, the case that makes a blind retry create twice.
   */
  loseNext(count: number, match?: FaultMatch): void
  /** Never answer the next `count` matching requests (the client's timeout must end them). */
  hangNext(count: number, match?: FaultMatch): void
  /** Handle the next `count` matching requests for real, then send a mangled body with the real status. */
  malformNext(count: number, mode: 'garbage' | 'truncated', match?: FaultMatch): void
  /**
   * Carry out the next `count` matching requests and send the status and headers, then break the
   * connection halfway through the body (a reset while the answer arrives).
   */
  cutNext(count: number, match?: FaultMatch): void
  /** Delay every matching request by `ms` (0 removes the delay). */
  latency(ms: number, match?: FaultMatch): void
  /**
   * A provider's rate limit: one token bucket of `perSecond` tokens a second (holding at most `burst`,
   * default `perSecond`) shared by every matching request; a request finding it empty is answered 429
   * with `Retry-After` (default 1 s) and nothing is carried out. `rateLimit(0)` removes it.
   */
  rateLimit(perSecond: number, options?: RateLimitOptions): void
  /** How many requests the rate limit refused since it was set. */
  rateLimited(): number
  /** Removes every armed fault and latency. */
  clear(): void
  /** The fault for this request, consuming one use of it; used by the fake runtime. */
  take(method: string, path: string): Fault | undefined
  /** The latency for this request. */
  delayFor(method: string, path: string): number
  /** How many armed faults have not fired yet. */
  pending(): number
}

const matches = (match: FaultMatch, method: string, path: string) =>
  (match.method === undefined || match.method.toUpperCase() === method.toUpperCase()) &&
  (match.path === undefined || (typeof match.path === 'string' ? match.path === path : match.path.test(path)))

function refuseForRate(bucket: Bucket): Fault {
  bucket.refused++
  return { kind: 'status', status: 429, retryAfter: bucket.retryAfter, body: { error: 'rate limit exceeded' } }
}

/** A fault injector with nothing armed, to share between fakes or hand to one. */
export function createFaults(): Faults {
  let armed: Armed[] = []
  let delays: { ms: number; match: FaultMatch }[] = []
  let bucket: Bucket | undefined
  const arm = (count: number, fault: Fault, match: FaultMatch = {}) => {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('fault count must be a positive integer')
    armed.push({ fault, remaining: count, match })
  }
  return {
    failNext: (count, response, match) => arm(count, { kind: 'status', ...response }, match),
    dropNext: (count, match) => arm(count, { kind: 'drop' }, match),
    loseNext: (count, match) => arm(count, { kind: 'lose' }, match),
    hangNext: (count, match) => arm(count, { kind: 'hang' }, match),
    malformNext: (count, mode, match) => arm(count, { kind: 'malformed', mode }, match),
    cutNext: (count, match) => arm(count, { kind: 'cut' }, match),
    latency: (ms, match = {}) => {
      delays = delays.filter((d) => JSON.stringify(d.match) !== JSON.stringify(match))
      if (ms > 0) delays.push({ ms, match })
    },
    rateLimit: (perSecond, options = {}) => {
      if (!(typeof perSecond === 'number' && perSecond >= 0)) throw new RangeError('rateLimit: perSecond must be a number ≥ 0')
      const take = tokenBucket(perSecond, options.burst ?? Math.max(1, perSecond), options.now ?? Date.now)
      bucket = perSecond === 0 ? undefined : { take, match: options.match ?? {}, retryAfter: options.retryAfter ?? 1, refused: 0 }
    },
    rateLimited: () => bucket?.refused ?? 0,
    clear: () => {
      armed = []
      delays = []
      bucket = undefined
    },
    take: (method, path) => {
      const hit = armed.find((a) => matches(a.match, method, path))
      if (!hit) return bucket && matches(bucket.match, method, path) && !bucket.take() ? refuseForRate(bucket) : undefined
      hit.remaining--
      if (hit.remaining === 0) armed = armed.filter((a) => a !== hit)
      return hit.fault
    },
    delayFor: (method, path) => delays.filter((d) => matches(d.match, method, path)).reduce((sum, d) => sum + d.ms, 0),
    pending: () => armed.reduce((sum, a) => sum + a.remaining, 0),
  }
}
