/**
 * How hard the reliability suites push. CI runs the quick form: a fixed seed and small samples, so a
 * failure replays exactly. `UNIHOOK_PROPERTIES=long` runs at least 10,000 cases per property (a fresh
 * seed each run unless `UNIHOOK_SEED` pins one); `UNIHOOK_FAULTS=full` runs the whole fault matrix in
 * every mount (direct, msw, loopback HTTP) with repeats.
 */

import type { Parameters } from 'fast-check'

export const LONG_PROPERTIES = process.env.UNIHOOK_PROPERTIES === 'long'
export const FULL_FAULTS = process.env.UNIHOOK_FAULTS === 'full'

/** The seed of the quick form; fast-check prints the seed and path of any failure, so it can be replayed. */
const QUICK_SEED = 20_261_122
const pinnedSeed = process.env.UNIHOOK_SEED === undefined ? undefined : Number(process.env.UNIHOOK_SEED)

/** fast-check parameters: `quick` cases in CI, `long` (10,000 unless said otherwise) in the long mode. */
export function runs(quick: number, long = 10_000): Parameters<unknown> {
  return LONG_PROPERTIES ? { numRuns: long, seed: pinnedSeed } : { numRuns: quick, seed: pinnedSeed ?? QUICK_SEED }
}

/** A per-test timeout that lets the long and full forms run as long as they need. */
export const SUITE_TIMEOUT = LONG_PROPERTIES || FULL_FAULTS ? 30 * 60_000 : undefined
