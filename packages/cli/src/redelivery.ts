/**
 * Redelivery in the sandbox: every delivery the sandbox makes that the receiver does not accept (a status
 * the provider does not take as accepted, or no answer at all) is sent again on the provider's retry
 * schedule, compressed in time: `speed` seconds of the schedule pass in one second (default 8640, a day
 * in ten seconds). Each retry carries the first one's body, so the event id is the same; providers that
 * sign a timestamp have it signed anew at its time, the others' are the first delivery byte for
 * byte, as those providers' own retries are. Each provider's descriptor gives which answers it accepts
 * and its delays (`sandbox.redelivery`, with their sources); where only the span is published
 * (`horizon`), or nothing, the sandbox doubles from 1 minute over that span, or over 24 hours.
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { type Flags, str } from './command.js'
import { usageError } from './errors.js'
import type { ProviderName } from './providers.js'
import { descriptorOf } from './registry.js'

export interface RetrySchedule {
  /** Seconds before each retry, counted from the attempt before it. */
  readonly delays: readonly number[]
  readonly succeeded: (status: number) => boolean
  /** `published`: the provider's delays; `horizon`: its published span, delays assumed; `assumed`: neither is published. */
  readonly source: 'published' | 'horizon' | 'assumed'
}

/** The span assumed where a provider publishes none. */
const ASSUMED_HORIZON = 86_400

/** Doubling from 1 minute while it fits in `horizon` seconds, then one last attempt at `horizon`. */
export const doublingOver = (horizon: number): number[] => {
  const delays: number[] = []
  let total = 0
  for (let d = 60; total + d <= horizon; d *= 2) {
    delays.push(d)
    total += d
  }
  if (total < horizon) delays.push(horizon - total)
  return delays
}

const is2xx = (status: number) => status >= 200 && status < 300

/** A provider's retry schedule, from its descriptor. */
export function retrySchedule(provider: ProviderName): RetrySchedule {
  const spec = descriptorOf(provider).sandbox.redelivery
  const source = spec?.delays ? 'published' : spec?.horizon ? 'horizon' : 'assumed'
  return {
    delays: spec?.delays ?? doublingOver(spec?.horizon ?? ASSUMED_HORIZON),
    succeeded: spec ? (status) => spec.accepted(status) : is2xx,
    source,
  }
}

/** A day of the schedule in ten seconds: every registered provider's whole schedule takes under a minute. */
export const DEFAULT_SPEED = 8640

export interface RedeliverySettings {
  readonly enabled: boolean
  /** Seconds of the schedule per second. */
  readonly speed: number
}

export const DEFAULT_REDELIVERY: RedeliverySettings = { enabled: true, speed: DEFAULT_SPEED }

/** `--speed N` and `--no-redeliver`, checked before anything is sent. */
export function redeliveryFlags(flags: Flags): RedeliverySettings {
  const text = str(flags, 'speed')
  const enabled = flags['no-redeliver'] !== true
  if (text === undefined) return { ...DEFAULT_REDELIVERY, enabled }
  if (!enabled) throw usageError('--speed sets the pace of redeliveries, which --no-redeliver turns off; pass one of them')
  const speed = Number(text)
  if (!Number.isFinite(speed) || speed < 1) throw usageError(`--speed must be a number ≥ 1 (seconds of the retry schedule per second), not "${text}"`)
  return { enabled, speed }
}

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

/** One first delivery's retries: `pending` until accepted, the schedule ends, or it is cancelled. */
export interface RedeliveryTask {
  readonly provider: ProviderName
  readonly url: string
  readonly attempts: readonly Redelivery[]
  /** `handed-off`: a running sandbox took it over (a one-shot command's delivery while one runs). */
  readonly state: 'pending' | 'accepted' | 'exhausted' | 'cancelled' | 'handed-off'
  /** Why it was cancelled: the sandbox stopped, or the key that signed it is gone. */
  readonly cancelled?: string
  /** Settles when the task ends, whichever way. */
  readonly done: Promise<void>
}

export interface Redeliverer {
  readonly settings: RedeliverySettings
  /** Takes a first delivery's outcome; schedules its retries when the provider would retry it. */
  observe(provider: ProviderName, sent: SentDelivery, outcome: { readonly status?: number }): void
  /** Calls `listener` with each task scheduled from now on, until the returned function is called. */
  watch(listener: (task: RedeliveryTask) => void): () => void
  /** Tasks still pending. */
  pending(): readonly RedeliveryTask[]
  /** Settles once no task is pending. */
  idle(): Promise<void>
  /** Cancels every pending task; how many there were. */
  stop(): number
}

