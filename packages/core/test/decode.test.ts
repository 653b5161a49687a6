import { DateFromIsoString, DateFromUnixSeconds, decodeWith, LooseBoolean, optional, parseJsonBody, readableIssues } from '@unihook/core'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { afterEach, describe, expect, it } from 'vitest'
import { getLeft, getRight } from './helpers.js'

const issuesOf = <A>(codec: t.Decoder<unknown, A>, value: unknown) => getLeft(decodeWith(codec, value))

describe('readableIssues', () => {
  const Hook = t.type({ id: t.string, url: t.string })
  const Envelope = t.type({ data: t.array(Hook), total: t.number })

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

  it('describes nulls, arrays, objects and long strings without dumping them', () => {
    const Shape = t.type({ a: t.string, b: t.string, c: t.string, d: t.number })
    const issues = issuesOf(Shape, { a: null, b: [1, 2, 3], c: { x: 1 }, d: 'y'.repeat(100) })
    expect(issues.map((i) => i.message)).toEqual([
      'expected string, got null',
      'expected string, got an array of 3',
      'expected string, got an object',
      'expected number, got a string of 100 characters',
    ])
  })

  it('never quotes a value found under a credential field name', () => {
    const Keys = t.type({ secretKey: t.number, publicKey: t.number, label: t.number })
    const result = decodeWith(Keys, { secretKey: 'b823a6b9ea72408583', publicKey: 'c529e14832b34b74', label: 'shown' })
    expect(E.isLeft(result) && result.left).toEqual([
      { path: 'secretKey', message: 'expected number, got a string' },
      { path: 'publicKey', message: 'expected number, got a string' },
      { path: 'label', message: 'expected number, got "shown"' },
    ])
  })

  it('renders a failed union once, as "expected one of …"', () => {
    const Shape = t.type({ events: t.union([t.array(t.string), t.record(t.string, t.boolean)]) })
    const issues = issuesOf(Shape, { events: 'payment.captured' })
    expect(issues).toEqual([{ path: 'events', message: 'expected one of Array<string> | { [K in string]: boolean }, got "payment.captured"' }])
  })

  it('renders a union at the root with an empty path', () => {
    const issues = issuesOf(t.union([t.string, t.number]), true)
    expect(issues).toEqual([{ path: '', message: 'expected one of string | number, got true' }])
  })

  it('reports a union nested inside an array at the element', () => {
    const Shape = t.type({ items: t.array(t.type({ amount: t.union([t.number, t.string]) })) })
    const issues = issuesOf(Shape, { items: [{ amount: 1 }, { amount: 'x' }, { amount: null }] })
    expect(issues).toEqual([{ path: 'items[2].amount', message: 'expected one of number | string, got null' }])
  })

  it('adds no path segment for intersections', () => {
    const Shape = t.intersection([t.type({ id: t.string }), t.partial({ meta: t.type({ tag: t.string }) })])
    const issues = issuesOf(t.type({ hook: Shape }), { hook: { id: 3, meta: { tag: false } } })
    expect(issues).toEqual([
      { path: 'hook.id', message: 'expected string, got 3' },
      { path: 'hook.meta.tag', message: 'expected string, got false' },
    ])
  })

  it('works directly on io-ts errors', () => {
    const result = t.type({ n: t.number }).decode({ n: 'x' })
    expect(E.isLeft(result) && readableIssues(result.left)).toEqual([{ path: 'n', message: 'expected number, got "x"' }])
  })
})

describe('decodeWith', () => {
  it('returns the decoded value on success, keeping unknown fields out of the way', () => {
    expect(getRight(decodeWith(t.type({ id: t.string }), { id: 'a', extra: 1 }))).toMatchObject({ id: 'a' })
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

  it('encodes back to whole seconds', () => {
    expect(DateFromUnixSeconds.encode(new Date(1_623_067_148_999))).toBe(1_623_067_148)
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

  it('encodes as ISO', () => {
    expect(DateFromIsoString.encode(new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-02T00:00:00.000Z')
  })
})

describe('LooseBoolean', () => {
  it('reads booleans and their string and number spellings', () => {
    for (const v of [true, 'true', '1', 1]) expect(getRight(decodeWith(LooseBoolean, v))).toBe(true)
    for (const v of [false, 'false', '0', 0]) expect(getRight(decodeWith(LooseBoolean, v))).toBe(false)
  })

  it('refuses anything else', () => {
    for (const v of ['yes', 'TRUE', 2, null, undefined, {}]) expect(E.isLeft(decodeWith(LooseBoolean, v))).toBe(true)
    expect(issuesOf(t.type({ active: LooseBoolean }), { active: 'yes' })).toEqual([
      { path: 'active', message: 'expected boolean | "true" | "false", got "yes"' },
    ])
  })
})

describe('optional', () => {
  const Shape = t.type({ description: optional(t.string), created: optional(DateFromUnixSeconds) })

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
    expect(issuesOf(Shape, { description: 5 })).toEqual([{ path: 'description', message: 'expected string | null | undefined, got 5' }])
  })

  it('names itself after the inner codec', () => {
    expect(optional(t.string).name).toBe('string | null | undefined')
    expect(optional(t.string).is(undefined)).toBe(true)
    expect(optional(t.string).is(null)).toBe(false)
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
