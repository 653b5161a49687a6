/**
 * One bound on how many provider calls are in flight, shared by every account a command works on: a
 * partner with hundreds of sub-accounts gets `--concurrency` calls at a time, not that many per account.
 */

import type { WebhookProvider } from '@unihook/core'

export type Limiter = <T>(work: () => Promise<T>) => Promise<T>

export function createLimiter(width: number): Limiter {
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

/** The same provider, each of its calls waiting for a slot of the limiter. */
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

/** Runs `work` on every item, all started at once; the limiter inside bounds the real calls. */
export const each = <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => Promise.all(items.map(work))
