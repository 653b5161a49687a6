/**
 * Side-by-side measurement. Every figure the benchmark prints is a ratio of two contenders timed in the
 * same run, in alternating rounds (the order rotates each round), so that load from other processes on
 * the shared cores falls on both alike. A lone absolute time is never reported.
 */

import { cpuUsage } from 'node:process'

/** One benchmark row: our figure over its comparator's. */
export interface Row {
  readonly figure: string
  /** What the ratio is against. */
  readonly vs: string
  /** Ours divided by the comparator's: below 1 is faster or smaller. */
  readonly ratio: number
  /** The ratio the issue asks for at most, when it sets one. */
  readonly goal?: number
  /** Sizes and other absolute figures that are not times, and what stands in the way. */
  readonly note?: string
}

export interface Contender {
  readonly name: string
  /** One call; it runs `batch` times per round. */
  readonly run: () => Promise<unknown>
}

export interface RoundOptions {
  readonly rounds: number
  /** Calls per contender per round. */
  readonly batch: number
  /** `wall` for latency, `cpu` for the process's user+system CPU time. */
  readonly clock?: 'wall' | 'cpu'
}

const now = (clock: 'wall' | 'cpu'): number => {
  if (clock === 'wall') return performance.now()
  const usage = cpuUsage()
  return (usage.user + usage.system) / 1000
}

/**
 * Runs the contenders in interleaved rounds and returns, per contender, the time of each round. Before
 * timing, each contender runs one batch to warm up (JIT, connection pools).
 */
export async function interleave(contenders: readonly Contender[], options: RoundOptions): Promise<Map<string, number[]>> {
  const clock = options.clock ?? 'wall'
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  for (const contender of contenders) for (let i = 0; i < options.batch; i++) await contender.run()
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(round + k) % contenders.length] as Contender
      const started = now(clock)
      for (let i = 0; i < options.batch; i++) await contender.run()
      times.get(contender.name)?.push(now(clock) - started)
    }
  }
  return times
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The median over rounds of ours / comparator, each pair taken from the same round. */
export function ratioOf(times: Map<string, number[]>, ours: string, comparator: string): number {
  const a = times.get(ours) ?? []
  const b = times.get(comparator) ?? []
  return median(a.map((t, i) => t / Math.max(b[i] ?? Number.NaN, 1e-9)))
}

export const round2 = (n: number): number => Math.round(n * 100) / 100
