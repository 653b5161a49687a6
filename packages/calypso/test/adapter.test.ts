import { inspect } from 'node:util'
import { isSecret, uncatalogued, type WebhookError } from '@unihook/core'
import { directFetch, manualClock, offsetClock, runLeft as left, runRight as right } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { calypso, type CalypsoProvider } from '../src/adapter.js'
import type { CalypsoOptions } from '../src/options.js'
import { CALYPSO_PATHS } from '../src/endpoints.js'
import { createCalypsoFake, type CalypsoFakeOptions } from '../src/fake/index.js'
import { calypsoSign } from '../src/signing.js'
import { calypsoVerifier } from '../src/verify.js'
import { ACCOUNT, OTHER_ACCOUNT, sent } from './helpers.js'

const API_KEY = 'c529e14832b34b74972365cf7bf02430'
const API_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52'
const URL_1 = 'https://merchant.example/hooks/1'
const URL_2 = 'https://merchant.example/hooks/2'
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

function setup(fakeOptions: CalypsoFakeOptions = {}, adapterOptions: Partial<CalypsoOptions> = {}) {
  const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT, OTHER_ACCOUNT], ...fakeOptions })
  const provider = calypso({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    account: ACCOUNT,
    baseUrl: 'https://api.calypso.finance',
    fetch: directFetch(fake),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...adapterOptions,
  })
  return { fake, provider }
}

describe('request signing on the wire', () => {
  it('sends {account, timestamp, payload} signed over the exact bytes, with Key', async () => {
    const clock = manualClock(1_720_000_000_000)
    const { fake, provider } = setup({ clock }, { clock })
    await right(provider.create({ url: URL_1, events: ['PAYOUT_CHANGE_STATUS'], services: ['PAYOUT'] }))
    const [request] = fake.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe(CALYPSO_PATHS.create)
    expect(request?.headers.get('key')).toBe(API_KEY)
    expect(request?.headers.get('content-type')).toBe('application/json')
    expect(request?.headers.get('sign')).toBe(calypsoSign(API_SECRET, request!.body))
    expect(Object.keys(JSON.parse(request!.body) as object)).toEqual(['account', 'timestamp', 'payload'])
    const body = JSON.parse(request!.body) as { account: string; timestamp: number; payload: Record<string, unknown> }
    expect(body.account).toBe(ACCOUNT)
    expect(body.timestamp).toBe(1_720_000_000_000)
    expect(body.payload).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: URL_1,
      notificationEventTypes: ['PAYOUT_CHANGE_STATUS'],
      notificationServiceTypes: ['PAYOUT'],
    })
  })

  it('lists with {account, timestamp} and no payload', async () => {
    const { fake, provider } = setup()
    await right(provider.list())
    expect(sent(fake).map((r) => [r.method, r.path, Object.keys(r.body)])).toEqual([['POST', CALYPSO_PATHS.list, ['account', 'timestamp']]])
  })

  it('refuses to build without credentials', () => {
    expect(() => calypso({ apiKey: '', apiSecret: API_SECRET, account: ACCOUNT })).toThrow(TypeError)
  })

  it('uses api.calypso.finance by default', async () => {
    const urls: string[] = []
    const provider = calypso({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      account: ACCOUNT,
      retry: false,
      fetch: async (input) => {
        urls.push(new Request(input).url)
        return new Response(JSON.stringify({ subscriptions: [] }), { status: 200 })
      },
    })
    await right(provider.list())
    expect(urls).toEqual(['https://api.calypso.finance/api/v1/subscription/webhook'])
  })
})

