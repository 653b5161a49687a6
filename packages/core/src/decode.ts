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
import * as G from 'io-ts/Guard'
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

/** What a decoder's fast path answers for a value the decoder refuses; its `decode` then says why. */
const REFUSED: unique symbol = Symbol('refused')

/** A fast path: the decoded value, or `REFUSED`, without an `Either` per field. */
type Read<A> = (u: unknown) => A | typeof REFUSED

/**
 * A decoder that also reads without building an `Either` (nor a `DecodeError`) per field: `struct`,
 * `array` and `optional` read their fields and items this way and build io-ts's error tree only when a
 * value is refused. A page of webhooks is most of the work a list does after JSON parsing.
 */
interface Reading<A> extends D.Decoder<unknown, A> {
  readonly read: Read<A>
}

/** io-ts's own guards, which `D.string`, `D.number` and `D.boolean` are made from, as fast paths. */
const GUARDED = new Map<D.Decoder<unknown, unknown>, Read<unknown>>([
  [D.string, (u) => (G.string.is(u) ? u : REFUSED)],
  [D.number, (u) => (G.number.is(u) ? u : REFUSED)],
  [D.boolean, (u) => (G.boolean.is(u) ? u : REFUSED)],
])

/** The fast path of any decoder: its own, io-ts's guard for a primitive, or its `decode` unwrapped. */
function readerOf<A>(decoder: D.Decoder<unknown, A>): Read<A> {
  const own = (decoder as Partial<Reading<A>>).read
  if (own) return own
  const guarded = GUARDED.get(decoder as D.Decoder<unknown, unknown>) as Read<A> | undefined
  if (guarded) return guarded
  return (u) => {
    const result = decoder.decode(u)
    return result._tag === 'Right' ? result.right : REFUSED
  }
}

/** A decoder from its fast path and the decode that explains a refusal. */
const reading = <A>(read: Read<A>, explain: (u: unknown) => E.Either<D.DecodeError, A>): Reading<A> => ({
  read,
  decode: (u) => {
    const value = read(u)
    return value === REFUSED ? explain(u) : E.right(value)
  },
})

/** A decoder that refuses with one expectation: what `read` refuses, `decode` names as `expected`. */
const refining = <A>(read: Read<A>, expected: string): Reading<A> => reading(read, (u) => D.failure(u, expected))

/** The fields of a `struct`: one decoder per field. */
export type Fields = Readonly<Record<string, D.Decoder<unknown, unknown>>>

/** What a `struct` of these fields decodes to. */
export type StructOf<F extends Fields> = { [K in keyof F]: D.TypeOf<F[K]> }

/** Whether a value is a plain object (not `null`, not an array): what a JSON object parses to. */
export const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * A decoder with a hand-written reader in front: `read` takes a value of the shape the provider usually
 * sends and returns what `decoder` would decode from it, or `undefined` for any other value, which
 * `decoder` then decides and, if wrong, names. For list pages, whose fields read by name run several
 * times faster than `struct`'s walk by computed name; a test must check the two agree.
 */
export const readFirst = <A>(read: (u: unknown) => A | undefined, decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A> => ({
  decode: (u) => {
    const value = read(u)
    return value === undefined ? decoder.decode(u) : D.success(value)
  },
})

/** Each item through `read`, or `undefined` as soon as one is not of the usual shape (see `readFirst`). */
export function readEach<A>(items: readonly unknown[], read: (item: unknown) => A | undefined): A[] | undefined {
  const out: A[] = new Array(items.length)
  for (let i = 0; i < out.length; i++) {
    const item = read(items[i])
    if (item === undefined) return undefined
    out[i] = item
  }
  return out
}

/**
 * An object with these fields, each read by its decoder. Like io-ts's `t.type` (and unlike
 * `Decoder.struct`), unknown fields are kept, so `raw` stays the provider's object, and the object is
 * copied only when a field's decoded value differs from the wire's; this is also about 4 times faster
 * than `Decoder.struct` on a page of webhooks, which matters for list latency. Codecs made at module
 * level carry a `@__PURE__` annotation where they are made, so that bundlers drop the ones an app never reads.
 */
export function struct<F extends Fields>(fields: F, name = 'object'): D.Decoder<unknown, StructOf<F>> {
  const keys = Object.keys(fields)
  const readers = keys.map((key) => readerOf(fields[key] as D.Decoder<unknown, unknown>))
  const read = (u: unknown): StructOf<F> | typeof REFUSED => {
    if (!isRecord(u)) return REFUSED
    let out = u
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string
      const value = u[key]
      const decoded = (readers[i] as Read<unknown>)(value)
      if (decoded === REFUSED) return REFUSED
      if (decoded !== value) {
        if (out === u) out = { ...u }
        out[key] = decoded
      }
    }
    return out as StructOf<F>
  }
  const explain = (u: unknown): E.Either<D.DecodeError, StructOf<F>> => {
    if (!isRecord(u)) return D.failure(u, name)
    let errors: D.DecodeError | undefined
    for (const key of keys) {
      const result = (fields[key] as D.Decoder<unknown, unknown>).decode(u[key])
      if (result._tag === 'Left') errors = joined(errors, FS.of(DE.key(key, DE.required, result.left)))
    }
    // `read` refused what every field accepts only if a field's fast path disagrees with its decoder.
    return errors ? E.left(errors) : D.failure(u, name)
  }
  return reading(read, explain)
}

