/**
 * The flags that shape a `plan` or `apply` run at partner scale: `--concurrency`, `--rate` and `--shard`.
 * Each bad value is a usage error (exit 64) before the config is read or any request is sent.
 */

import { createRateBudget, parseShard, type RateBudget, type Shard } from '@unihook/core'
import { type Context, list, str } from './command.js'
import { usageError } from './errors.js'
import { providerNames } from './providers.js'
import { descriptorOf } from './registry.js'
import { didYouMean } from './suggest.js'

/** Requests on the wire at once per provider credential unless `--concurrency` says otherwise. */
export const DEFAULT_CONCURRENCY = 8

export function concurrencyOf(c: Pick<Context, 'flags'>): number {
  const text = str(c.flags, 'concurrency')
  if (text === undefined) return DEFAULT_CONCURRENCY
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > 32) throw usageError(`--concurrency must be a whole number from 1 to 32, not "${text}"`)
  return value
}

/** `--shard i/n`: this process's share of the accounts, or undefined for all of them. */
export function shardOf(c: Pick<Context, 'flags'>): Shard | undefined {
  const text = str(c.flags, 'shard')
  if (text === undefined) return undefined
  const shard = parseShard(text, '--shard')
  if (shard._tag === 'Right') return shard.right
  const why = shard.left.issues.map((issue) => issue.message).join('; ')
  throw usageError(`--shard ${JSON.stringify(text)}: ${why} (e.g. --shard 2/4: the second of four shards)`, 'ShardError')
}

export const shardText = (shard: Shard): string => `${shard.index}/${shard.count}`

/** Requests per second for each provider: what `--rate` says, else the provider's documented limit, else none (paced by 429s alone). */
export type Rates = (provider: string) => number | undefined

const rateValue = (text: string, flag: string): number => {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw usageError(`${flag} must be a number of requests per second above 0, not "${text}" (e.g. --rate 100, or --rate PROVIDER=100)`)
  return value
}

/** Reads `--rate N` (every provider) and `--rate PROVIDER=N` (one; repeatable, and wins over `N`). */
export function ratesOf(c: Pick<Context, 'flags'>): Rates {
  let every: number | undefined
  const each = new Map<string, number>()
  for (const given of list(c.flags, 'rate')) {
    const split = given.indexOf('=')
    if (split < 0) {
      every = rateValue(given, '--rate')
      continue
    }
    const name = given.slice(0, split)
    const names = providerNames()
    if (!names.includes(name)) throw usageError(`--rate ${given}: unknown provider "${name}"; expected one of ${names.join(', ')}${didYouMean(name, names)}`)
    each.set(name, rateValue(given.slice(split + 1), `--rate ${name}=`))
  }
  return (provider) => each.get(provider) ?? every ?? descriptorOf(provider).capabilities.rateLimit?.requestsPerSecond
}

/** One budget per provider credential, shared by every account of the run: paced at its rate, `concurrency` requests on the wire. */
export function budgetsFor(rates: Rates, concurrency: number): (provider: string) => RateBudget {
  const budgets = new Map<string, RateBudget>()
  return (provider) => {
    let budget = budgets.get(provider)
    if (!budget) {
      const rate = rates(provider)
      budget = createRateBudget({ concurrency, ...(rate === undefined ? {} : { requestsPerSecond: rate }) })
      budgets.set(provider, budget)
    }
    return budget
  }
}
