/**
 * io-ts decoding at the boundary, with errors a person can read.
 *
 * Decoders follow io-ts's `Decoder` model (`io-ts/Decoder`: a `decode` returning `Either<DecodeError, A>`),
 * whose modules bundlers can tree-shake, unlike io-ts's root module. `struct` and `array` keep unknown
 * fields, which is what the providers ask of clients; the helpers here add the variations the providers
 * document (nullable fields, unix-second dates, ISO dates, booleans sent as strings).
 */

import * as E from 'fp-ts/Either'
import * as DE from 'io-ts/DecodeError'
import * as D from 'io-ts/Decoder'
import * as FS from 'io-ts/FreeSemigroup'
import { dateFromIsoString, dateFromUnixSeconds } from './dates.js'
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

/** Every node of a `DecodeError` tree at one level, in order (iteratively: a page of failing items makes a long chain). */
function nodesOf(error: D.DecodeError): DE.DecodeError<string>[] {
  const nodes: DE.DecodeError<string>[] = []
  const stack: D.DecodeError[] = [error]
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next._tag === 'Of') nodes.push(next.value)
    else stack.push(next.right, next.left)
  }
  return nodes
}

/** What a failed union member expected: its own expectations, or its first nested issue. */
function expectationOf(error: D.DecodeError): string {
  const nodes = nodesOf(error)
  if (nodes.every((node) => node._tag === 'Leaf')) return nodes.map((node) => (node as DE.Leaf<string>).error).join(' | ')
  const [first] = readableIssues(error)
  return first ? `(${first.path}: ${first.message})` : 'a valid value'
}

/** The value a union refused, read from the first member that failed at the union's own level. */
const actualOf = (members: DE.Member<string>[]): { readonly value: unknown } | undefined => {
  for (const member of members) for (const node of nodesOf(member.errors)) if (node._tag === 'Leaf') return { value: node.actual }
  return undefined
}

function report(issues: Map<string, Issue>, path: string, key: string, expected: string, actual: { readonly value: unknown } | undefined): void {
  if (issues.has(path)) return
  // A value under a credential's name is described by its type only, never quoted.
  const value = actual?.value
  const got =
    actual === undefined ? '' : `, got ${isSecretFieldName(key) && value !== undefined && value !== null ? `a ${typeof value}` : describeValue(value)}`
  issues.set(path, { path, message: `expected ${expected}${got}` })
}

function collect(error: D.DecodeError, path: string, key: string, issues: Map<string, Issue>): void {
  const nodes = nodesOf(error)
  const members = nodes.filter((node): node is DE.Member<string> => node._tag === 'Member')
  // A failed union is reported once, at its own path, as "expected one of …", not once per member.
  if (members.length) report(issues, path, key, `one of ${members.map((m) => expectationOf(m.errors)).join(' | ')}`, actualOf(members))
  for (const node of nodes) {
    if (node._tag === 'Leaf') report(issues, path, key, node.error, { value: node.actual })
    else if (node._tag === 'Key') collect(node.errors, path ? `${path}.${node.key}` : node.key, node.key, issues)
    else if (node._tag === 'Index') collect(node.errors, `${path}[${node.index}]`, '', issues)
    else if (node._tag !== 'Member') collect(node.errors, path, key, issues)
  }
}

/**
 * Turns an io-ts `DecodeError` into one issue per location (paths such as `items[3].url`). A failed
 * union is reported once, at the union's path, as "expected one of …" instead of one line per member.
 * The tree is read by its `_tag`s, so errors from another copy of io-ts read the same.
 */
export function readableIssues(error: D.DecodeError): Issue[] {
  const issues = new Map<string, Issue>()
  collect(error, '', '', issues)
  return [...issues.values()]
}

/** Decodes a value with an io-ts decoder, turning failures into readable `Issue`s (paths such as `items[3].url`). */
export function decodeWith<A>(decoder: D.Decoder<unknown, A>, value: unknown): E.Either<Issue[], A> {
  return E.mapLeft(readableIssues)(decoder.decode(value))
}

const joined = (errors: D.DecodeError | undefined, more: D.DecodeError): D.DecodeError => (errors ? FS.concat(errors, more) : more)

