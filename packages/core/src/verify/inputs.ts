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
  if (Array.isArray(value)) return `a list of ${value.length}`
  return value === '' ? 'an empty string' : value === null ? 'null' : isSecret(value) ? 'a Secret' : typeof value
}

// Anything else than a string or a `Secret` reveals as itself, and is no string either.
const isUsableSecret = (value: unknown): value is string | Secret => {
  const text: unknown = revealSecret(value as string)
  return typeof text === 'string' && text !== ''
}

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
