/**
 * Deterministic idempotency keys: the same provider, account and URL always give the same key, so two
 * operators creating the same desired webhook at once send the same key, and a provider that honours
 * keys makes one webhook. The key is a SHA-256 digest: it carries no URL (URLs may hold credentials).
 */

import { sha256Hex } from './verify/verification.js'

/** The idempotency key `apply` gives a create: one per provider, account and URL. */
export async function idempotencyKeyFor(provider: string, account: string | undefined, url: string): Promise<string> {
  return sha256Hex(JSON.stringify(['unihook-create', provider, account ?? null, url]))
}
