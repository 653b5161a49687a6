/**
 * Redelivery in the sandbox (`trigger --redeliver`): a delivery the receiver did not accept is sent again
 * on the provider's retry schedule, compressed in time (`--speed N`: N seconds of the schedule pass in one
 * second; default 3600, an hour in a second), byte for byte as first sent, so the event id and the
 * signature stay the same, as the providers' redeliveries do. Each provider's descriptor gives which
 * answers it accepts and its published delays (`sandbox.redelivery`, with their sources); where none are
 * published, the sandbox doubles from 1 minute and makes its last attempt at 24 hours.
 */

import { setTimeout as sleep } from 'node:timers/promises'
import type { ProviderName } from './providers.js'
import { descriptorOf } from './registry.js'

export interface RetrySchedule {
  /** Seconds before each retry, counted from the attempt before it. */
  readonly delays: readonly number[]
  readonly succeeded: (status: number) => boolean
  readonly documented: boolean
}

/** Doubling from 1 minute while it fits in 24 hours, then one last attempt at 24 hours. */
const doublingOverADay = (): number[] => {
  const delays: number[] = []
  let total = 0
  for (let d = 60; total + d <= 86_400; d *= 2) {
    delays.push(d)
    total += d
  }
  if (total < 86_400) delays.push(86_400 - total)
  return delays
}

const is2xx = (status: number) => status >= 200 && status < 300

/** A provider's retry schedule, from its descriptor. */
export function retrySchedule(provider: ProviderName): RetrySchedule {
  const spec = descriptorOf(provider).sandbox.redelivery
  return {
    delays: spec?.delays ?? doublingOverADay(),
    succeeded: spec ? (status) => spec.accepted(status) : is2xx,
    documented: spec?.delays !== undefined,
  }
}

export const DEFAULT_SPEED = 3600

/** A delivery exactly as the sandbox first sent it. */
export interface SentDelivery {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface Redelivery {
  /** Seconds after the previous attempt, on the provider's (uncompressed) schedule. */
  readonly after: number
  readonly status?: number
  readonly error?: string
}

/** Sends `sent` again on the schedule until it is accepted, the schedule ends, or `signal` aborts. */
export async function redeliver(
  provider: ProviderName,
  sent: SentDelivery,
  settings: { readonly speed: number; readonly signal: AbortSignal; readonly onAttempt?: (attempt: Redelivery) => void },
): Promise<Redelivery[]> {
  const schedule = retrySchedule(provider)
  const attempts: Redelivery[] = []
  for (const after of schedule.delays) {
    try {
      await sleep((after * 1000) / settings.speed, undefined, { signal: settings.signal })
    } catch {
      break
    }
    let attempt: Redelivery
    try {
      const response = await fetch(sent.url, { method: 'POST', headers: sent.headers, body: sent.body, signal: AbortSignal.timeout(10_000) })
      await response.arrayBuffer().catch(() => undefined)
      attempt = { after, status: response.status }
    } catch (error) {
      attempt = { after, error: ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message }
    }
    attempts.push(attempt)
    settings.onAttempt?.(attempt)
    if (attempt.status !== undefined && schedule.succeeded(attempt.status)) break
  }
  return attempts
}

/** The rows of a sandbox `trigger`, each not accepted redelivered (in parallel) on the provider's schedule. */
export async function redeliverRejected<Row extends { readonly url: string; readonly status?: number }>(
  provider: ProviderName,
  rows: readonly Row[],
  sent: ReadonlyMap<string, SentDelivery>,
  settings: { readonly speed: number; readonly signal: AbortSignal; readonly onAttempt?: (url: string, attempt: Redelivery) => void },
): Promise<(Row & { readonly redeliveries?: readonly Redelivery[] })[]> {
  const { succeeded } = retrySchedule(provider)
  const accepted = (status: number | undefined) => status !== undefined && succeeded(status)
  return Promise.all(
    rows.map(async (row) => {
      const first = sent.get(row.url.replace(/\/\/[^@/]*@/, '//'))
      if (accepted(row.status) || !first) return row
      const redeliveries = await redeliver(provider, first, { ...settings, onAttempt: (a) => settings.onAttempt?.(row.url, a) })
      return { ...row, redeliveries }
    }),
  )
}

/** Whether a row was accepted in the end, at first or on a redelivery. */
export function acceptedInTheEnd(provider: ProviderName, row: { readonly status?: number; readonly redeliveries?: readonly Redelivery[] }): boolean {
  const last = row.redeliveries?.at(-1)?.status ?? row.status
  return last !== undefined && retrySchedule(provider).succeeded(last)
}
