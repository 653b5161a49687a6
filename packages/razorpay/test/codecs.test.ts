import { decodeWith } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { DecodedCollection, readPlainPage, WireCollection } from '../src/codecs.js'

/** An item as Razorpay's partner API sends it in a list. */
const ITEM = {
  id: 'wKLkNViSKaFgwY',
  created_at: 1796584443,
  updated_at: 1796584443,
  service: 'beta-api-test',
  owner_id: 'BenchAccount01',
  owner_type: 'merchant',
  context: [],
  disabled_at: 0,
  url: 'https://hooks.example.com/acc_BenchAccount01/99',
  entity: 'webhook',
  active: true,
  events: ['payment.captured', 'refund.created'],
}
const FIELDS = [...Object.keys(ITEM), 'secret_exists', 'alert_email']
const ABSENT = Symbol('absent')
const VALUES: unknown[] = [ABSENT, null, 0, 1, -1, 1.5, Number.NaN, '', 'x', 'true', '1', true, false, [], ['a'], [1], {}, { a: true }]

const withField = (target: Record<string, unknown>, key: string, value: unknown) => {
  const copy: Record<string, unknown> = { ...target }
  if (value === ABSENT) delete copy[key]
  else copy[key] = value
  return copy
}

/** Every page with one field of one item (or of the page) set to each value, absent included. */
function* variations(): Generator<unknown> {
  const page = { entity: 'collection', count: 2, items: [ITEM, { ...ITEM, id: 'second' }] }
  yield page
  yield { ...page, items: [] }
  for (const value of VALUES) {
    for (const key of FIELDS) yield { ...page, items: [ITEM, withField(ITEM, key, value)] }
    for (const key of ['entity', 'count', 'items']) yield withField(page, key, value)
    yield value
  }
}

describe('WireCollection', () => {
  it('reads by hand exactly what the io-ts decoders decode, and leaves every other page to them', () => {
    let readByHand = 0
    for (const page of variations()) {
      const decoded = DecodedCollection.decode(page)
      const plain = readPlainPage(page)
      if (plain !== undefined) {
        readByHand++
        expect(E.isRight(decoded) && decoded.right).toStrictEqual(plain)
      }
      expect(WireCollection.decode(page)).toStrictEqual(decoded)
    }
    // The usual shapes take the fast path: the page as sent, and each optional field absent or of its type.
    expect(readPlainPage({ entity: 'collection', count: 1, items: [ITEM] })).toBeDefined()
    expect(readByHand).toBeGreaterThan(30)
  })

  it('names the path of a malformed item', () => {
    const result = decodeWith(WireCollection, { entity: 'collection', count: 2, items: [ITEM, { ...ITEM, url: 5 }] })
    expect(E.isLeft(result) && result.left).toEqual([{ path: 'items[1].url', message: 'expected string, got 5' }])
  })
})
