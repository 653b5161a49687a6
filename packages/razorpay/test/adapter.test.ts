import { inspect } from 'node:util'
import { listAll, secret, uncatalogued, type WebhookError } from '@unihook/core'
import { directFetch, manualClock, runLeft as left, runRight as right } from '@unihook/core/testing'
import { razorpay, type RazorpayOptions, type RazorpayProvider } from '@unihook/razorpay'
import { createRazorpayFake, type RazorpayFakeOptions } from '@unihook/razorpay/testing'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, fetchResponse, mapFormResponse } from './fixtures.js'

const KEY_ID = 'rzp_test_Cq4nF7kLm2Pz9X'
const KEY_SECRET = 'Zx81pQw3Lr0TnBv6Ysd2KmHu'
const OTHER = 'acc_JOGUdtKu3dB03d'

function setup(options: Partial<RazorpayOptions> = {}, fakeOptions: RazorpayFakeOptions = {}) {
  const fake = createRazorpayFake({ keys: { [KEY_ID]: KEY_SECRET }, accounts: [ACCOUNT, OTHER], ...fakeOptions })
  const provider = razorpay({
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
    account: ACCOUNT,
    fetch: directFetch(fake),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  })
  const bodies = () => fake.requests.map((r) => (r.body ? (JSON.parse(r.body) as Record<string, unknown>) : undefined))
  return { fake, provider, bodies }
}

const hook = (n: number) => `https://shop.example.com/razorpay/${n}`
const create = (provider: RazorpayProvider, n: number, events = ['payment.captured'] as const) => right(provider.create({ url: hook(n), events: [...events] }))

