/**
 * Shards: splitting the accounts of one run across processes or machines, disjointly. An account
 * belongs to shard `hash(account) mod count`, so every process given the same `count` agrees on who
 * does what without talking to the others, and the same account lands in the same shard on every run
 * (a journal per shard stays valid). The hash is FNV-1a (32-bit): stable across platforms and versions.
 */

import * as E from 'fp-ts/Either'
import { localValidation, type ValidationError } from './errors.js'

/** Shard `index` of `count` (1-based, as `--shard 2/4` reads). */
export interface Shard {
  readonly index: number
  readonly count: number
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** The shard (1-based) an account belongs to among `count`. */
export const shardOfAccount = (account: string, count: number): number => (fnv1a(account) % count) + 1

/** Whether the account is this shard's to work on. */
export const inShard = (account: string, shard: Shard): boolean => shardOfAccount(account, shard.count) === shard.index

/** What is wrong with a shard, if anything. */
function shardIssues(shard: Shard): string | undefined {
  const { index, count } = shard
  if (!Number.isInteger(count) || count < 1) return 'the shard count must be a whole number ≥ 1'
  if (!Number.isInteger(index) || index < 1 || index > count) return `the shard index must be a whole number from 1 to ${count}`
  return undefined
}

/** Checks a shard given as an object; a local `ValidationError` when it cannot select accounts. */
export function checkShard(shard: Shard, path = 'shard'): E.Either<ValidationError, Shard> {
  const issue = shardIssues(shard)
  return issue ? E.left(localValidation({ provider: 'unihook', operation: 'shard' }, [{ path, message: issue }])) : E.right(shard)
}

/** Reads `i/n` (`2/4`: the second of four shards), as a CLI flag gives it. */
export function parseShard(text: string, path = 'shard'): E.Either<ValidationError, Shard> {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!match)
    return E.left(localValidation({ provider: 'unihook', operation: 'shard' }, [{ path, message: 'must read i/n, as 2/4 (the second of four shards)' }]))
  return checkShard({ index: Number(match[1]), count: Number(match[2]) }, path)
}
