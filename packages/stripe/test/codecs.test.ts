import { decodeWith } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { expectSameAsDecoders, pageVariations } from '../../../test/decoding/hand-read.js'
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
const PAGE = { object: 'list', data: [], has_more: false, url: '/v1/webhook_endpoints' }

describe('WireList', () => {
  it('reads by hand exactly what the io-ts decoders decode, and leaves every other page to them', () => {
    const variations = pageVariations(PAGE, 'data', ENDPOINT, [...Object.keys(ENDPOINT), 'secret'])
    expect(expectSameAsDecoders(variations, readPlainList, DecodedList, WireList)).toBeGreaterThan(30)
    expect(readPlainList({ ...PAGE, data: [ENDPOINT], has_more: true })).toBeDefined()
  })

  it('names the path of a malformed endpoint', () => {
    const result = decodeWith(WireList, { ...PAGE, data: [ENDPOINT, { ...ENDPOINT, url: 5 }] })
    expect(E.isLeft(result) && result.left).toEqual([{ path: 'data[1].url', message: 'expected string, got 5' }])
  })
})