describe('create and secrets', () => {
  it('generates a strong secret when none is given, sends it, and returns it once', async () => {
    const { fake, provider, bodies } = setup()
    const webhook = await create(provider, 1)
    expect(webhook.secret?.kind).toBe('value')
    const value = webhook.secret?.kind === 'value' ? webhook.secret.value.reveal() : ''
    expect(value).toMatch(/^[0-9A-Za-z]{32}$/)
    expect(bodies()[0]).toEqual({ url: hook(1), events: ['payment.captured'], secret: value })
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBe(value)
    // Razorpay never returns it: later reads only know that one exists.
    expect((await right(provider.get(webhook.id))).secret).toEqual({ kind: 'present' })
    const second = await create(provider, 2)
    expect(second.secret?.kind === 'value' && second.secret.value.reveal()).not.toBe(value)
    for (const text of [JSON.stringify(webhook), inspect(webhook, { depth: 10 })]) expect(text).not.toContain(value)
  })

  it("sends the caller's secret as is", async () => {
    const { fake, provider } = setup()
    const webhook = await right(provider.create({ url: hook(1), events: ['refund.created'], secret: 'caller-chosen-secret-1' }))
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBe('caller-chosen-secret-1')
    expect(webhook.secret?.kind === 'value' && webhook.secret.value.reveal()).toBe('caller-chosen-secret-1')
  })

  it('lets the caller opt out of generated secrets, per adapter or per call', async () => {
    const { fake, provider, bodies } = setup({ generateSecrets: false })
    const bare = await create(provider, 1)
    expect(bodies()[0]).not.toHaveProperty('secret')
    expect(bare.secret).toEqual({ kind: 'none' })
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBeUndefined()
    const generated = await right(provider.create({ url: hook(2), events: ['refund.created'], generateSecret: true }))
    expect(generated.secret?.kind).toBe('value')
    const { provider: defaults, bodies: sent } = setup()
    await right(defaults.create({ url: hook(3), events: ['refund.created'], generateSecret: false }))
    expect(sent()[0]).not.toHaveProperty('secret')
  })

  it('sends alert_email, and warns that a description cannot be stored', async () => {
    const { provider, bodies } = setup({ alertEmail: 'ops@shop.example.com' })
    const webhook = await right(provider.create({ url: hook(1), events: ['payment.failed'], description: 'checkout', generateSecret: false }))
    expect(bodies()[0]).toEqual({ url: hook(1), events: ['payment.failed'], alert_email: 'ops@shop.example.com' })
    expect(webhook.warnings).toEqual(['Razorpay webhooks have no description; it was not stored'])
    expect(webhook.description).toBeUndefined()
    await right(provider.create({ url: hook(2), events: ['payment.failed'], alertEmail: 'other@shop.example.com', generateSecret: false }))
    expect(bodies()[1]?.alert_email).toBe('other@shop.example.com')
  })

  it('maps the created entity onto the model', async () => {
    const clock = manualClock(new Date('2024-03-01T10:00:00Z'))
    const { provider } = setup({}, { clock })
    const webhook = await create(provider, 1, ['payment.captured', 'refund.created'] as never)
    expect(webhook).toMatchObject({ provider: 'razorpay', url: hook(1), status: 'active', account: ACCOUNT })
    expect(webhook.id).toMatch(/^[0-9A-Za-z]{14}$/)
    expect(webhook.createdAt).toEqual(new Date('2024-03-01T10:00:00Z'))
    expect([...webhook.events].sort()).toEqual(['payment.captured', 'refund.created'])
  })

  it('finds a webhook whose create answer was lost, instead of creating it twice', async () => {
    const { fake, provider } = setup()
    fake.faults.malformNext(1, 'truncated', { method: 'POST' })
    const webhook = await right(provider.create({ url: hook(1), events: ['payment.captured'] }))
    expect(fake.webhooks(ACCOUNT)).toHaveLength(1)
    expect(webhook.id).toBe(fake.webhooks(ACCOUNT)[0]?.id)
    expect(webhook.warnings?.join(' ')).toContain('found afterwards by its URL and events')
    // The secret sent with the lost create is still the one returned.
    expect(webhook.secret?.kind === 'value' && webhook.secret.value.reveal()).toBe(fake.webhooks(ACCOUNT)[0]?.secret)
  })

  it('says so when a create whose connection dropped did not happen', async () => {
    const { fake, provider } = setup()
    fake.faults.dropNext(1, { method: 'POST' })
    const error = await left(provider.create({ url: hook(1), events: ['payment.captured'] }))
    expect(error._tag).toBe('NetworkError')
    expect(error.message).toContain('none was created')
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(fake.webhooks(ACCOUNT)).toHaveLength(0)
  })

  it('keeps the webhook secret out of errors even when Razorpay echoes the request', async () => {
    const echo: typeof fetch = async (input, init) => {
      const body = await new Request(input, init).text()
      return new Response(JSON.stringify({ error: { code: 'BAD_REQUEST_ERROR', description: `cannot accept ${body}` } }), { status: 400 })
    }
    const { provider } = setup({ fetch: echo })
    const error = await left(provider.create({ url: hook(1), events: ['payment.captured'], secret: 'echoed-secret-value-77' }))
    expect(error._tag).toBe('ValidationError')
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain('echoed-secret-value-77')
  })
})

describe('rotateSecret', () => {
  it('PATCHes a new secret with the current url and events, and returns it once', async () => {
    const { fake, provider, bodies } = setup()
    const webhook = await create(provider, 1, ['payment.captured', 'refund.created'] as never)
    const before = fake.webhooks(ACCOUNT)[0]?.secret
    fake.clearRequests()
    const rotation = await right(provider.rotateSecret(webhook.id))
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
    const value = rotation.secret?.reveal() ?? ''
    expect(value).toMatch(/^[0-9A-Za-z]{32}$/)
    expect(value).not.toBe(before)
    expect(bodies()[1]).toEqual({ url: hook(1), events: ['payment.captured', 'refund.created'], secret: value })
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBe(value)
    expect(rotation).toMatchObject({ scope: 'webhook', webhookId: webhook.id })
    expect(rotation.webhooks?.[0]?.secret?.kind).toBe('value')
    expect(JSON.stringify(rotation)).not.toContain(value)
  })

  it('uses a secret the caller chose', async () => {
    const { fake, provider } = setup()
    const webhook = await create(provider, 1)
    const rotation = await right(provider.rotateSecret(webhook.id, { secret: 'chosen-rotation-secret' }))
    expect(rotation.secret?.reveal()).toBe('chosen-rotation-secret')
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBe('chosen-rotation-secret')
  })

  it('reports NotFound for an unknown webhook without patching anything', async () => {
    const { fake, provider } = setup()
    expect((await left(provider.rotateSecret('HK890egfiItP3H')))._tag).toBe('NotFound')
    expect(fake.requests.map((r) => r.method)).toEqual(['GET'])
  })
})

