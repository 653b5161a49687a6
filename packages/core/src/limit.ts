/**
 * One bound on how many provider calls are in flight, shared by every account (and adapter) a piece of
 * work touches: a partner planning and applying over hundreds of sub-accounts at once gets `width` calls
 * at a time in all, not that many per account.
 */

import type { WebhookProvider } from './provider.js'

/** Runs `work` once a slot is free; at most the limiter's width of works run at once. */
export type Limiter = <T>(work: () => Promise<T>) => Promise<T>

/** A limiter letting at most `width` works run at once (first come, first served). */
export function createLimiter(width: number): Limiter {
  if (!(Number.isInteger(width) && width >= 1)) throw new RangeError('createLimiter: width must be a whole number ≥ 1')
  let active = 0
  const waiting: (() => void)[] = []
  return async (work) => {
    if (active >= width) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await work()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

const LIMITED = ['list', 'get', 'create', 'update', 'delete'] as const

/**
 * The same provider, each of its calls waiting for a slot of `limit`. Wrap every adapter of a job with
 * one limiter, then `plan` and `apply` all accounts at once: the provider sees at most the limiter's
 * width of calls, and accounts overlap instead of waiting for each other.
 */
export function limitProvider<P extends WebhookProvider>(provider: P, limit: Limiter): P {
  const wrapped: Record<string, unknown> = {}
  for (const name of LIMITED) {
    const operation = (provider[name] as (...args: unknown[]) => () => Promise<unknown>).bind(provider)
    wrapped[name] =
      (...args: unknown[]) =>
      () =>
        limit(() => operation(...args)())
  }
  return { ...provider, ...wrapped } as P
}
