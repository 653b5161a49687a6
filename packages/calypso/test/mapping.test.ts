import { inspect } from 'node:util'
import { decodeWith, isSecret } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { MaybeChannels, WebhookChannel, WebhookChannels } from '../src/codecs.js'
import { changePayload, changesSomething, createPayload, statusOf, toWebhook } from '../src/mapping.js'
import { ACCOUNT, fixture, fixtureText } from './helpers.js'

const decodeRight = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`decode failed: ${JSON.stringify(result.left)}`)
  return result.right
}

const created = () => decodeRight(decodeWith(WebhookChannel, fixture('channel-created.json')))
const listed = () => decodeRight(decodeWith(WebhookChannels, fixture('channels-list.json'))).subscriptions

describe('WebhookChannelDTO to Webhook', () => {
  it('maps the documented create answer', () => {
    const webhook = toWebhook(created(), ACCOUNT)
    expect(webhook).toMatchObject({
      provider: 'calypso',
      id: '123e4567-e89b-12d3-a456-426614174000',
      url: 'https://merchant.example/hook',
      events: ['PAYOUT_CHANGE_STATUS'],
      status: 'active',
      account: ACCOUNT,
    })
    expect(webhook.createdAt?.toISOString()).toBe('2025-07-05T17:08:22.769Z')
    expect(webhook.warnings).toBeUndefined()
    const secret = webhook.secret
    expect(secret?.kind).toBe('value')
    if (secret?.kind !== 'value') return
    expect(isSecret(secret.value)).toBe(true)
    expect(secret.value.reveal()).toBe('e4b6d8f0a2c41e3b5d7f9a1c3e5b7d9f')
    expect(secret.keyId).toBe('7f3a9c1e5b2d48f6a0c4e8b1d3f5a7c9')
  })

  it('keeps the delivery-health fields in raw, with dates as Dates', () => {
    const failing = listed()[1]!
    const raw = toWebhook(failing, ACCOUNT).raw as WebhookChannel
    expect(raw.errorCount).toBe(3)
    expect(raw.blockedByErrorCount).toBe(false)
    expect(raw.enabled).toBe(true)
    expect(raw.errorFirstDate).toEqual(new Date('2025-07-06T10:00:00.120Z'))
    expect(raw.errorLastDate).toEqual(new Date('2025-07-06T10:02:30.450Z'))
    expect(raw.notificationServiceTypes).toEqual(['PAYOUT'])
    // What plan compares: the service groups, when the answer carries them.
    expect(toWebhook(failing, ACCOUNT).providerFields).toEqual({ services: ['PAYOUT'] })
    expect(toWebhook(created(), ACCOUNT).raw).toMatchObject({ errorFirstDate: undefined, errorLastDate: undefined })
  })

  it('maps enabled, errorCount and blockedByErrorCount onto the status', () => {
    const [healthy, failing, blocked, disabled] = listed()
    expect([healthy, failing, blocked, disabled].map((c) => statusOf(c!))).toEqual(['active', 'failing', 'failing', 'disabled'])
    expect(toWebhook(failing!, ACCOUNT).warnings).toEqual(['3 deliveries in a row failed since 2025-07-06T10:00:00.120Z'])
    const blockedWarnings = toWebhook(blocked!, ACCOUNT).warnings ?? []
    expect(blockedWarnings).toHaveLength(1)
    expect(blockedWarnings[0]).toMatch(/blocked deliveries after 101 failures.*unblock/)
    // A disabled subscription stays disabled whatever its delivery record.
    expect(statusOf({ ...blocked!, enabled: false })).toBe('disabled')
    expect(toWebhook(blocked!, ACCOUNT).events).toEqual([])
  })

  it('tolerates missing optional fields and unknown ones', () => {
    const minimal = decodeRight(decodeWith(WebhookChannel, { requestId: 'x', url: 'https://a.example', somethingNew: 1 }))
    const webhook = toWebhook(minimal, ACCOUNT)
    expect(webhook.status).toBe('active')
    expect(webhook.events).toEqual([])
    expect(webhook.createdAt).toBeUndefined()
    expect(webhook.secret).toEqual({ kind: 'present' })
    expect(webhook.providerFields).toBeUndefined()
  })

  it('refuses a channel without its id or URL, and bad dates', () => {
    expect(E.isLeft(decodeWith(WebhookChannel, { url: 'https://a.example' }))).toBe(true)
    const badDate = decodeWith(WebhookChannel, { requestId: 'x', url: 'https://a.example', createdDate: 'yesterday' })
    expect(E.isLeft(badDate) && badDate.left[0]?.path).toBe('createdDate')
  })

  it('never shows publicKey or secretKey in JSON or inspect output', () => {
    const text = fixtureText('channels-list.json')
    const keys = [...text.matchAll(/"(?:publicKey|secretKey)": "([0-9a-f]+)"/g)].map((m) => m[1]!)
    expect(keys).toHaveLength(8)
    const webhooks = listed().map((c) => toWebhook(c, ACCOUNT))
    for (const rendering of [
      JSON.stringify(webhooks),
      inspect(webhooks, { depth: 10 }),
      inspect(webhooks[0]!.raw, { depth: 10 }),
      JSON.stringify(webhooks[0]!.raw),
    ]) {
      for (const key of keys) expect(rendering).not.toContain(key)
    }
    // The values remain readable on purpose.
    expect(webhooks[0]!.secret).toMatchObject({ keyId: keys[0] })
  })
})

describe('answers of undocumented shape', () => {
  it('reads a channel, a channel list, an array or nothing', () => {
    const one = fixture<Record<string, unknown>>('channel-created.json')
    const ids = (u: unknown) => decodeRight(decodeWith(MaybeChannels, u)).map((c) => c.requestId)
    expect(ids(one)).toEqual([one.requestId])
    expect(ids(fixture('channels-list.json'))).toHaveLength(4)
    expect(ids([one, one])).toHaveLength(2)
    expect(ids(undefined)).toEqual([])
    expect(ids({ status: 'ok' })).toEqual([])
  })
})

describe('request payloads', () => {
  it('builds the documented create payload', () => {
    expect(
      createPayload('123e4567-e89b-12d3-a456-426614174000', { url: 'https://merchant.example/hook', events: ['PAYOUT_CHANGE_STATUS'], services: ['PAYOUT'] }),
    ).toEqual({
      requestId: '123e4567-e89b-12d3-a456-426614174000',
      url: 'https://merchant.example/hook',
      notificationEventTypes: ['PAYOUT_CHANGE_STATUS'],
      notificationServiceTypes: ['PAYOUT'],
    })
    expect(createPayload('id', { url: 'https://a.example', events: [], services: ['INVOICE'] })).toEqual({
      requestId: 'id',
      url: 'https://a.example',
      notificationServiceTypes: ['INVOICE'],
    })
  })

  it('sends requestId plus only the changed fields', () => {
    expect(changePayload('id', { url: 'https://b.example' })).toEqual({ requestId: 'id', url: 'https://b.example' })
    expect(changePayload('id', { events: ['INVOICE_PAID'], enabled: false })).toEqual({
      requestId: 'id',
      notificationEventTypes: ['INVOICE_PAID'],
      enabled: false,
    })
    expect(changePayload('id', { services: [] })).toEqual({ requestId: 'id', notificationServiceTypes: [] })
    expect(changesSomething(changePayload('id', {}))).toBe(false)
    expect(changesSomething(changePayload('id', { enabled: true }))).toBe(true)
  })
})
