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

/** A fault injector with nothing armed, to share between fakes or hand to one. */
export function createFaults(): Faults {
  let armed: Armed[] = []
  let delays: { ms: number; match: FaultMatch }[] = []
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
    clear: () => {
      armed = []
      delays = []
    },
    take: (method, path) => {
      const hit = armed.find((a) => matches(a.match, method, path))
      if (!hit) return undefined
      hit.remaining--
      if (hit.remaining === 0) armed = armed.filter((a) => a !== hit)
      return hit.fault
    },
    delayFor: (method, path) => delays.filter((d) => matches(d.match, method, path)).reduce((sum, d) => sum + d.ms, 0),
    pending: () => armed.reduce((sum, a) => sum + a.remaining, 0),
  }
}
