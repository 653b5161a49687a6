/**
 * One bound on how many provider calls are in flight, shared by every account a command works on: a
 * partner with hundreds of sub-accounts gets `--concurrency` calls at a time, not that many per account.
 * The limiter itself is core's.
 */

export { createLimiter, type Limiter, limitProvider } from '@unihook/core'

/** Runs `work` on every item, all started at once; the limiter inside bounds the real calls. */
export const each = <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => Promise.all(items.map(work))
