/** Small helpers the providers' descriptors share: random ids for sample events, and lists read from one variable. */

import type { DeliveryKey, SandboxDelivery } from '../descriptor.js'
import type { DeliveryOutcome } from './delivery.js'

/** `bytes` random bytes as lower-case hex, from Web Crypto (every runtime has it). */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A random version-4 UUID. */
export const randomUuid = (): string => crypto.randomUUID()

/** The items of a comma-separated list (`a, b,c`), blanks dropped. */
export const listOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Keys from plain values: each is tried for any delivery. */
export const anyKeys = (values: readonly string[] | undefined): DeliveryKey[] => (values ?? []).map((value) => ({ value }))

/** A fake's delivery outcome as the sandbox reports it. */
export const sandboxDelivery = (webhookId: string, url: string, outcome: DeliveryOutcome): SandboxDelivery =>
  'status' in outcome ? { webhookId, url, status: outcome.status } : { webhookId, url, error: outcome.error }
