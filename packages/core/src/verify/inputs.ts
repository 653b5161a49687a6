/**
 * Checks of a verifier's configuration, made once at construction. Secrets often come from plain
 * JavaScript or the environment, where the type `readonly string[]` promises nothing: a lone string
 * spread into a list becomes one-character keys that anyone can guess. So a lone string (or `Secret`) is
 * read as one secret, and anything else that is not a non-empty list of non-empty strings or `Secret`s
 * is refused with a `TypeError` that describes the value's shape, never the value.
 */

import { isSecret, revealSecret, type Secret } from '../secret.js'

/** One secret, or several while rotating (a delivery verifies when any of them matches). */
export type SecretOrSecrets = string | Secret | readonly (string | Secret)[]

/** What a value is, for an error message that must not show the value itself. */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string'
  if (typeof value === 'object') return isSecret(value) ? 'a Secret' : 'an object'
  return `a ${typeof value}`
}

const isUsableSecret = (value: unknown): value is string | Secret =>
  (typeof value === 'string' || isSecret(value)) && typeof revealSecret(value) === 'string' && revealSecret(value) !== ''

/**
 * The secrets as a list: a lone string or `Secret` is one secret. Throws a `TypeError` naming `where`
 * (`razorpayVerifier(): secrets`) for anything else, an empty secret included: an unset environment
 * variable would otherwise verify signatures anyone can compute.
 */
export function secretList(where: string, value: unknown): readonly (string | Secret)[] {
  if (isUsableSecret(value)) return [value]
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(`${where} must be a non-empty string or Secret, or a non-empty list of them (got ${shapeOf(value)})`)
  }
  value.forEach((item: unknown, i) => {
    if (!isUsableSecret(item)) throw new TypeError(`${where}[${i}] must be a non-empty string or Secret (got ${shapeOf(item)})`)
  })
  return Object.freeze([...(value as (string | Secret)[])])
}
