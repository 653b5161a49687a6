import {
  anything,
  array,
  DateFromIsoString,
  DateFromUnixSeconds,
  decodeWith,
  LooseBoolean,
  optional,
  parseJsonBody,
  readableIssues,
  struct,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { afterEach, describe, expect, it } from 'vitest'
import { getLeft, getRight } from './helpers.js'

const issuesOf = <A>(decoder: D.Decoder<unknown, A>, value: unknown) => getLeft(decodeWith(decoder, value))

describe('readableIssues', () => {
  const Hook = struct({ id: D.string, url: D.string })
  const Envelope = struct({ data: array(Hook), total: D.number })

  it('renders nested paths like data[1].url', () => {
    const issues = issuesOf(Envelope, {
      data: [
        { id: 'a', url: 'x' },
        { id: 'b', url: 5 },
      ],
      total: 2,
    })
    expect(issues).toEqual([{ path: 'data[1].url', message: 'expected string, got 5' }])
  })

  it('reports every failing location once, describing the value found', () => {
    const issues = issuesOf(Envelope, { data: [{ id: 1 }], total: 'two' })
    expect(issues).toEqual([
      { path: 'data[0].id', message: 'expected string, got 1' },
      { path: 'data[0].url', message: 'expected string, got nothing' },
      { path: 'total', message: 'expected number, got "two"' },
    ])
  })

  it('names what a struct or an array expected when the value is not one', () => {
    expect(issuesOf(struct({ id: D.string }, 'webhook'), null)).toEqual([{ path: '', message: 'expected webhook, got null' }])
    expect(issuesOf(Envelope, { data: {}, total: 1 })).toEqual([{ path: 'data', message: 'expected array, got an object' }])
    expect(issuesOf(array(D.string), [1, 'a'])).toEqual([{ path: '[0]', message: 'expected string, got 1' }])
  })

  it('describes nulls, arrays, objects and long strings without dumping them', () => {
    const Shape = struct({ a: D.string, b: D.string, c: D.string, d: D.number })
    const issues = issuesOf(Shape, { a: null, b: [1, 2, 3], c: { x: 1 }, d: 'y'.repeat(100) })
    expect(issues.map((i) => i.message)).toEqual([
      'expected string, got null',
      'expected string, got an array of 3',
      'expected string, got an object',
      'expected number, got a string of 100 characters',
    ])
  })

  it('never quotes a value found under a credential field name', () => {
    const Keys = struct({ secretKey: D.number, publicKey: D.number, label: D.number })
    const result = decodeWith(Keys, { secretKey: 'b823a6b9ea72408583', publicKey: 'c529e14832b34b74', label: 'shown' })
    expect(E.isLeft(result) && result.left).toEqual([
      { path: 'secretKey', message: 'expected number, got a string' },
      { path: 'publicKey', message: 'expected number, got a string' },
      { path: 'label', message: 'expected number, got "shown"' },
    ])
  })

  it('renders a failed union once, as "expected one of …"', () => {
    const Shape = struct({ events: D.union(array(D.string), D.UnknownRecord) })
    const issues = issuesOf(Shape, { events: 'payment.captured' })
    expect(issues).toEqual([{ path: 'events', message: 'expected one of array | Record<string, unknown>, got "payment.captured"' }])
  })

  it('renders a union at the root with an empty path', () => {
    const issues = issuesOf(D.union(D.string, D.number), true)
    expect(issues).toEqual([{ path: '', message: 'expected one of string | number, got true' }])
  })

  it('reports a union nested inside an array at the element', () => {
    const Shape = struct({ items: array(struct({ amount: D.union(D.number, D.string) })) })
    const issues = issuesOf(Shape, { items: [{ amount: 1 }, { amount: 'x' }, { amount: null }] })
    expect(issues).toEqual([{ path: 'items[2].amount', message: 'expected one of number | string, got null' }])
  })

  it('names a union member that failed deeper by its first issue', () => {
    const issues = issuesOf(D.union(D.string, struct({ id: D.string })), { id: 3 })
    expect(issues).toEqual([{ path: '', message: 'expected one of string | (id: expected string, got 3), got an object' }])
  })

  it("reads the errors of io-ts's own Decoder combinators, nested at any depth", () => {
    const Shape = struct({ hook: D.struct({ id: D.string, meta: D.partial({ tag: D.string }) }), list: D.array(D.number) })
    const issues = issuesOf(Shape, { hook: { id: 3, meta: { tag: false } }, list: [1, 'x'] })
    expect(issues).toEqual([
      { path: 'hook.id', message: 'expected string, got 3' },
      { path: 'hook.meta.tag', message: 'expected string, got false' },
      { path: 'list[1]', message: 'expected number, got "x"' },
    ])
  })

  it('reads a page of 100,000 failing items without exhausting the stack', () => {
    const issues = issuesOf(
      array(D.string),
      Array.from({ length: 100_000 }, (_, i) => i),
    )
    expect(issues).toHaveLength(100_000)
    expect(issues[99_999]).toEqual({ path: '[99999]', message: 'expected string, got 99999' })
  })

  it('works directly on io-ts decode errors', () => {
    const result = struct({ n: D.number }).decode({ n: 'x' })
    expect(E.isLeft(result) && readableIssues(result.left)).toEqual([{ path: 'n', message: 'expected number, got "x"' }])
  })
})

describe('struct and array', () => {
  it('keep unknown fields, so raw stays the provider object', () => {
    expect(getRight(decodeWith(struct({ id: D.string }), { id: 'a', extra: 1 }))).toEqual({ id: 'a', extra: 1 })
  })

  it('return the given object and array themselves when nothing was changed by decoding', () => {
    const page = { items: [{ id: 'a' }, { id: 'b' }] }
    const decoded = getRight(decodeWith(struct({ items: array(struct({ id: D.string })) }), page))
    expect(decoded).toBe(page)
  })

  it('copy only what decoding changed, leaving the wire value untouched', () => {
    const wire = {
      items: [
        { id: 'a', at: 1 },
        { id: 'b', at: null },
      ],
      extra: true,
    }
    const decoded = getRight(decodeWith(struct({ items: array(struct({ id: D.string, at: optional(DateFromUnixSeconds) })) }), wire))
    expect(decoded).toEqual({
      items: [
        { id: 'a', at: new Date(1000) },
        { id: 'b', at: undefined },
      ],
      extra: true,
    })
    expect(wire.items[0]?.at).toBe(1)
    expect(wire.items[1]?.at).toBeNull()
  })

  it('accept and refuse exactly what each field decoder does, whether io-ts made it, core did or an adapter wrote it', () => {
    const Even: D.Decoder<unknown, number> = { decode: (u) => (typeof u === 'number' && u % 2 === 0 ? D.success(u / 2) : D.failure(u, 'an even number')) }
    const Shape = struct({ n: D.number, flag: optional(LooseBoolean), half: Even, either: D.union(D.string, D.boolean), list: array(Even) })
    const good = { n: 1, flag: 'true', half: 4, either: false, list: [2, 6] }
    expect(getRight(decodeWith(Shape, good))).toEqual({ n: 1, flag: true, half: 2, either: false, list: [1, 3] })
    expect(good).toEqual({ n: 1, flag: 'true', half: 4, either: false, list: [2, 6] })
    expect(issuesOf(Shape, { ...good, half: 3 })).toEqual([{ path: 'half', message: 'expected an even number, got 3' }])
    expect(issuesOf(Shape, { ...good, list: [2, 5] })).toEqual([{ path: 'list[1]', message: 'expected an even number, got 5' }])
    expect(issuesOf(Shape, { ...good, n: Number.NaN, either: 1 })).toEqual([
      { path: 'n', message: 'expected number, got NaN' },
      { path: 'either', message: 'expected one of string | boolean, got 1' },
    ])
  })

  it('refuse arrays as structs, and non-arrays as arrays', () => {
    expect(E.isLeft(decodeWith(struct({}), []))).toBe(true)
    expect(E.isLeft(decodeWith(array(D.string), { length: 0 }))).toBe(true)
  })

  it('add no missing field: an absent optional field stays absent', () => {
    expect(Object.keys(getRight(decodeWith(struct({ id: D.string, note: optional(D.string) }), { id: 'a' })))).toEqual(['id'])
  })
})

describe('anything', () => {
  it('accepts any value as it is', () => {
    for (const value of [undefined, null, [], 'x', { a: 1 }]) expect(getRight(decodeWith(anything, value))).toBe(value)
  })
})

describe('DateFromUnixSeconds', () => {
  it('reads unix seconds', () => {
    expect(getRight(decodeWith(DateFromUnixSeconds, 1_623_067_148)).toISOString()).toBe('2021-06-07T11:59:08.000Z')
    expect(getRight(decodeWith(DateFromUnixSeconds, 0)).getTime()).toBe(0)
  })

  it('refuses strings and non-finite numbers', () => {
    expect(issuesOf(DateFromUnixSeconds, '1623067148')).toEqual([{ path: '', message: 'expected unix seconds, got "1623067148"' }])
    expect(E.isLeft(decodeWith(DateFromUnixSeconds, Number.NaN))).toBe(true)
    expect(E.isLeft(decodeWith(DateFromUnixSeconds, Number.POSITIVE_INFINITY))).toBe(true)
  })
})

describe('DateFromIsoString', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
  })

  const decode = (value: unknown) => getRight(decodeWith(DateFromIsoString, value)).toISOString()

  it('reads ISO strings with a zone', () => {
    expect(decode('2025-07-05T17:08:22.769Z')).toBe('2025-07-05T17:08:22.769Z')
    expect(decode('2025-07-05T19:08:22+02:00')).toBe('2025-07-05T17:08:22.000Z')
    expect(decode('2025-07-05T12:08:22-0500')).toBe('2025-07-05T17:08:22.000Z')
  })

  it('reads strings without a zone as UTC, whatever the local zone', () => {
    process.env.TZ = 'America/New_York'
    expect(new Date('2025-07-05T17:08:22').getUTCHours()).toBe(21) // the trap: JS reads it as local time
    expect(decode('2025-07-05T17:08:22.769')).toBe('2025-07-05T17:08:22.769Z')
    expect(decode('2025-07-05T17:08')).toBe('2025-07-05T17:08:00.000Z')
    expect(decode('2025-07-05')).toBe('2025-07-05T00:00:00.000Z')
    expect(decode('2025-07-05 17:08:22')).toBe('2025-07-05T17:08:22.000Z')
    expect(decode('2025-07-05t17:08:22')).toBe('2025-07-05T17:08:22.000Z')
    expect(decode('2025-07-05 17:08:22+02:00')).toBe('2025-07-05T15:08:22.000Z')
  })

  it('refuses what is not a date', () => {
    expect(issuesOf(DateFromIsoString, 'yesterday')).toEqual([{ path: '', message: 'expected ISO-8601 date-time, got "yesterday"' }])
    expect(E.isLeft(decodeWith(DateFromIsoString, 1_700_000_000))).toBe(true)
    expect(E.isLeft(decodeWith(DateFromIsoString, null))).toBe(true)
  })
})