describe('operations against the fake', () => {
  it('creates with a client-chosen UUID that is the id, and returns the keys as a Secret', async () => {
    const { fake, provider } = setup()
    const webhook = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    const stored = fake.subscriptions()
    expect(stored).toHaveLength(1)
    expect(webhook.id).toBe(stored[0]!.requestId)
    expect(webhook.id).toBe(sent(fake)[0]!.body.payload!.requestId)
    expect(webhook).toMatchObject({ provider: 'calypso', url: URL_1, events: ['INVOICE_PAID'], status: 'active', account: ACCOUNT })
    expect(webhook.secret?.kind).toBe('value')
    if (webhook.secret?.kind !== 'value') return
    expect(isSecret(webhook.secret.value)).toBe(true)
    expect(webhook.secret.value.reveal()).toBe(stored[0]!.secretKey)
    expect(webhook.secret.keyId).toBe(stored[0]!.publicKey)
    for (const text of [JSON.stringify(webhook), inspect(webhook, { depth: 10 })]) {
      expect(text).not.toContain(stored[0]!.secretKey as string)
      expect(text).not.toContain(stored[0]!.publicKey as string)
    }
  })

  it('subscribes to services alone', async () => {
    const { fake, provider } = setup()
    const webhook = await right(provider.create({ url: URL_1, events: [], services: ['INVOICE', 'RECURRENT'] }))
    expect(webhook.events).toEqual([])
    expect(fake.subscriptions()[0]).toMatchObject({ notificationServiceTypes: ['INVOICE', 'RECURRENT'] })
  })

  it("repeats a create under the caller's requestId without a second subscription", async () => {
    const { fake, provider } = setup()
    const requestId = '5f0c6a2e-8d41-4b7a-9c3e-1a2b3c4d5e6f'
    const first = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'], requestId }))
    const again = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'], requestId }))
    expect(again.id).toBe(first.id)
    expect(fake.subscriptions()).toHaveLength(1)
    const elsewhere = await left(provider.create({ url: URL_2, events: ['INVOICE_PAID'], requestId }))
    expect(elsewhere).toMatchObject({ _tag: 'Conflict', reason: 'exists', providerCode: '016' })
    expect(fake.subscriptions()).toHaveLength(1)
  })

  it('warns that a description is not stored, and refuses a chosen secret', async () => {
    const { fake, provider } = setup()
    const webhook = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'], description: 'orders' }))
    expect(webhook.warnings).toEqual(['Calypso subscriptions have no description; it was not stored'])
    const before = fake.requests.length
    const error = await left(provider.create({ url: URL_1, events: ['INVOICE_PAID'], secret: 'my-own-secret' }))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'secret' }] })
    expect(fake.requests.length).toBe(before)
  })

  it('gets through the list (emulated), and says NotFound for an unknown id', async () => {
    const { fake, provider } = setup()
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    fake.clearRequests()
    const fetched = await right(provider.get(created.id))
    expect(fetched.id).toBe(created.id)
    expect(sent(fake).map((r) => r.path)).toEqual([CALYPSO_PATHS.list])
    const missing = await left(provider.get(UNKNOWN_ID))
    expect(missing).toMatchObject({ _tag: 'NotFound', id: UNKNOWN_ID, operation: 'get' })
  })

  it('lists every subscription of the account in one page', async () => {
    const { provider } = setup()
    for (let i = 0; i < 5; i++) await right(provider.create({ url: `${URL_1}/${i}`, events: ['INVOICE_PAID'] }))
    await right(provider.create({ url: URL_2, events: ['INVOICE_PAID'] }, { account: OTHER_ACCOUNT }))
    const page = await right(provider.list())
    expect(page.items).toHaveLength(5)
    expect(page.nextCursor).toBeUndefined()
    const other = await right(provider.list({}, { account: OTHER_ACCOUNT }))
    expect(other.items.map((w) => [w.url, w.account])).toEqual([[URL_2, OTHER_ACCOUNT]])
  })

  it('shows failing deliveries as a failing status', async () => {
    const { fake, provider } = setup({ fetch: async () => new Response('down', { status: 502 }) })
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    expect(created.status).toBe('active')
    await fake.deliver({ eventType: 'INVOICE_PAID' })
    const failing = await right(provider.get(created.id))
    expect(failing.status).toBe('failing')
    expect(failing.warnings?.[0]).toMatch(/^1 deliveries in a row failed since /)
  })

  it('get decodes only the subscription asked for: a malformed other entry does not fail it, a malformed match does', async () => {
    const id = '3f2e1d0c-9b8a-4765-8432-10fedcba9876'
    const good = {
      requestId: id,
      url: URL_1,
      notificationEventTypes: ['INVOICE_PAID'],
      publicKey: 'pk-0123456789',
      secretKey: 'sk-0123456789abcdef',
      createdDate: '2025-07-05T17:08:22.769Z',
    }
    const answerWith = (subscriptions: unknown[]) => async () =>
      new Response(JSON.stringify({ subscriptions }), { status: 200, headers: { 'content-type': 'application/json' } })
    const withAnswer = (subscriptions: unknown[]) => setup({}, { fetch: answerWith(subscriptions) }).provider
    const found = await right(withAnswer([{ requestId: UNKNOWN_ID, url: 42, createdDate: 'not a date' }, good]).get(id))
    expect(found).toMatchObject({ id, url: URL_1, events: ['INVOICE_PAID'], createdAt: new Date('2025-07-05T17:08:22.769Z') })
    expect(found.secret?.kind === 'value' && found.secret.value.reveal()).toBe('sk-0123456789abcdef')
    const broken = await left(withAnswer([{ ...good, url: 42 }]).get(id))
    expect(broken).toMatchObject({ _tag: 'DecodeError', issues: [{ path: `subscriptions[${id}].url` }] })
    expect(broken.message).toContain(`subscriptions[${id}].url: expected string, got 42`)
    // The entries are still read as subscriptions: one without a requestId is not a list Calypso sends.
    expect(await left(withAnswer([{ url: URL_1 }]).get(id))).toMatchObject({ _tag: 'DecodeError' })
    expect(await left(withAnswer([good]).get(UNKNOWN_ID))).toMatchObject({ _tag: 'NotFound' })
  })

  it('refuses a cursor, since Calypso issues none', async () => {
    const { fake, provider } = setup()
    const error = await left(provider.list({ cursor: 'abc' }))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'cursor' }] })
    expect(fake.requests).toHaveLength(0)
  })

  it('changes only the fields asked for, including enabled', async () => {
    const { fake, provider } = setup()
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    fake.clearRequests()
    const disabled = await right(provider.update(created.id, { enabled: false }))
    expect(disabled.status).toBe('disabled')
    expect(sent(fake)[0]!.body.payload).toEqual({ requestId: created.id, enabled: false })
    const moved = await right(provider.update(created.id, { url: URL_2, events: ['INVOICE_PAID', 'INVOICE_EXPIRED'], services: ['PAYOUT'] }))
    expect(moved).toMatchObject({ url: URL_2, events: ['INVOICE_PAID', 'INVOICE_EXPIRED'], status: 'disabled' })
    expect(sent(fake)[1]!.body.payload).toEqual({
      requestId: created.id,
      url: URL_2,
      notificationEventTypes: ['INVOICE_PAID', 'INVOICE_EXPIRED'],
      notificationServiceTypes: ['PAYOUT'],
    })
    expect(sent(fake).map((r) => r.path)).toEqual([CALYPSO_PATHS.change, CALYPSO_PATHS.change])
  })

  it('sends no change when only the description is asked for', async () => {
    const { fake, provider } = setup()
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    fake.clearRequests()
    const same = await right(provider.update(created.id, { description: 'x' }))
    expect(same.url).toBe(URL_1)
    expect(same.warnings).toEqual(['Calypso subscriptions have no description; it was not stored'])
    expect(sent(fake).map((r) => r.path)).toEqual([CALYPSO_PATHS.list])
  })

  it('reads the subscription from the list when the change answer is not a channel', async () => {
    const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT] })
    const direct = directFetch(fake)
    const provider = calypso({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      account: ACCOUNT,
      fetch: async (input, init) => {
        const path = new URL(input instanceof Request ? input.url : String(input)).pathname
        const response = await direct(input, init)
        return path === CALYPSO_PATHS.change ? new Response(null, { status: 200 }) : response
      },
    })
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    const moved = await right(provider.update(created.id, { url: URL_2 }))
    expect(moved.url).toBe(URL_2)
    expect(fake.requests.map((r) => r.path).slice(-2)).toEqual([CALYPSO_PATHS.change, CALYPSO_PATHS.list])
  })

  it('updates an unknown id into NotFound', async () => {
    const { provider } = setup()
    expect(await left(provider.update(UNKNOWN_ID, { url: URL_2 }))).toMatchObject({ _tag: 'NotFound', providerCode: '004' })
  })

  it('deletes with a DELETE whose JSON body names the requestId', async () => {
    const { fake, provider } = setup()
    const created = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    fake.clearRequests()
    await right(provider.delete(created.id))
    const [request] = sent(fake)
    expect([request?.method, request?.path]).toEqual(['DELETE', CALYPSO_PATHS.delete])
    expect(request?.body).toMatchObject({ account: ACCOUNT, payload: { requestId: created.id } })
    expect(fake.subscriptions()).toHaveLength(0)
    expect(await left(provider.delete(created.id))).toMatchObject({ _tag: 'NotFound', providerCode: '004', status: 400 })
  })

  it('has no test deliveries', async () => {
    const { fake, provider } = setup()
    expect(await left(provider.test(UNKNOWN_ID))).toMatchObject({ _tag: 'Unsupported' })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('rotateSecret: account-wide key regeneration', () => {
  it.each(['channel', 'channels', 'empty'] as const)('renews every key and returns the new ones (regeneration answers %s)', async (regenerateAnswer) => {
    const { fake, provider } = setup({ regenerateAnswer })
    const a = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    const b = await right(provider.create({ url: URL_2, events: ['INVOICE_PAID'] }))
    const before = fake.subscriptions()
    fake.clearRequests()
    const rotation = await right(provider.rotateSecret(b.id))
    const after = fake.subscriptions()
    expect(after.map((s) => s.secretKey)).not.toEqual(before.map((s) => s.secretKey))
    expect(after.map((s) => s.publicKey)).not.toEqual(before.map((s) => s.publicKey))
    expect(rotation.scope).toBe('account')
    expect(rotation.webhookId).toBe(b.id)
    expect(rotation.secret?.reveal()).toBe(after[1]!.secretKey)
    expect(rotation.webhooks?.map((w) => w.id)).toEqual([a.id, b.id])
    const regenerate = sent(fake).find((r) => r.path === CALYPSO_PATHS.regenerateKeys)!
    expect(regenerate.method).toBe('DELETE')
    expect(Object.keys(regenerate.body)).toEqual(['timestamp'])
    expect(JSON.stringify(rotation)).not.toContain(after[1]!.secretKey as string)
  })

  it('rotates nothing for an unknown id', async () => {
    const { fake, provider } = setup()
    await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    const keys = fake.subscriptions().map((s) => s.secretKey)
    expect(await left(provider.rotateSecret(UNKNOWN_ID))).toMatchObject({ _tag: 'NotFound' })
    expect(fake.subscriptions().map((s) => s.secretKey)).toEqual(keys)
    expect(fake.requests.some((r) => r.path === CALYPSO_PATHS.regenerateKeys)).toBe(false)
  })

  it('lets deliveries signed with the new keys verify once the verifier has them', async () => {
    const received: { body: string; headers: Headers }[] = []
    const { fake, provider } = setup({
      fetch: async (input, init) => {
        const request = new Request(input, init)
        received.push({ body: await request.text(), headers: request.headers })
        return new Response('ok', { status: 200 })
      },
    })
    const webhook = await right(provider.create({ url: URL_1, events: ['INVOICE_PAID'] }))
    if (webhook.secret?.kind !== 'value') throw new Error('no secret')
    const secrets: Record<string, string> = { [webhook.secret.keyId!]: webhook.secret.value.reveal() }
    const rotation = await right(provider.rotateSecret(webhook.id))
    const renewed = rotation.webhooks![0]!.secret
    if (renewed?.kind !== 'value') throw new Error('no renewed secret')
    await fake.deliver({ eventType: 'INVOICE_PAID' })
    const old = calypsoVerifier({ secrets })
    expect(E.isLeft(await old.verify(received[0]!.body, received[0]!.headers)())).toBe(true)
    const both = calypsoVerifier({ secrets: { ...secrets, [renewed.keyId!]: renewed.value } })
    expect(E.isRight(await both.verify(received[0]!.body, received[0]!.headers)())).toBe(true)
  })
})

type Call = (p: CalypsoProvider) => TaskEither<WebhookError, unknown>

describe('local validation, before any request', () => {
  it.each<[string, Call, string]>([
    ['a bad URL', (p) => p.create({ url: 'mailto:a@b.c', events: ['INVOICE_PAID'] }), 'url'],
    ['an unknown event', (p) => p.create({ url: URL_1, events: [uncatalogued('INVOICE_EXPLODED')] }), 'events[0]'],
    ['an unknown service', (p) => p.create({ url: URL_1, events: [], services: ['LOTTERY'] }), 'services[0]'],
    ['no event and no service', (p) => p.create({ url: URL_1, events: [] }), 'events'],
    ['a requestId that is not a UUID', (p) => p.create({ url: URL_1, events: ['INVOICE_PAID'], requestId: 'abc' }), 'requestId'],
    ['an id that is not a UUID', (p) => p.get('wh_123'), 'id'],
    ['an account of the wrong format', (p) => p.list({}, { account: 'merchant-1' }), 'account'],
    ['an empty account', (p) => p.delete(UNKNOWN_ID, { account: '' }), 'account'],
    ['a non-boolean enabled', (p) => p.update(UNKNOWN_ID, { enabled: 'no' as never }), 'enabled'],
  ])('refuses %s', async (_name, call, path) => {
    const { fake, provider } = setup()
    const error = await left(call(provider))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local' })
    if (error._tag === 'ValidationError') expect(error.issues.map((i) => i.path)).toContain(path)
    expect(fake.requests).toHaveLength(0)
  })

  it('sends unknown event and service names when the caller allows them', async () => {
    const { fake, provider } = setup({ events: [uncatalogued('TOPUP_RECEIVED')], services: ['TOP_UP'] })
    const webhook = await right(provider.create({ url: URL_1, events: [uncatalogued('TOPUP_RECEIVED')], services: ['TOP_UP'], allowUnknownEvents: true }))
    expect(webhook.events).toEqual(['TOPUP_RECEIVED'])
    expect(fake.subscriptions()).toHaveLength(1)
  })

  it('takes any account format when accountPattern is false', async () => {
    const { fake, provider } = setup({ accounts: ['merchant-1'] }, { account: 'merchant-1', accountPattern: false })
    const error = await left(provider.list())
    // The fake, like the calypso.money spec, still wants the 0x… format: the request went out.
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'provider', providerCode: '001' })
    expect(fake.requests).toHaveLength(1)
  })
})

