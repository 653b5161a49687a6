/**
 * io-ts decoding at the boundary, with errors a person can read.
 *
 * `t.type` codecs already ignore unknown fields, which is what the providers ask of clients; the
 * helpers here add the variations the providers document (nullable fields, unix-second dates, ISO
 * dates, booleans sent as strings).
 */

import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { Issue } from './errors.js'
import { isSecretFieldName } from './secret.js'

const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return String(value)
}

/**
 * Turns io-ts errors into one issue per location. Union failures are reported once, at the union's
 * path, as "expected one of …" instead of one line per failed member.
 */
export function readableIssues(errors: t.Errors): Issue[] {
  const seen = new Map<string, Issue>()
  for (const error of errors) {
    const segments: string[] = []
    let expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value'
    let actual: unknown = error.value
    for (let i = 1; i < error.context.length; i++) {
      const entry = error.context[i]
      const parent = error.context[i - 1]
      if (!entry || !parent) continue
      // By tag, not `instanceof`: each built package carries its own copy of io-ts (see tsup.preset.ts).
      const tag = (parent.type as { readonly _tag?: string })._tag
      if (tag === 'UnionType') {
        expected = `one of ${((parent.type as t.UnionType<t.Mixed[]>).types as t.Mixed[]).map((m) => m.name).join(' | ')}`
        actual = parent.actual
        break
      }
      // Intersections and refinements nest without adding a path segment.
      if (tag === 'IntersectionType') continue
      segments.push(/^\d+$/.test(entry.key) ? `[${entry.key}]` : segments.length ? `.${entry.key}` : entry.key)
    }
    const path = segments.join('')
    // A value under a credential's name is described by its type only, never quoted.
    const lastKey = segments[segments.length - 1]?.replace(/^\./, '') ?? ''
    const got = isSecretFieldName(lastKey) && actual !== undefined && actual !== null ? `a ${typeof actual}` : describeValue(actual)
    if (!seen.has(path)) seen.set(path, { path, message: `expected ${expected}, got ${got}` })
  }
  return [...seen.values()]
}

export function decodeWith<A>(codec: t.Decoder<unknown, A>, value: unknown): E.Either<Issue[], A> {
  return E.mapLeft(readableIssues)(codec.decode(value))
}

/** `T | null | undefined`, read as `T | undefined`. */
export const optional = <C extends t.Mixed>(codec: C) =>
  new t.Type<t.TypeOf<C> | undefined, unknown, unknown>(
    `${codec.name} | null | undefined`,
    (u): u is t.TypeOf<C> | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined || u === null ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  )

/** A Date from integer unix seconds. */
export const DateFromUnixSeconds = new t.Type<Date, number, unknown>(
  'unix seconds',
  (u): u is Date => u instanceof Date,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(new Date(u * 1000)) : t.failure(u, c)),
  (d) => Math.floor(d.getTime() / 1000),
)

/** A Date from an ISO-8601 string. Strings without a zone are read as UTC (Calypso sends those). */
export const DateFromIsoString = new t.Type<Date, string, unknown>(
  'ISO-8601 date-time',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(u)
    // A date and time, separated by `T` or a space (which JS would otherwise read as local time).
    const hasTime = /^\d{4}-\d\d-\d\d[T ]\d/i.test(u)
    const date = new Date(hasZone || !hasTime ? u : `${u}Z`)
    return Number.isNaN(date.getTime()) ? t.failure(u, c) : t.success(date)
  },
  (d) => d.toISOString(),
)

/** A boolean that some providers send as `"true"`/`"false"`. */
export const LooseBoolean = new t.Type<boolean, boolean, unknown>(
  'boolean | "true" | "false"',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => {
    if (typeof u === 'boolean') return t.success(u)
    if (u === 'true' || u === '1' || u === 1) return t.success(true)
    if (u === 'false' || u === '0' || u === 0) return t.success(false)
    return t.failure(u, c)
  },
  (b) => b,
)

/** Parses a response body as JSON, tolerating an empty body as `undefined`. */
export function parseJsonBody(text: string): E.Either<Issue[], unknown> {
  if (text.trim() === '') return E.right(undefined)
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left([{ path: '', message: `the body is not valid JSON (${(error as Error).message})` }])
  }
}
