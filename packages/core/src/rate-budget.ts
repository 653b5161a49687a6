/**
 * One rate budget for a whole run: every request sent with the same provider credential, for every
 * account and operation, draws from it. It paces requests to a rate (requests per second), bounds how
 * many are in flight, and, when the provider answers 429, pauses every request for the wait it named.
 *
 * A slot is held only while a request is on the wire: a request waiting for the pause to end, for its
 * turn in the rate, or for a retry holds nothing, so a 429 at concurrency 32 no longer leaves 32 slots
 * asleep. Requests are released first come, first served, by one timer.
 */

/** What `createRateBudget` takes. */
export interface RateBudgetOptions {
  /**
   * Requests per second across everything that shares the budget; absent or `Infinity` for no pacing
   * (a 429 still pauses the budget). Use the provider's documented limit for the credential.
   */
  readonly requestsPerSecond?: number
  /** Requests that may go back to back before pacing applies (default 1: evenly spaced). */
  readonly burst?: number
  /** Requests on the wire at once (default 32). */
  readonly concurrency?: number
  /** A 429 without a wait pauses for this long, doubling on each 429 in a row up to 30 s (default 1 s). */
  readonly pauseMs?: number
  /** Extra random pause added to every pause, as a fraction of it (default 0.1). */
  readonly jitter?: number
}

/** What a budget has done so far: for reports and the bench. */
export interface RateBudgetStats {
  /** Requests released onto the wire. */
  readonly sent: number
  /** 429 answers that paused the budget. */
  readonly rateLimited: number
  /** Time spent paused, in milliseconds (overlapping pauses counted once). */
  readonly pausedMs: number
}

/** A shared rate budget: pass it as `CallOptions.budget` (or an adapter's `rateBudget`) on every call of one credential. */
export interface RateBudget {
  readonly requestsPerSecond: number
  readonly concurrency: number
  /**
   * Waits for this request's turn (after any pause, at the budget's rate, with a free slot) and resolves
   * with the function that frees the slot once the answer is in. Rejects with the signal's reason when it
   * aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>
  /**
   * The provider refused a request for its rate: no request goes out for `waitMs` (the answer's
   * `Retry-After`, or the budget's own backoff when absent) plus jitter.
   */
  pause(waitMs?: number): void
  /** A request went through without a 429: the next 429 starts its backoff afresh. */
  settle(): void
  stats(): RateBudgetStats
}

const MAX_PAUSE_MS = 30_000
/** How much timer lateness the pacing makes up: at 500/s, at most 8 requests go back to back after a late timer. */
const TIMER_SLACK_MS = 15

interface Waiter {
  readonly resolve: (release: () => void) => void
  readonly reject: (reason: unknown) => void
  readonly signal?: AbortSignal
  readonly onAbort?: () => void
}

/** What is wrong with a budget's options: empty when they make a budget. */
export function rateBudgetIssues(options: RateBudgetOptions): string[] {
  const issues: string[] = []
  const { requestsPerSecond: rate, burst, concurrency, pauseMs, jitter } = options
  if (rate !== undefined && !(typeof rate === 'number' && rate > 0)) issues.push('requestsPerSecond must be a number above 0')
  if (burst !== undefined && !(Number.isInteger(burst) && burst >= 1)) issues.push('burst must be a whole number ≥ 1')
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) issues.push('concurrency must be a whole number ≥ 1')
  if (pauseMs !== undefined && !(typeof pauseMs === 'number' && pauseMs >= 0 && Number.isFinite(pauseMs))) issues.push('pauseMs must be a number ≥ 0')
  if (jitter !== undefined && !(typeof jitter === 'number' && jitter >= 0 && jitter <= 1)) issues.push('jitter must be a number between 0 and 1')
  return issues
}

/**
 * A budget pacing requests to `requestsPerSecond` with at most `concurrency` on the wire. Throws a
 * `RangeError` for options that cannot make a budget (a programming error, like `createLimiter`'s).
 */
export function createRateBudget(options: RateBudgetOptions = {}): RateBudget {
  const issues = rateBudgetIssues(options)
  if (issues.length) throw new RangeError(`createRateBudget: ${issues.join('; ')}`)
  const rate = options.requestsPerSecond ?? Number.POSITIVE_INFINITY
  const interval = Number.isFinite(rate) ? 1000 / rate : 0
  const burst = options.burst ?? 1
  const width = options.concurrency ?? 32
  const basePause = options.pauseMs ?? 1000
  const jitter = options.jitter ?? 0.1
  const queue: Waiter[] = []
  let active = 0
  /** The theoretical time the next request is due (GCRA): pacing with `burst` requests of slack. */
  let due = 0
  let pausedUntil = 0
  let pausedMs = 0
  let strikes = 0
  let sent = 0
  let rateLimited = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const release = () => {
    active--
    pump()
  }
  const onceRelease = () => {
    let done = false
    return () => {
      if (done) return
      done = true
      release()
    }
  }

  function pump(): void {
    while (queue.length && active < width) {
      const now = Date.now()
      const at = Math.max(pausedUntil, due - (burst - 1) * interval)
      if (now < at) {
        arm(at - now)
        return
      }
      const waiter = queue.shift() as Waiter
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      // A timer fires late, by a millisecond or (on a busy machine) ten; counting from `now` would lose
      // that lateness on every request and fall far short of a fast rate. Up to TIMER_SLACK_MS (or one
      // interval) of lateness is made up by releasing the requests that fell due together.
      due = Math.max(due, now - Math.max(interval, TIMER_SLACK_MS)) + interval
      active++
      sent++
      waiter.resolve(onceRelease())
    }
  }

  function arm(ms: number): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      pump()
    }, ms)
  }

  return {
    requestsPerSecond: rate,
    concurrency: width,
    acquire: (signal) =>
      new Promise<() => void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const waiter: Waiter = signal
          ? {
              resolve,
              reject,
              signal,
              onAbort: () => {
                const index = queue.indexOf(waiter)
                if (index >= 0) queue.splice(index, 1)
                reject(signal.reason)
              },
            }
          : { resolve, reject }
        if (waiter.onAbort) signal?.addEventListener('abort', waiter.onAbort, { once: true })
        // Idle time earns no credit beyond `burst`: only a backlog's late timer is made up (below).
        if (queue.length === 0) due = Math.max(due, Date.now())
        queue.push(waiter)
        pump()
      }),
    pause: (waitMs) => {
      rateLimited++
      const base = waitMs ?? Math.min(basePause * 2 ** strikes, MAX_PAUSE_MS)
      strikes++
      const now = Date.now()
      const until = now + base * (1 + Math.random() * jitter)
      if (until <= pausedUntil) return
      pausedMs += until - Math.max(now, pausedUntil)
      pausedUntil = until
      pump()
    },
    settle: () => {
      strikes = 0
    },
    stats: () => ({ sent, rateLimited, pausedMs: Math.round(pausedMs) }),
  }
}
