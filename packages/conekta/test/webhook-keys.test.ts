import * as E from 'fp-ts/Either'
import { http, HttpResponse } from 'msw'
import { isUnihookError, promised } from '@unihook/core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { conekta, conektaVerifier, type WebhookKey } from '../src/index.js'
import * as wire from './fixtures/wire.js'
import { API_KEY, BASE, left, right, server, url, useMsw, withFake } from './helpers.js'

useMsw()

describe('adapter.webhookKeys', () => {
  it('creates a key and returns its PEM public key, which verifies the fake’s signed pings', async () => {
    const deliveries: { body: string; headers: Headers }[] = []
    const { fake, adapter } = withFake({
      deliver: {
        fetch: async (_input, init) => {
          deliveries.push({ body: String(init?.body), headers: new Headers(init?.headers) })
          return new Response('ok')
        },
      },
    })
    const key = await right(adapter.webhookKeys.create())
    expect(key).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), active: true, livemode: false })
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    expect(key.createdAt).toBeInstanceOf(Date)
    expect(JSON.parse(fake.requests[0]!.body)).toEqual({ active: true })

    const webhook = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    await right(adapter.test(webhook.id))
    expect(deliveries).toHaveLength(1)
    const verified = await conektaVerifier({ publicKeys: [key.publicKey!] }).verify(deliveries[0]!.body, deliveries[0]!.headers)()
    expect(E.isRight(verified) && verified.right.type).toBe('webhook_ping')
  })

  it('lists keys across pages, without public keys', async () => {
    const { adapter } = withFake()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await right(adapter.webhookKeys.create())).id)
    const first = await right(adapter.webhookKeys.list({ pageSize: 2 }))
    const second = await right(adapter.webhookKeys.list({ pageSize: 2, cursor: first.nextCursor! }))
    expect(second.nextCursor).toBeUndefined()
    expect([...first.items, ...second.items].map((k) => k.id)).toEqual([...ids].reverse())
    expect(first.items.every((k) => k.publicKey === undefined)).toBe(true)
  })

  it('gets, deactivates, reactivates and deletes a key', async () => {
    const { adapter } = withFake()
    const { id } = await right(adapter.webhookKeys.create())
    expect((await right(adapter.webhookKeys.get(id))).active).toBe(true)
    const off = await right(adapter.webhookKeys.deactivate(id))
    expect(off.active).toBe(false)
    expect(off.deactivatedAt).toBeInstanceOf(Date)
    const on = await right(adapter.webhookKeys.update(id, { active: true }))
    expect(on).toMatchObject({ active: true })
    expect(on.deactivatedAt).toBeUndefined()
    const deleted = await right(adapter.webhookKeys.delete(id))
    expect(deleted).toMatchObject({ id, deleted: true })
    expect((await left(adapter.webhookKeys.get(id)))._tag).toBe('NotFound')
  })

  it('validates ids, page size and the active flag before any request', async () => {
    const { fake, adapter } = withFake()
    expect((await left(adapter.webhookKeys.get('key_123')))._tag).toBe('ValidationError')
    expect((await left(adapter.webhookKeys.list({ pageSize: 251 })))._tag).toBe('ValidationError')
    expect((await left(adapter.webhookKeys.update('0123456789abcdef01234567', {} as { active: boolean })))._tag).toBe('ValidationError')
    expect((await left(adapter.webhookKeys.list({ cursor: 'zzz' })))._tag).toBe('ValidationError')
    expect(fake.requests).toHaveLength(0)
  })

  it('takes null like no argument for create and list', async () => {
    const { adapter } = withFake()
    expect((await right(adapter.webhookKeys.create(null as never))).active).toBe(true)
    expect((await right(adapter.webhookKeys.list(null as never))).items).toHaveLength(1)
  })

  it('sends X-Child-Company-Id on the key list only, and refuses the other key calls for a child company', async () => {
    const child = '6441b6376b60c3a638da80af'
    const { fake, adapter } = withFake({}, { childCompanyId: child })
    await right(adapter.webhookKeys.list())
    expect(fake.requests[0]?.headers.get('x-child-company-id')).toBe(child)
    const id = '0123456789abcdef01234567'
    for (const task of [adapter.webhookKeys.get(id), adapter.webhookKeys.deactivate(id), adapter.webhookKeys.delete(id)]) {
      expect((await left(task))._tag).toBe('Unsupported')
    }
    expect(fake.requests).toHaveLength(1)
  })

  it('decodes Conekta’s documented answers and labels errors with the resource operation', async () => {
    server.use(
      http.get(`${BASE}/webhook_keys`, () => HttpResponse.json(wire.webhookKeyList)),
      http.delete(`${BASE}/webhook_keys/:id`, () => HttpResponse.json(wire.webhookKeyDeleted)),
      http.get(`${BASE}/webhook_keys/:id`, () => HttpResponse.json(wire.errors.api.body, { status: 500 })),
    )
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE, retry: false })
    const page = await right(adapter.webhookKeys.list())
    expect(page.items.map((k) => k.active)).toEqual([true, false])
    expect((await right(adapter.webhookKeys.delete(wire.webhookKeyDeleted.id))).deleted).toBe(true)
    const error = await left(adapter.webhookKeys.get(wire.webhookKeyDeleted.id))
    expect(error).toMatchObject({ _tag: 'ProviderError', operation: 'webhookKeys.get', requestId: wire.errors.api.body.log_id })
  })
})

describe('promised(adapter).webhookKeys', () => {
  it('wraps the nested namespace too: create resolves to the key, and a failure rejects with UnihookError', async () => {
    const { adapter } = withFake()
    const keys = promised(adapter).webhookKeys
    const key = await keys.create()
    expectTypeOf(key).toEqualTypeOf<WebhookKey>()
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    const listed = await keys.list()
    expect(listed.items.map((k) => k.id)).toContain(key.id)
    const missing = await keys.get('000000000000000000000000').catch((e: unknown) => e)
    expect(isUnihookError(missing) && missing._tag).toBe('NotFound')
    // Plain data passes through as it is.
    expect(promised(adapter).capabilities).toBe(adapter.capabilities)
  })
})