describe('credentials and clock', () => {
  it('maps a wrong Key to AuthError 002 and a wrong secret to AuthError 003, never showing either', async () => {
    const { fake } = setup()
    const base = { account: ACCOUNT, fetch: directFetch(fake), retry: false as const }
    const wrongKey = await left(calypso({ ...base, apiKey: 'ffffffffffffffffffffffffffffffff', apiSecret: API_SECRET }).list())
    expect(wrongKey).toMatchObject({ _tag: 'AuthError', providerCode: '002', status: 400, retryable: false })
    expect(wrongKey.requestId).toMatch(/^[0-9a-f]{32}$/)
    const wrongSecret = await left(calypso({ ...base, apiKey: API_KEY, apiSecret: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }).list())
    expect(wrongSecret).toMatchObject({ _tag: 'AuthError', providerCode: '003' })
    for (const text of [JSON.stringify([wrongKey, wrongSecret]), inspect([wrongKey, wrongSecret], { depth: 10 })]) {
      for (const s of [API_KEY, API_SECRET, 'ffffffffffffffffffffffffffffffff', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee']) expect(text).not.toContain(s)
    }
  })

  it('tells a client whose clock is 4 minutes fast by how much it is off', async () => {
    const server = manualClock(Date.parse('2025-07-06T12:00:00.000Z'))
    const { fake, provider } = setup({ clock: server }, { clock: offsetClock(4 * 60_000, server) })
    const error = await left(provider.list())
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'provider', providerCode: '011', retryable: false })
    expect(error.message).toContain('4.0 min (240 s) ahead of')
    expect(fake.requests).toHaveLength(1)
  })

  it('tells a client whose clock is 4 minutes slow, and accepts one 2 minutes off', async () => {
    const server = manualClock(Date.parse('2025-07-06T12:00:00.000Z'))
    const slow = setup({ clock: server }, { clock: offsetClock(-4 * 60_000, server) })
    expect((await left(slow.provider.list())).message).toContain('behind')
    const close = setup({ clock: server }, { clock: offsetClock(-2 * 60_000, server) })
    await right(close.provider.list())
  })
})