describe('update', () => {
  it('fills url from the current webhook when the patch only changes events', async () => {
    const { fake, provider, bodies } = setup()
    const webhook = await create(provider, 1)
    fake.clearRequests()
    const updated = await right(provider.update(webhook.id, { events: ['refund.created', 'refund.failed'] }))
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
    expect(bodies()[1]).toEqual({ url: hook(1), events: ['refund.created', 'refund.failed'] })
    expect(updated.events).toEqual(['refund.created', 'refund.failed'])
  })

  it('fills events when the patch only moves the url, and sends one PATCH when it has both', async () => {
    const { fake, provider, bodies } = setup()
    const webhook = await create(provider, 1, ['payment.failed'] as never)
    fake.clearRequests()
    const moved = await right(provider.update(webhook.id, { url: hook(2) }))
    expect(bodies()[1]).toEqual({ url: hook(2), events: ['payment.failed'] })
    expect(moved.url).toBe(hook(2))
    fake.clearRequests()
    await right(provider.update(webhook.id, { url: hook(3), events: ['order.paid'], alertEmail: 'ops@shop.example.com' }))
    expect(fake.requests.map((r) => r.method)).toEqual(['PATCH'])
    expect(bodies()[0]).toEqual({ url: hook(3), events: ['order.paid'], alert_email: 'ops@shop.example.com' })
  })

  it('refuses `enabled` as Unsupported unless writableActive is set, then sends `active`', async () => {
    const { fake, provider } = setup()
    const webhook = await create(provider, 1)
    fake.clearRequests()
    expect((await left(provider.update(webhook.id, { enabled: false })))._tag).toBe('Unsupported')
    expect(fake.requests).toHaveLength(0)
    expect(provider.capabilities.writableFields.enabled).toBe(false)

    const { provider: writable, fake: fake2, bodies } = setup({ writableActive: true })
    expect(writable.capabilities.writableFields.enabled).toBe(true)
    const other = await create(writable, 1)
    const disabled = await right(writable.update(other.id, { enabled: false }))
    expect(bodies().at(-1)).toEqual({ url: hook(1), events: ['payment.captured'], active: false })
    expect(disabled.status).toBe('disabled')
    expect(fake2.webhooks(ACCOUNT)[0]?.disabledAt).toBeGreaterThan(0)
  })

  it('answers a description-only patch with the current webhook and a warning, without writing', async () => {
    const { fake, provider } = setup()
    const webhook = await create(provider, 1)
    fake.clearRequests()
    const same = await right(provider.update(webhook.id, { description: 'nope' }))
    expect(fake.requests.map((r) => r.method)).toEqual(['GET'])
    expect(same.warnings).toHaveLength(1)
  })

  it('refuses an empty patch and bad fields locally', async () => {
    const { fake, provider } = setup()
    for (const patch of [{}, { url: 'https://x.example/' + 'a'.repeat(250) }, { events: [] }, { alertEmail: 'not-an-email' }]) {
      const error = await left(provider.update('HK890egfiItP3H', patch))
      expect(error._tag === 'ValidationError' && error.source).toBe('local')
    }
    expect(fake.requests).toHaveLength(0)
  })
})

