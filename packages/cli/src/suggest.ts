/**
 * "Did you mean …?" for whatever a person types: commands, flags, providers, event names. The closest
 * known name by edit distance, when it is close enough to be a typo rather than a different word.
 */

import { distance } from 'fastest-levenshtein'

/** The known name closest to `typed`, if it is within a typo's reach (about a third of its length). */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const name of known) {
    const d = distance(wanted, name.toLowerCase())
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  const reach = Math.max(2, Math.ceil(wanted.length / 3))
  return best !== undefined && bestDistance <= reach ? best : undefined
}

/** ` (did you mean "x"?)` for a close name, or nothing. */
export function didYouMean(typed: string, known: readonly string[], quote: (name: string) => string = (n) => `"${n}"`): string {
  const near = closest(typed, known)
  return near === undefined ? '' : ` (did you mean ${quote(near)}?)`
}
