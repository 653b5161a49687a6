import { decodeWith } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { DecodedList, readPlainList, WireList } from '../src/codecs.js'

/** An endpoint as Stripe lists it. */
const ENDPOINT = {
  id: 'we_zvJ7aKkSqE8T9DMI2FUthc1V',
  object: 'webhook_endpoint',
  api_version: null,
  application: null,
  created: 1796584444,
  description: null,
  enabled_events: ['payment_intent.succeeded', 'charge.refunded'],
  livemode: false,
  metadata: {},
  status: 'enabled',
  url: 'https://hooks.example.com/stripe/99',
}
const FIELDS = [...Object.keys(ENDPOINT), 'secret']
const ABSENT = Symbol('absent')
const VALUES: unknown[] = [ABSENT, null, 0, 1, -1, 1.5, Number.NaN, '', 'x', 'whsec_abc', true, false, [], ['a'], [1], {}, { a: 'b' }, { a: 1 }]

const withField = (target: Record<string, unknown>, key: string, value: unknown) => {
  const copy: Record<string, unknown> = { ...target }
  if (value === ABSENT) delete copy[key]
  else copy[key] = value
  return copy
}

/** Every page with one field of one endpoint (or of the page) set to each value, absent included. */
function* variations(): Generator<unknown> {
  const page = { object: 'list', data: [ENDPOINT, { ...ENDPOINT, id: 'we_second' }], has_more: false, url: '/v1/webhook_endpoints' }
  yield page
  yield { ...page, data: [] }
  for (const value of VALUES) {
    for (const key of FIELDS) yield { ...page, data: [ENDPOINT, withField(ENDPOINT, key, value)] }
    for (const key of ['object', 'data', 'has_more', 'url']) yield withField(page, key, value)
    yield value
  }
}

describe('WireList', () => {
  it('reads by hand exactly what the io-ts decoders decode, and leaves every other page to them', () => {
    let readByHand = 0
    for (const page of variations()) {
      const decoded = DecodedList.decode(page)
      const plain = readPlainList(page)
      if (plain !== undefined) {
        readByHand++
        expect(E.isRight(decoded) && decoded.right).toStrictEqual(plain)
      }
      expect(WireList.decode(page)).toStrictEqual(decoded)
    }
    expect(readPlainList({ object: 'list', data: [ENDPOINT], has_more: true })).toBeDefined()
    expect(readByHand).toBeGreaterThan(30)
  })

  it('names the path of a malformed endpoint', () => {
    const result = decodeWith(WireList, { object: 'list', data: [ENDPOINT, { ...ENDPOINT, url: 5 }], has_more: false })
    expect(E.isLeft(result) && result.left).toEqual([{ path: 'data[1].url', message: 'expected string, got 5' }])
  })
})