describe('list', () => {
  it('pages with count/skip until a short page, and stops after an exactly full last page', async () => {
    const { fake, provider } = setup({ generateSecrets: false })
    const ids: string[] = []
    for (let i = 0; i < 4; i++) ids.push((await create(provider, i)).id)
    fake.clearRequests()
    const first = await right(provider.list({ pageSize: 2 }))
    expect(first.items).toHaveLength(2)
    const second = await right(provider.list({ pageSize: 2, cursor: first.nextCursor! }))
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeTypeOf('string') // a full page may be followed by more
    const third = await right(provider.list({ pageSize: 2, cursor: second.nextCursor! }))
    expect(third).toEqual({ items: [] })
    expect(fake.requests.map((r) => [r.url.searchParams.get('count'), r.url.searchParams.get('skip')])).toEqual([
      ['2', '0'],
      ['2', '2'],
      ['2', '4'],
    ])
    const seen = [...first.items, ...second.items].map((w) => w.id)
    expect([...seen].sort()).toEqual([...ids].sort())
    const all = await right(listAll(provider, { maxItems: Infinity, pageSize: 2 }))
    expect(all.map((w) => w.id).sort()).toEqual([...ids].sort())
  })

  it('ends on a short page without another request', async () => {
    const { fake, provider } = setup({ generateSecrets: false })
    for (let i = 0; i < 5; i++) await create(provider, i)
    fake.clearRequests()
    const all = await right(listAll(provider, { maxItems: Infinity, pageSize: 2 }))
    expect(all).toHaveLength(5)
    expect(fake.requests).toHaveLength(3)
  })

  it('defaults to 10 per page and accepts up to 100', async () => {
    const { fake, provider } = setup()
    await right(provider.list())
    await right(provider.list({ pageSize: 100 }))
    expect(fake.requests.map((r) => r.url.searchParams.get('count'))).toEqual(['10', '100'])
    const error = await left(provider.list({ pageSize: 101 }))
    expect(error._tag).toBe('ValidationError')
    expect(fake.requests).toHaveLength(2)
  })

  it('filters by creation time with from/to in unix seconds', async () => {
    const clock = manualClock(new Date('2024-01-01T00:00:00Z'))
    const { fake, provider } = setup({ generateSecrets: false }, { clock })
    const old = await create(provider, 1)
    clock.advance(3_600_000)
    const mid = await create(provider, 2)
    clock.advance(3_600_000)
    const recent = await create(provider, 3)
    fake.clearRequests()
    const page = await right(provider.list({ createdAfter: new Date('2024-01-01T00:30:00Z'), createdBefore: new Date('2024-01-01T01:30:00Z') }))
    expect(page.items.map((w) => w.id)).toEqual([mid.id])
    expect(fake.requests[0]?.url.searchParams.get('from')).toBe(String(Date.parse('2024-01-01T00:30:00Z') / 1000))
    expect(fake.requests[0]?.url.searchParams.get('to')).toBe(String(Date.parse('2024-01-01T01:30:00Z') / 1000))
    const after = await right(provider.list({ createdAfter: new Date('2024-01-01T01:00:00Z') }))
    expect(after.items.map((w) => w.id)).toEqual([recent.id, mid.id])
    expect(after.items.map((w) => w.id)).not.toContain(old.id)
  })

  it('refuses the url filter as Unsupported and a foreign cursor as invalid, before any request', async () => {
    const { fake, provider } = setup()
    expect((await left(provider.list({ url: hook(1) })))._tag).toBe('Unsupported')
    const error = await left(provider.list({ cursor: 'garbage' }))
    expect(error._tag === 'ValidationError' && error.issues[0]?.path).toBe('cursor')
    expect(fake.requests).toHaveLength(0)
  })

  it('decodes the map form of events from a live response', async () => {
    const body = { entity: 'collection', count: 2, items: [fetchResponse, mapFormResponse] }
    const { provider } = setup({ fetch: async () => new Response(JSON.stringify(body), { status: 200 }) })
    const page = await right(provider.list())
    expect(page.items[1]?.events).toEqual(['payment.authorized', 'refund.created', 'order.paid'])
    expect(page.nextCursor).toBeUndefined()
  })
})