/** The fields of a `struct`: one decoder per field. */
export type Fields = Readonly<Record<string, D.Decoder<unknown, unknown>>>

/** What a `struct` of these fields decodes to. */
export type StructOf<F extends Fields> = { [K in keyof F]: D.TypeOf<F[K]> }

/**
 * An object with these fields, each read by its decoder. Like io-ts's `t.type` (and unlike
 * `Decoder.struct`), unknown fields are kept, so `raw` stays the provider's object, and the object is
 * copied only when a field's decoded value differs from the wire's; this is also about 4 times faster
 * than `Decoder.struct` on a page of webhooks, which matters for list latency. Codecs made at module
 * level carry a `@__PURE__` annotation where they are made, so that bundlers drop the ones an app never reads.
 */
export function struct<F extends Fields>(fields: F, name = 'object'): D.Decoder<unknown, StructOf<F>> {
  const keys = Object.keys(fields)
  return {
    decode(u) {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return D.failure(u, name)
      const given = u as Record<string, unknown>
      let out = given
      let errors: D.DecodeError | undefined
      for (const key of keys) {
        const value = given[key]
        const result = (fields[key] as D.Decoder<unknown, unknown>).decode(value)
        if (result._tag === 'Left') errors = joined(errors, FS.of(DE.key(key, DE.required, result.left)))
        else if (result.right !== value) {
          if (out === given) out = { ...given }
          out[key] = result.right
        }
      }
      return errors ? E.left(errors) : E.right(out as StructOf<F>)
    },
  }
}

/** An array whose items each `item` reads; copied only when an item's decoded value differs. */
export function array<A>(item: D.Decoder<unknown, A>, name = 'array'): D.Decoder<unknown, A[]> {
  return {
    decode(u) {
      if (!Array.isArray(u)) return D.failure(u, name)
      let out: unknown[] = u
      let errors: D.DecodeError | undefined
      for (let i = 0; i < u.length; i++) {
        const value: unknown = u[i]
        const result = item.decode(value)
        if (result._tag === 'Left') errors = joined(errors, FS.of(DE.index(i, DE.optional, result.left)))
        else if (result.right !== value) {
          if (out === u) out = u.slice()
          out[i] = result.right
        }
      }
      return errors ? E.left(errors) : E.right(out as A[])
    },
  }
}

const NOTHING = D.success(undefined)

/** `T | null | undefined`, read as `T | undefined`. */
export const optional = <A>(decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A | undefined> => ({
  decode: (u) => (u === undefined || u === null ? NOTHING : decoder.decode(u)),
})

/** Anything, as it is (answers whose content does not matter, such as a delete's). */
export const anything: D.Decoder<unknown, unknown> = { decode: D.success }

/** A Date from integer unix seconds. */
export const DateFromUnixSeconds: D.Decoder<unknown, Date> = {
  decode: (u) => orFailure(u, dateFromUnixSeconds(u), 'unix seconds'),
}

/** A Date from an ISO-8601 string. Date-times without a zone are read as UTC (Calypso sends those). */
export const DateFromIsoString: D.Decoder<unknown, Date> = {
  decode: (u) => orFailure(u, dateFromIsoString(u), 'ISO-8601 date-time'),
}

const orFailure = (u: unknown, date: Date | undefined, expected: string) => (date === undefined ? D.failure(u, expected) : D.success(date))

/** A boolean that some providers send as `"true"`/`"false"` (or `"1"`/`"0"`, `1`/`0`). */
export const LooseBoolean: D.Decoder<unknown, boolean> = {
  decode(u) {
    if (typeof u === 'boolean') return D.success(u)
    if (u === 'true' || u === '1' || u === 1) return D.success(true)
    if (u === 'false' || u === '0' || u === 0) return D.success(false)
    return D.failure(u, 'boolean | "true" | "false"')
  },
}

/** Parses a response body as JSON, tolerating an empty body as `undefined`. */
export function parseJsonBody(text: string): E.Either<Issue[], unknown> {
  if (text.trim() === '') return E.right(undefined)
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left([{ path: '', message: `the body is not valid JSON (${(error as Error).message})` }])
  }
}
