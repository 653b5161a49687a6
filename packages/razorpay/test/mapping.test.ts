import { inspect } from 'node:util'
import { decodeCursor, decodeWith, encodeCursor, secret } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { WireCollection, WireWebhook } from '../src/codecs.js'
import { toWebhook } from '../src/mapping.js'
import { cursorScope, listParams, listPosition, MAX_SKIP, nextCursor } from '../src/pagination.js'
import { ACCOUNT, collectionResponse, createResponse, disabledResponse, fetchResponse, mapFormResponse, updateResponse } from './fixtures.js'

const decode = (value: unknown) => {
  const result = decodeWith(WireWebhook, value)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

describe('webhook entity -> Webhook', () => {
  it('maps the documented create response', () => {
    const webhook = toWebhook(decode(createResponse), { account: 'acc_JOGUdtKu3dB03d' })
    expect(webhook).toMatchObject({
      provider: 'razorpay',
      id: 'JebiXkKGYwua5L',
      url: 'https://google.com',
      status: 'active',
      account: 'acc_JOGUdtKu3dB03d',
      secret: { kind: 'present' },
    })
    expect(webhook.events).toEqual(createResponse.events)
    expect(webhook.createdAt).toEqual(new Date(1654605478 * 1000))
    expect(webhook.updatedAt).toEqual(new Date(1654605478 * 1000))
    expect(webhook.description).toBeUndefined()
    // What plan compares: the alert email, or null when none is set.
    expect(webhook.providerFields).toEqual({ alertEmail: 'gaurav.kumar@example.com' })
    const { alert_email: _none, ...withoutEmail } = createResponse
    expect(toWebhook(decode(withoutEmail), { account: ACCOUNT }).providerFields).toEqual({ alertEmail: null })
  })

  it('maps the update response (created and updated differ)', () => {
    const webhook = toWebhook(decode(updateResponse), { account: ACCOUNT })
    expect(webhook.createdAt?.getTime()).toBe(1623060358000)
    expect(webhook.updatedAt?.getTime()).toBe(1623067148000)
    expect(webhook.events).toEqual(['refund.created'])
  })

  it('accepts a response without `service` (fetch-with-id)', () => {
    const webhook = toWebhook(decode(fetchResponse), { account: ACCOUNT })
    expect(webhook.id).toBe('HK890egfiItP3H')
    expect((webhook.raw as { service?: unknown }).service).toBeUndefined()
  })

  it('reads `events` as a {name: truthy} map and `active` as a string', () => {
    const webhook = toWebhook(decode(mapFormResponse), { account: ACCOUNT })
    expect([...webhook.events].sort()).toEqual(['order.paid', 'payment.authorized', 'refund.created'])
    expect(webhook.status).toBe('active')
  })

  it('reads a disabled webhook without a secret', () => {
    const webhook = toWebhook(decode(disabledResponse), { account: ACCOUNT })
    expect(webhook.status).toBe('disabled')
    expect(webhook.secret).toEqual({ kind: 'none' })
    expect((webhook.raw as { disabled_at?: Date }).disabled_at).toEqual(new Date(1623160358 * 1000))
  })

  it('treats disabled_at 0 as not disabled, and speaks only when `active` is missing', () => {
    expect(decode(fetchResponse).disabled_at).toBeUndefined()
    const { active: _a, ...noActive } = disabledResponse
    expect(toWebhook(decode(noActive), { account: ACCOUNT }).status).toBe('disabled')
    const { active: _b, ...enabledNoActive } = fetchResponse
    expect(toWebhook(decode(enabledNoActive), { account: ACCOUNT }).status).toBe('active')
  })

  it('returns a secret sent in the same call once, as a redacted Secret', () => {
    const value = secret('whsec-4f1c9b7e2a6d8c30')
    const webhook = toWebhook(decode(createResponse), { account: ACCOUNT, secret: value })
    expect(webhook.secret?.kind).toBe('value')
    if (webhook.secret?.kind === 'value') expect(webhook.secret.value.reveal()).toBe('whsec-4f1c9b7e2a6d8c30')
    expect(JSON.stringify(webhook)).not.toContain('whsec-4f1c9b7e2a6d8c30')
    expect(inspect(webhook, { depth: 10 })).not.toContain('whsec-4f1c9b7e2a6d8c30')
  })

  it('refuses entities that lack what the model needs, naming the path', () => {
    const result = decodeWith(WireWebhook, { ...fetchResponse, events: 'payment.captured' })
    expect(E.isLeft(result) && result.left[0]?.path).toBe('events')
    expect(E.isLeft(decodeWith(WireWebhook, { ...fetchResponse, id: undefined }))).toBe(true)
    expect(E.isLeft(decodeWith(WireWebhook, { ...fetchResponse, created_at: '2021-06-07' }))).toBe(true)
  })

  it('decodes the documented collection', () => {
    const result = decodeWith(WireCollection, collectionResponse)
    expect(E.isRight(result) && result.right.items.map((w) => w.id)).toEqual(['HK890egfiItP3H'])
  })
})

describe('list positions and cursors', () => {
  const scope = cursorScope('acc_H3kYHQ635sBwXG')

  it('maps createdAfter/createdBefore to inclusive unix seconds', () => {
    const position = listPosition({ createdAfter: new Date(1_700_000_000_500), createdBefore: new Date(1_700_000_100_900) }, scope)
    expect(position).toEqual({ ok: true, position: { skip: 0, from: 1_700_000_001, to: 1_700_000_100 } })
    if (position.ok) expect(listParams(position.position, 25)).toEqual({ count: 25, skip: 0, from: 1_700_000_001, to: 1_700_000_100 })
  })

  it('issues a cursor only for a full page, carrying the next skip, the filters and who issued it', () => {
    const position = { skip: 4, from: 100 }
    const full = { items: [decode(fetchResponse), decode(updateResponse)] }
    const cursor = nextCursor(full, position, 2, scope)
    expect(cursor).toBeTypeOf('string')
    expect(decodeCursor(cursor!)).toEqual({ skip: 6, from: 100, by: 'razorpay', for: 'acc_H3kYHQ635sBwXG' })
    expect(nextCursor({ items: [decode(fetchResponse)] }, position, 2, scope)).toBeUndefined()
    expect(nextCursor({ items: [] }, position, 2, scope)).toBeUndefined()
  })

  it('continues from a cursor and refuses one issued for other filters, another account or by someone else', () => {
    const cursor = nextCursor({ items: [decode(fetchResponse)] }, { skip: 0, from: 100 }, 1, scope)!
    expect(listPosition({ cursor, createdAfter: new Date(100_000) }, scope)).toEqual({ ok: true, position: { skip: 1, from: 100, to: undefined } })
    expect(listPosition({ cursor }, scope).ok).toBe(false)
    expect(listPosition({ cursor: 'not-a-cursor' }, scope).ok).toBe(false)
    expect(listPosition({ cursor, createdAfter: new Date(100_000) }, cursorScope('acc_OtherAccount0001'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('another account'),
    })
  })

  it.each([
    ['a skip of 1e20', { skip: 1e20 }],
    ['a negative skip', { skip: -1 }],
    ['a fractional skip', { skip: 1.5 }],
    ['a skip beyond any real walk', { skip: MAX_SKIP + 1 }],
  ])('refuses a forged cursor with %s', (_name, position) => {
    const forged = encodeCursor({ ...position, by: 'razorpay', for: 'acc_H3kYHQ635sBwXG' })
    expect(listPosition({ cursor: forged }, scope)).toMatchObject({ ok: false })
  })
})