/** An array whose items each `item` reads; copied only when an item's decoded value differs. */
export function array<A>(item: D.Decoder<unknown, A>, name = 'array'): D.Decoder<unknown, A[]> {
  const readItem = readerOf(item)
  const read = (u: unknown): A[] | typeof REFUSED => {
    if (!Array.isArray(u)) return REFUSED
    let out: unknown[] = u
    for (let i = 0; i < u.length; i++) {
      const value: unknown = u[i]
      const decoded = readItem(value)
      if (decoded === REFUSED) return REFUSED
      if (decoded !== value) {
        if (out === u) out = u.slice()
        out[i] = decoded
      }
    }
    return out as A[]
  }
  const explain = (u: unknown): E.Either<D.DecodeError, A[]> => {
    if (!Array.isArray(u)) return D.failure(u, name)
    let errors: D.DecodeError | undefined
    for (let i = 0; i < u.length; i++) {
      const result = item.decode(u[i])
      if (result._tag === 'Left') errors = joined(errors, FS.of(DE.index(i, DE.optional, result.left)))
    }
    return errors ? E.left(errors) : D.failure(u, name)
  }
  return reading(read, explain)
}

/** `T | null | undefined`, read as `T | undefined`. */
export const optional = <A>(decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A | undefined> => {
  const readValue = readerOf(decoder)
  return reading<A | undefined>(
    (u) => (u === undefined || u === null ? undefined : readValue(u)),
    (u) => decoder.decode(u),
  )
}

/** Anything, as it is (answers whose content does not matter, such as a delete's). */
export const anything: D.Decoder<unknown, unknown> = /* @__PURE__ */ refining((u) => u, 'anything')

const orRefused = <A>(value: A | undefined): A | typeof REFUSED => (value === undefined ? REFUSED : value)

/** A Date from integer unix seconds. */
export const DateFromUnixSeconds: D.Decoder<unknown, Date> = /* @__PURE__ */ refining((u) => orRefused(dateFromUnixSeconds(u)), 'unix seconds')

/** A Date from an ISO-8601 string. Date-times without a zone are read as UTC (Calypso sends those). */
export const DateFromIsoString: D.Decoder<unknown, Date> = /* @__PURE__ */ refining((u) => orRefused(dateFromIsoString(u)), 'ISO-8601 date-time')

/** A boolean that some providers send as `"true"`/`"false"` (or `"1"`/`"0"`, `1`/`0`). */
export const LooseBoolean: D.Decoder<unknown, boolean> = /* @__PURE__ */ refining((u) => {
  if (typeof u === 'boolean') return u
  if (u === 'true' || u === '1' || u === 1) return true
  if (u === 'false' || u === '0' || u === 0) return false
  return REFUSED
}, 'boolean | "true" | "false"')

/** Parses a response body as JSON, tolerating an empty body as `undefined`. */
export function parseJsonBody(text: string): E.Either<Issue[], unknown> {
  if (text.trim() === '') return E.right(undefined)
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left([{ path: '', message: `the body is not valid JSON (${(error as Error).message})` }])
  }
}
