import { decodeWith } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { expectSameAsDecoders, pageVariations } from '../../../test/decoding/hand-read.js'
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
const PAGE = { entity: 'collection', count: 2, items: [] }

describe('WireCollection', () => {
  it('reads by hand exactly what the io-ts decoders decode, and leaves every other page to them', () => {
    const variations = pageVariations(PAGE, 'items', ITEM, [...Object.keys(ITEM), 'secret_exists', 'alert_email'])
    // The usual shapes take the hand-read path: the page as sent, and each optional field absent or of its type.
    expect(expectSameAsDecoders(variations, readPlainPage, DecodedCollection, WireCollection)).toBeGreaterThan(30)
    expect(readPlainPage({ ...PAGE, items: [ITEM] })).toBeDefined()
  })

  it('names the path of a malformed item', () => {
    const result = decodeWith(WireCollection, { ...PAGE, items: [ITEM, { ...ITEM, url: 5 }] })
    expect(E.isLeft(result) && result.left).toEqual([{ path: 'items[1].url', message: 'expected string, got 5' }])
  })
})