describe('LooseBoolean', () => {
  it('reads booleans and their string and number spellings', () => {
    for (const v of [true, 'true', '1', 1]) expect(getRight(decodeWith(LooseBoolean, v))).toBe(true)
    for (const v of [false, 'false', '0', 0]) expect(getRight(decodeWith(LooseBoolean, v))).toBe(false)
  })

  it('refuses anything else', () => {
    for (const v of ['yes', 'TRUE', 2, null, undefined, {}]) expect(E.isLeft(decodeWith(LooseBoolean, v))).toBe(true)
    expect(issuesOf(struct({ active: LooseBoolean }), { active: 'yes' })).toEqual([
      { path: 'active', message: 'expected boolean | "true" | "false", got "yes"' },
    ])
  })
})

describe('optional', () => {
  const Shape = struct({ description: optional(D.string), created: optional(DateFromUnixSeconds) })

  it('reads null and a missing field as undefined', () => {
    expect(getRight(decodeWith(Shape, { description: null }))).toEqual({ description: undefined, created: undefined })
    expect(getRight(decodeWith(Shape, {}))).toEqual({ description: undefined, created: undefined })
  })

  it('decodes a present value with the inner codec', () => {
    const decoded = getRight(decodeWith(Shape, { description: 'd', created: 10 }))
    expect(decoded.description).toBe('d')
    expect(decoded.created).toEqual(new Date(10_000))
  })

  it('reports a wrong present value at its path', () => {
    expect(issuesOf(Shape, { description: 5 })).toEqual([{ path: 'description', message: 'expected string, got 5' }])
  })
})

describe('parseJsonBody', () => {
  it('parses JSON and treats an empty body as undefined', () => {
    expect(getRight(parseJsonBody('{"a":1}'))).toEqual({ a: 1 })
    expect(getRight(parseJsonBody('  '))).toBeUndefined()
  })

  it('reports invalid JSON as one readable issue', () => {
    const issues = getLeft(parseJsonBody('<html>oops</html>'))
    expect(issues).toHaveLength(1)
    expect(issues[0]!.path).toBe('')
    expect(issues[0]!.message).toMatch(/^the body is not valid JSON \(.+\)$/)
  })
})
