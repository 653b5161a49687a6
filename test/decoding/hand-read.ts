/**
 * The check every adapter's hand-read list page passes: for each variation of a page, whatever the
 * hand-read path returns is exactly what the io-ts decoders decode, and the decoder the adapter uses
 * answers exactly as those decoders do (a value, or the same errors).
 */

import * as E from 'fp-ts/Either'
import type * as D from 'io-ts/Decoder'
import { expect } from 'vitest'

const ABSENT = Symbol('absent')

/** The values each field is set to in turn: absent, null, numbers, strings, booleans, arrays, objects. */
export const FIELD_VALUES: readonly unknown[] = [
  ABSENT,
  null,
  0,
  1,
  -1,
  1.5,
  Number.NaN,
  '',
  'x',
  'true',
  '1',
  'whsec_abc',
  true,
  false,
  [],
  ['a'],
  [1],
  {},
  { a: 'b' },
  { a: 1 },
  { a: true },
]

/** A copy of `target` with `key` set to `value`, or removed when the value is the absent marker. */
export function withField(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target }
  if (value === ABSENT) delete copy[key]
  else copy[key] = value
  return copy
}

/**
 * Every variation of a page of two items under `itemsKey`: the page, the page with no items, each
 * field of the second item and of the page set to each value, and each value as the whole page.
 */
export function* pageVariations(
  page: Record<string, unknown>,
  itemsKey: string,
  item: Record<string, unknown>,
  itemFields: readonly string[],
): Generator<unknown> {
  const items = (second: Record<string, unknown>) => ({ ...page, [itemsKey]: [item, second] })
  yield items(item)
  yield { ...page, [itemsKey]: [] }
  for (const value of FIELD_VALUES) {
    for (const key of itemFields) yield items(withField(item, key, value))
    for (const key of Object.keys(page)) yield withField(items(item), key, value)
    yield value
  }
}

/** Checks the hand-read path against the decoders on every variation; returns how many it read itself. */
export function expectSameAsDecoders<A>(
  variations: Iterable<unknown>,
  readByHand: (u: unknown) => A | undefined,
  decoders: D.Decoder<unknown, A>,
  used: D.Decoder<unknown, A>,
): number {
  let read = 0
  for (const page of variations) {
    const decoded = decoders.decode(page)
    const plain = readByHand(page)
    if (plain !== undefined) {
      read++
      expect(E.isRight(decoded) && decoded.right).toStrictEqual(plain)
    }
    expect(used.decode(page)).toStrictEqual(decoded)
  }
  return read
}