export interface RedelivererOptions {
  readonly settings?: RedeliverySettings
  /** The signature headers of a retry signed now, for providers that sign a timestamp; undefined when the key is gone. */
  readonly resign?: (provider: ProviderName, sent: SentDelivery) => Readonly<Record<string, string>> | undefined
  /** Called after each retry. */
  readonly onAttempt?: (task: RedeliveryTask, attempt: Redelivery) => void
  /** Gives the retries to a running sandbox instead; when it rejects, they run here. */
  readonly handOff?: (provider: ProviderName, sent: SentDelivery, outcome: { readonly status?: number }) => Promise<void>
}

/** Errors of a failed `fetch` say what happened in their cause (`ECONNREFUSED`, …). */
const failureOf = (error: unknown) => ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message

async function attempt(url: string, headers: Readonly<Record<string, string>>, body: string, after: number): Promise<Redelivery> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer().catch(() => undefined)
    return { after, status: response.status }
  } catch (error) {
    return { after, error: failureOf(error) }
  }
}

/** A task as the redeliverer updates it. */
interface Task {
  readonly provider: ProviderName
  readonly url: string
  readonly attempts: Redelivery[]
  state: RedeliveryTask['state']
  cancelled?: string
  done: Promise<void>
}

export function createRedeliverer(options: RedelivererOptions = {}): Redeliverer {
  const settings = options.settings ?? DEFAULT_REDELIVERY
  const stopping = new AbortController()
  const pending = new Set<Task>()
  const listeners = new Set<(task: RedeliveryTask) => void>()
  const resigns = (provider: ProviderName) => descriptorOf(provider).sandbox.redelivery?.resign !== undefined

  async function run(task: Task, sent: SentDelivery): Promise<void> {
    const schedule = retrySchedule(task.provider)
    for (const after of schedule.delays) {
      try {
        await sleep((after * 1000) / settings.speed, undefined, { signal: stopping.signal })
      } catch {
        task.state = 'cancelled'
        task.cancelled = 'the sandbox stopped'
        return
      }
      const fresh = resigns(task.provider) ? options.resign?.(task.provider, sent) : {}
      if (!fresh) {
        // As the providers do: a retry of a webhook that was deleted is not sent.
        task.state = 'cancelled'
        task.cancelled = 'the webhook that signed it is gone'
        return
      }
      const done = await attempt(sent.url, { ...sent.headers, ...fresh }, sent.body, after)
      task.attempts.push(done)
      options.onAttempt?.(task, done)
      if (done.status !== undefined && schedule.succeeded(done.status)) {
        task.state = 'accepted'
        return
      }
    }
    task.state = 'exhausted'
  }

  return {
    settings,
    observe(provider, sent, outcome) {
      if (!settings.enabled || stopping.signal.aborted) return
      if (outcome.status !== undefined && retrySchedule(provider).succeeded(outcome.status)) return
      const task: Task = { provider, url: sent.url, attempts: [], state: 'pending', done: Promise.resolve() }
      pending.add(task)
      const handedOff = options.handOff?.(provider, sent, outcome).then(() => {
        task.state = 'handed-off'
      })
      task.done = (handedOff ? handedOff.catch(() => run(task, sent)) : run(task, sent)).finally(() => pending.delete(task))
      for (const listener of listeners) listener(task)
    },
    watch(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    pending: () => [...pending],
    async idle() {
      while (pending.size) await Promise.all([...pending].map((t) => t.done))
    },
    stop() {
      const count = pending.size
      stopping.abort()
      return count
    },
  }
}

/** How long the rest of a task's schedule takes at `speed`, in seconds (for telling the user). */
export function remainingSeconds(task: RedeliveryTask, speed: number): number {
  const delays = retrySchedule(task.provider).delays.slice(task.attempts.length)
  return delays.reduce((a, b) => a + b, 0) / speed
}

/** One retry, for a line on the terminal: `redelivered PROVIDER delivery to URL (retry 2 of 11, 120 s on the schedule): 200`. */
export function describeAttempt(task: RedeliveryTask, attempt: Redelivery, redact: (url: string) => string): string {
  const of = retrySchedule(task.provider).delays.length
  const outcome = attempt.status === undefined ? `no answer (${attempt.error})` : String(attempt.status)
  return `redelivered ${task.provider} delivery to ${redact(task.url)} (retry ${task.attempts.indexOf(attempt) + 1} of ${of}, ${attempt.after} s on the schedule): ${outcome}`
}
