import { inspect } from 'node:util'
import { decodeWith } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { WebhookList, WebhookResponse } from '../src/codecs.js'
import { DEFAULT_STATUS_MAP, statusOf, toWebhook } from '../src/mapping.js'
import { toWebhookKey } from '../src/webhook-keys.js'
import { WebhookKeyList, WebhookKeyResponse } from '../src/codecs.js'
import * as wire from './fixtures/wire.js'

const decode = (value: unknown) => {
  const result = decodeWith(WebhookResponse, value)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

describe('webhook mapping', () => {
  it('maps a 2.1.0 webhook onto the common model', () => {
    const webhook = toWebhook(decode(wire.webhook210))
    expect(webhook).toMatchObject({
      provider: 'conekta',
      id: '641b1d5662d7e00001eaa46b',
      url: wire.webhook210.url,
      events: wire.webhook210.subscribed_events,
      status: 'active',
      secret: { kind: 'account-key' },
    })
    expect(webhook.description).toBeUndefined()
    expect(webhook.createdAt).toBeUndefined()
    expect(webhook.warnings).toBeUndefined()
    // Fields the model does not carry stay in raw.
    expect(webhook.raw).toMatchObject({ synchronous: false, production_enabled: true, development_enabled: false })
  })

  it('maps a 2.2.0 webhook, reading description and active', () => {
    const webhook = toWebhook(decode(wire.webhook220))
    expect(webhook).toMatchObject({
      id: wire.webhook220.id,
      status: 'active',
      description: 'Server payments processor',
      events: ['charge.created', 'charge.paid'],
    })
    expect(toWebhook(decode(wire.webhook220Inactive)).status).toBe('disabled')
  })

  it('removes the repeated events of the tutorial answer and reads being_pinged as pending', () => {
    const webhook = toWebhook(decode(wire.webhookTutorial))
    expect(webhook.events).toEqual(['charge.created', 'charge.paid', 'webhook_ping'])
    expect(webhook.status).toBe('pending')
  })

  it('decodes null fields as absent and keeps unknown fields', () => {
    const decoded = decode({ ...wire.webhook210, deleted: null, synchronous: null, brand_new_field: 7 })
    expect(decoded.deleted).toBeUndefined()
    expect((decoded as unknown as { brand_new_field: number }).brand_new_field).toBe(7)
  })

  it('refuses a webhook without id or url', () => {
    expect(E.isLeft(decodeWith(WebhookResponse, { ...wire.webhook210, id: undefined }))).toBe(true)
    expect(E.isLeft(decodeWith(WebhookResponse, { ...wire.webhook210, url: null }))).toBe(true)
  })

  it('decodes the list envelope', () => {
    const result = decodeWith(WebhookList, wire.list210)
    expect(E.isRight(result) && result.right.data.map((w) => w.id)).toEqual(['641b1d5662d7e00001eaa46b', '634a2badd7cb3c00015dae78'])
  })

  it('hides URL credentials from JSON and inspect, but keeps the url readable', () => {
    const webhook = toWebhook(decode(wire.webhook210Failing))
    expect(webhook.url).toContain('username:password@')
    expect(webhook.status).toBe('failing')
    expect(JSON.stringify(webhook)).not.toContain('password')
    expect(inspect(webhook, { depth: 10 })).not.toContain('password')
  })

  it('records the child company the call was made for', () => {
    expect(toWebhook(decode(wire.webhook210), { account: '6441b6376b60c3a638da80af' }).account).toBe('6441b6376b60c3a638da80af')
  })
})

describe('status mapping', () => {
  const at = (fields: Record<string, unknown>) => statusOf(decode({ id: 'x', url: 'https://a.example', ...fields }))

  it.each([
    ['listening', 'active'],
    ['being_pinged', 'pending'],
    ['intermittent_errors', 'failing'],
  ] as const)('%s -> %s', (status, expected) => {
    expect(at({ status })).toEqual({ status: expected })
    expect(DEFAULT_STATUS_MAP[status]).toBe(expected)
  })

  it('reports an unknown status as pending, with a warning', () => {
    const result = at({ status: 'suspended_by_conekta' })
    expect(result.status).toBe('pending')
    expect(result.warning).toContain('suspended_by_conekta')
    expect(toWebhook(decode({ ...wire.webhook210, status: 'suspended_by_conekta' })).warnings?.[0]).toContain('suspended_by_conekta')
  })

  it('lets the caller extend the table and choose the fallback', () => {
    const settings = { statusMap: { suspended_by_conekta: 'disabled' as const }, unknownStatus: 'failing' as const }
    expect(statusOf(decode({ ...wire.webhook210, status: 'suspended_by_conekta' }), settings)).toEqual({ status: 'disabled' })
    expect(statusOf(decode({ ...wire.webhook210, status: 'other' }), settings).status).toBe('failing')
  })

  it('reads a switched-off webhook as disabled, whatever its status says', () => {
    expect(at({ status: 'listening', active: false }).status).toBe('disabled')
    expect(at({ status: 'listening', production_enabled: false, development_enabled: false }).status).toBe('disabled')
    expect(at({ status: 'listening', production_enabled: false, development_enabled: true }).status).toBe('active')
  })

  it('without a status, trusts active and otherwise warns', () => {
    expect(at({ active: true })).toEqual({ status: 'active' })
    expect(at({}).warning).toBeDefined()
  })

  it('does not take inherited names for statuses', () => {
    expect(at({ status: 'constructor' }).status).toBe('pending')
  })
})

describe('webhook key mapping', () => {
  it('maps the create answer, with unix seconds as Dates and the PEM kept', () => {
    const decoded = decodeWith(WebhookKeyResponse, wire.webhookKeyCreated)
    if (E.isLeft(decoded)) throw new Error('decode failed')
    const key = toWebhookKey(decoded.right)
    expect(key).toMatchObject({ id: '645a59da22e7da0001cad283', active: true, livemode: true, publicKey: wire.webhookKeyCreated.public_key })
    expect(key.createdAt).toEqual(new Date(1683642842 * 1000))
    expect(key.raw).toEqual(wire.webhookKeyCreated)
  })

  it('maps the list answer, with public_key null and deactivated_at', () => {
    const decoded = decodeWith(WebhookKeyList, wire.webhookKeyList)
    if (E.isLeft(decoded)) throw new Error('decode failed')
    const [live, old] = decoded.right.data.map(toWebhookKey)
    expect(live?.publicKey).toBeUndefined()
    expect(live?.deactivatedAt).toBeUndefined()
    expect(old).toMatchObject({ active: false, deactivatedAt: new Date(1683564818 * 1000) })
  })

  it('maps the delete answer', () => {
    const decoded = decodeWith(WebhookKeyResponse, wire.webhookKeyDeleted)
    expect(E.isRight(decoded) && toWebhookKey(decoded.right)).toMatchObject({ deleted: true, active: false })
  })
})