describe('accounts', () => {
  it('acts for the adapter account, or the one named in the call', async () => {
    const { fake, provider } = setup()
    await create(provider, 1)
    const elsewhere = await right(provider.create({ url: hook(2), events: ['order.paid'] }, { account: OTHER }))
    expect(elsewhere.account).toBe(OTHER)
    expect(fake.requests[1]?.path).toBe(`/v2/accounts/${OTHER}/webhooks`)
    expect(fake.webhooks(ACCOUNT)).toHaveLength(1)
    expect(fake.webhooks(OTHER)).toHaveLength(1)
    expect((await right(provider.list({}, { account: OTHER }))).items.map((w) => w.id)).toEqual([elsewhere.id])
    // A webhook of one account is not found through another.
    expect((await left(provider.get(elsewhere.id)))._tag).toBe('NotFound')
  })

  it('requires a well-formed account before any request', async () => {
    const { fake, provider } = setup({ account: undefined })
    const missing = await left(provider.list())
    expect(missing._tag === 'ValidationError' && missing.issues[0]?.path).toBe('account')
    const malformed = await left(provider.get('HK890egfiItP3H', { account: 'acc_short' }))
    expect(malformed._tag === 'ValidationError' && malformed.issues[0]?.path).toBe('account')
    expect(fake.requests).toHaveLength(0)
    expect(() => razorpay({ keyId: KEY_ID, keySecret: KEY_SECRET, account: 'H3kYHQ635sBwXG' })).toThrow(TypeError)
  })

  it('refuses a blank key secret and a malformed baseUrl when built, without quoting the URL', () => {
    expect(() => razorpay({ keyId: KEY_ID, keySecret: '   ' })).toThrow(/keySecret is required/)
    for (const baseUrl of ['api.razorpay.com', 'ftp://u:hunter2-pass@api.razorpay.com', 'https://u:hunter2-pass@ bad']) {
      let message = ''
      try {
        razorpay({ keyId: KEY_ID, keySecret: KEY_SECRET, baseUrl })
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toBe('razorpay(): baseUrl must be an absolute http(s) URL')
    }
  })

  it('answers NotFound for an account not linked to the partner', async () => {
    const { provider } = setup()
    expect((await left(provider.list({}, { account: 'acc_ZZZZZZZZZZZZZZ' })))._tag).toBe('NotFound')
  })
})

describe('local validation', () => {
  it('refuses long or malformed URLs, unknown events, bad ids and emails with zero requests', async () => {
    const { fake, provider } = setup()
    const long = `https://shop.example.com/${'a'.repeat(231)}`
    expect(long).toHaveLength(256)
    const cases: TaskEither<WebhookError, unknown>[] = [
      provider.create({ url: long, events: ['payment.captured'] }),
      provider.create({ url: 'shop.example.com/hook', events: ['payment.captured'] }),
      provider.create({ url: hook(1), events: ['payment.captured', uncatalogued('account.activated')] }),
      provider.create({ url: hook(1), events: ['payment.captured', 'payment.captured'] }),
      provider.create({ url: hook(1), events: ['payment.captured'], alertEmail: 'ops at shop' }),
      provider.create({ url: hook(1), events: ['payment.captured'], secret: '' }),
      provider.create({ url: hook(1), events: ['payment.captured'], secret: secret('') }),
      provider.create({ url: hook(1), events: ['payment.captured'], secret: { reveal: () => 'not a Secret' } as never }),
      provider.rotateSecret('HK890egfiItP3H', { secret: secret(' ') }),
      provider.get('HK890egfiItP3'),
      provider.delete('acc_H3kYHQ635sBwXG'),
      provider.list({ pageSize: 0 }),
    ]
    for (const task of cases) {
      const error = await left(task)
      expect(error._tag === 'ValidationError' && error.source).toBe('local')
    }
    expect(fake.requests).toHaveLength(0)
    // 255 characters is still fine.
    await right(provider.create({ url: long.slice(0, 255), events: ['payment.captured'] }))
  })

  it("sends unknown event names when allowed, and surfaces Razorpay's refusal with its field", async () => {
    const { fake, provider } = setup()
    const error = await left(provider.create({ url: hook(1), events: [uncatalogued('payout.processed')], allowUnknownEvents: true }))
    expect(fake.requests).toHaveLength(1)
    expect(error._tag).toBe('ValidationError')
    if (error._tag === 'ValidationError') {
      expect(error.source).toBe('provider')
      expect(error.issues).toEqual([{ path: 'events', message: 'Invalid event name/names: payout.processed' }])
    }
    const { provider: lenient } = setup({}, { events: ['payout.processed', 'payment.captured'] })
    expect((await right(lenient.create({ url: hook(1), events: [uncatalogued('payout.processed')], allowUnknownEvents: true }))).events).toEqual([
      'payout.processed',
    ])
  })
})

describe('delete, test and errors on the wire', () => {
  it('deletes (Razorpay answers [])', async () => {
    const { fake, provider } = setup()
    const webhook = await create(provider, 1)
    expect(await right(provider.delete(webhook.id))).toBeUndefined()
    expect(fake.webhooks(ACCOUNT)).toHaveLength(0)
    expect((await left(provider.delete(webhook.id)))._tag).toBe('NotFound')
  })

  it('accepts the `{ [] }` body the docs print, or none, as a deletion', async () => {
    for (const body of ['{ [] }', '']) {
      const { provider } = setup({ fetch: async () => new Response(body, { status: 200 }) })
      expect(E.isRight(await provider.delete('HK890egfiItP3H')())).toBe(true)
    }
  })

  it('has no test endpoint: Unsupported without a request', async () => {
    const { fake, provider } = setup()
    expect((await left(provider.test('HK890egfiItP3H')))._tag).toBe('Unsupported')
    expect(provider.capabilities.operations.test).toBe('absent')
    expect(fake.requests).toHaveLength(0)
  })

  it('maps the real 401 envelope, the webhook limit and 429 onto the vocabulary', async () => {
    const { provider } = setup({ keySecret: 'wr0ngS3cretT7rq9LmPz2Kx' })
    const auth = await left(provider.list())
    expect(auth).toMatchObject({ _tag: 'AuthError', status: 401, providerCode: 'BAD_REQUEST_ERROR' })
    expect(auth.message).toContain('The api secret provided is invalid')
    const { provider: unknownKey } = setup({ keyId: 'rzp_test_NotAKnownKey1' })
    expect((await left(unknownKey.list())).message).toContain('The api key provided is invalid')

    const { provider: small } = setup({ generateSecrets: false }, { maxWebhooksPerAccount: 2 })
    await create(small, 1)
    await create(small, 2)
    const limit = await left(small.create({ url: hook(3), events: ['order.paid'] }))
    expect(limit).toMatchObject({ _tag: 'Conflict', reason: 'limit', status: 400 })

    const { fake, provider: limited } = setup()
    fake.faults.failNext(1, { status: 429, retryAfter: 120 })
    expect(await left(limited.get('HK890egfiItP3H'))).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 120_000 })
  })

  it('reads "The id provided does not exist" as NotFound whether sent as 404 or 400', async () => {
    for (const notFoundStatus of [404, 400] as const) {
      const { provider } = setup({}, { notFoundStatus })
      const error = await left(provider.get('HK890egfiItP3H'))
      expect(error).toMatchObject({ _tag: 'NotFound', status: notFoundStatus })
    }
  })

  it('surfaces DecodeError with a readable path, Timeout and NetworkError', async () => {
    const broken = { ...fetchResponse, events: 'payment.captured' }
    const { provider } = setup({ fetch: async () => new Response(JSON.stringify(broken), { status: 200 }) })
    const decode = await left(provider.get('HK890egfiItP3H'))
    expect(decode._tag).toBe('DecodeError')
    if (decode._tag === 'DecodeError') expect(decode.issues[0]?.path).toBe('events')

    const { fake, provider: slow } = setup({ timeoutMs: 50, retry: false })
    fake.faults.hangNext(1)
    expect((await left(slow.list()))._tag).toBe('Timeout')
    fake.faults.dropNext(3)
    const dropped = await left(slow.get('HK890egfiItP3H'))
    expect(dropped).toMatchObject({ _tag: 'NetworkError', retryable: true })
  })
})
