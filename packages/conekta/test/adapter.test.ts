import { type CreateWebhook, iterateAll, uncatalogued, type WebhookError } from '@unihook/core'
import type { TaskEither } from 'fp-ts/TaskEither'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { CONEKTA_EVENTS, conekta, type ConektaEvent, partialCreateOf } from '../src/index.js'
import * as wire from './fixtures/wire.js'
import { API_KEY, BASE, left, right, server, url, useMsw, withFake } from './helpers.js'

useMsw()

const CHILD = '6441b6376b60c3a638da80af'
const bodyOf = (request: { body: string }) => JSON.parse(request.body) as Record<string, unknown>

describe('requests on the wire', () => {
  it('pins API 2.3.0 by default, authenticates with a bearer key and sends the locale', async () => {
    const { fake, adapter } = withFake()
    await right(adapter.list())
    const [request] = fake.requests
    expect(request?.headers.get('accept')).toBe('application/vnd.conekta-v2.3.0+json')
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`)
    expect(request?.headers.get('accept-language')).toBe('es')
    expect(request?.headers.has('x-child-company-id')).toBe(false)
  })

  it('sends Accept-Language: en when asked, and gets English messages back', async () => {
    const { fake, adapter } = withFake({}, { locale: 'en' })
    const error = await left(adapter.get('0123456789abcdef01234567'))
    expect(fake.requests[0]?.headers.get('accept-language')).toBe('en')
    expect(error.message).toContain('The resource was not found.')
  })

  it('pins the apiVersion it is given, and refuses one it does not speak', async () => {
    for (const apiVersion of ['2.1.0', '2.2.0', '2.3.0'] as const) {
      const { fake, adapter } = withFake({}, { apiVersion })
      await right(adapter.list())
      expect(fake.requests[0]?.headers.get('accept')).toBe(`application/vnd.conekta-v${apiVersion}+json`)
      server.resetHandlers()
    }
    expect(() => conekta({ apiKey: API_KEY, apiVersion: '2.0.0' as '2.1.0' })).toThrow(/apiVersion must be one of 2.1.0, 2.2.0, 2.3.0/)
  })

  it('sends X-Child-Company-Id only on list, get and update', async () => {
    const { fake, adapter } = withFake({}, { childCompanyId: CHILD, apiVersion: '2.1.0' })
    // Made in the child company's store (the fake keeps one per company), with the header sent everywhere.
    const everywhere = conekta({ apiKey: API_KEY, baseUrl: BASE, apiVersion: '2.1.0', childCompanyHeader: 'always' })
    const created = await right(everywhere.create({ url: url(1), events: ['order.paid'] }, { account: CHILD }))
    fake.clearRequests()
    await right(adapter.list())
    const got = await right(adapter.get(created.id))
    await right(adapter.update(created.id, { events: ['order.paid', 'charge.paid'] }))
    expect(fake.requests.map((r) => [r.method, r.headers.get('x-child-company-id')])).toEqual([
      ['GET', CHILD],
      ['GET', CHILD],
      ['GET', CHILD],
      ['PUT', CHILD],
    ])
    expect(got.account).toBe(CHILD)
  })

  it('refuses, before any request, to act for a child company where 2.1.0 does not declare the header', async () => {
    const { fake, adapter } = withFake({}, { childCompanyId: CHILD })
    const tasks: TaskEither<WebhookError, unknown>[] = [
      adapter.create({ url: url(1), events: ['order.paid'] }),
      adapter.delete('0123456789abcdef01234567'),
      adapter.test('0123456789abcdef01234567'),
      adapter.rotateSecret('0123456789abcdef01234567'),
      adapter.webhookKeys.create(),
    ]
    for (const task of tasks) {
      const error = await left(task)
      expect(error._tag).toBe('Unsupported')
      expect(error.message).toContain('X-Child-Company-Id')
    }
    expect(fake.requests).toHaveLength(0)
  })

  it('sends the header everywhere with childCompanyHeader: always, and per call through CallOptions.account', async () => {
    const { fake, adapter } = withFake({}, { childCompanyHeader: 'always' })
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }, { account: CHILD }))
    await right(adapter.test(created.id, { account: CHILD }))
    await right(adapter.delete(created.id, { account: CHILD }))
    expect(fake.requests.map((r) => r.headers.get('x-child-company-id'))).toEqual([CHILD, CHILD, CHILD])
    expect(created.account).toBe(CHILD)
  })

  it('refuses an account with control characters', async () => {
    const { fake, adapter } = withFake()
    expect((await left(adapter.list({}, { account: 'abc\r\nx-evil: 1' })))._tag).toBe('ValidationError')
    expect(fake.requests).toHaveLength(0)
  })

  it('defaults to https://api.conekta.io and uses the transport options (fetch, headers, timeoutMs)', async () => {
    const seen: Request[] = []
    const listed = conekta({
      apiKey: API_KEY,
      headers: { 'x-trace': 't-1' },
      fetch: async (input, init) => {
        seen.push(new Request(input, init))
        return HttpResponse.json({ ...wire.list210, data: [] })
      },
    })
    await right(listed.list())
    expect(seen.map((r) => r.url)).toEqual(['https://api.conekta.io/webhooks'])
    expect(seen[0]?.headers.get('x-trace')).toBe('t-1')
    expect(seen[0]?.headers.get('accept')).toBe('application/vnd.conekta-v2.3.0+json')
    const stalled = conekta({
      apiKey: API_KEY,
      retry: false,
      timeoutMs: 30,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true })),
    })
    expect((await left(stalled.get('0123456789abcdef01234567')))._tag).toBe('Timeout')
  })

  it('declares account-wide signing keys and Conekta’s limits in its capabilities', () => {
    const { capabilities } = conekta({ apiKey: API_KEY })
    expect(capabilities.secret).toEqual({ owner: 'account-key', readable: false, rotation: 'account' })
    expect(capabilities.signature).toEqual({ scheme: 'rsa-sha256-base64', headers: ['digest'] })
    expect(capabilities.pagination).toEqual({ style: 'cursor', defaultPageSize: 20, maxPageSize: 250 })
    expect(capabilities.maxWebhooks).toBe(10)
    expect(capabilities.listFilters).toEqual(['url'])
    expect(capabilities.account).toEqual({ scope: 'header', required: false })
  })

  it('validates its options at construction', () => {
    expect(() => conekta({ apiKey: '' })).toThrow(/apiKey/)
    expect(() => conekta({ apiKey: 'key_x', locale: 'fr' as 'es' })).toThrow(/locale/)
  })
})

describe('create', () => {
  it('on 2.2.0+, sends url and subscribed_events in one request: no follow-up update, nothing partial', async () => {
    for (const apiVersion of ['2.2.0', '2.3.0'] as const) {
      const { fake, adapter } = withFake({}, { apiVersion })
      fake.faults.failNext(3, { status: 503 }, { method: 'PUT' })
      const webhook = await right(adapter.create({ url: url(1), events: ['order.paid', 'charge.paid'] }))
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks'])
      expect(bodyOf(fake.requests[0]!)).toEqual({ url: url(1), subscribed_events: ['order.paid', 'charge.paid'] })
      expect(webhook).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), url: url(1), events: ['order.paid', 'charge.paid'], status: 'active' })
      expect(webhook.raw).toMatchObject({ active: true, livemode: false })
      expect(webhook.secret).toEqual({ kind: 'account-key' })
      server.resetHandlers()
    }
  })

  it('on 2.2.0+, warns instead of a second request when the answer lacks the events', async () => {
    server.use(http.post(`${BASE}/webhooks`, () => HttpResponse.json({ ...wire.webhook220, subscribed_events: ['charge.paid'] })))
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE })
    const webhook = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(webhook.events).toEqual(['charge.paid'])
    expect(webhook.warnings?.[0]).toContain('does not list the requested events')
  })

  it('on 2.1.0, creates with {url, synchronous} and sets the events with `events` in an update', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0' })
    const webhook = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /webhooks', `PUT /webhooks/${webhook.id}`])
    expect(bodyOf(fake.requests[0]!)).toEqual({ url: url(1), synchronous: false })
    expect(bodyOf(fake.requests[1]!)).toEqual({ url: url(1), events: ['order.paid'] })
    expect(webhook.events).toEqual(['order.paid'])
    expect(webhook.warnings).toBeUndefined()
    expect(fake.webhooks()[0]?.subscribed_events).toEqual(['order.paid'])
  })

  it('when the update fails, tells the id that now exists and what failed, and keeps the webhook', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0' })
    fake.faults.failNext(3, { status: 503 }, { method: 'PUT' })
    const error = await left(adapter.create({ url: url(1), events: ['order.paid'] }))
    const [stored] = fake.webhooks()
    expect(stored).toBeDefined()
    expect(error._tag).toBe('ProviderError')
    expect(error.operation).toBe('create')
    // Repeating the create would make a second webhook.
    expect(error.retryable).toBe(false)
    expect(error.message).toContain(stored!.id)
    const partial = partialCreateOf(error)
    expect(partial).toMatchObject({ kind: 'partial-create', webhookId: stored!.id, failedStep: 'set-events', state: 'kept' })
    expect(partial?.cause._tag).toBe('ProviderError')
    expect(partial?.cause.status).toBe(503)
    expect(partial?.webhook?.events.length).toBe(CONEKTA_EVENTS.length)
    // The error serializes without losing the id.
    expect(JSON.stringify(error)).toContain(stored!.id)
  })

  it('keeps the failing step’s classification (a refused event name is a ValidationError)', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0' })
    const error = await left(adapter.create({ url: url(1), events: ['order.paid', uncatalogued('custom.thing')], allowUnknownEvents: true }))
    expect(error._tag).toBe('ValidationError')
    expect(partialCreateOf(error)?.webhookId).toBe(fake.webhooks()[0]?.id)
  })

  it('with onPartialCreate: rollback, deletes the webhook again and says nothing is left', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0', onPartialCreate: 'rollback' })
    fake.faults.failNext(3, { status: 503 }, { method: 'PUT' })
    const error = await left(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(fake.webhooks()).toHaveLength(0)
    const partial = partialCreateOf(error)
    expect(partial?.state).toBe('rolled-back')
    expect(partial?.webhook).toBeUndefined()
    expect(error.message).toContain('nothing is left behind')
    expect(error.retryable).toBe(true)
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'PUT', 'PUT', 'DELETE'])
  })

  it('when the rollback fails too, reports both and the id that still exists', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0', onPartialCreate: 'rollback' })
    fake.faults.failNext(3, { status: 503 }, { method: 'PUT' })
    fake.faults.failNext(3, { status: 500 }, { method: 'DELETE' })
    const error = await left(adapter.create({ url: url(1), events: ['order.paid'] }))
    const partial = partialCreateOf(error)
    expect(partial?.state).toBe('rollback-failed')
    expect(partial?.rollbackError?.status).toBe(500)
    expect(fake.webhooks().map((w) => w.id)).toEqual([partial?.webhookId])
    expect(error.retryable).toBe(false)
    expect(error.message).toContain(`webhook ${partial?.webhookId} still exists`)
  })

  it('on 2.1.0, warns when the follow-up update is accepted but the answer still lacks the events', async () => {
    const everything = { ...wire.webhook210, subscribed_events: [...CONEKTA_EVENTS] }
    server.use(
      http.post(`${BASE}/webhooks`, () => HttpResponse.json(everything)),
      http.put(`${BASE}/webhooks/:id`, () => HttpResponse.json(everything)),
    )
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE, apiVersion: '2.1.0' })
    const webhook = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(webhook.events.length).toBe(CONEKTA_EVENTS.length)
    expect(webhook.warnings?.[0]).toContain('does not list the requested events')
  })

  it('validates locally: URL, localhost, events, secret', async () => {
    const { fake, adapter } = withFake()
    const cases: CreateWebhook<ConektaEvent>[] = [
      { url: 'https://localhost/hook', events: ['order.paid'] },
      { url: 'http://127.0.0.1:8080/hook', events: ['order.paid'] },
      { url: 'https://tunnel.example.com/forward?to=localhost', events: ['order.paid'] },
      { url: 'mailto:ops@example.com', events: ['order.paid'] },
      { url: url(1), events: ['order.paid', 'order.paid'] },
      { url: url(1), events: ['order.paid'], secret: 'whsec_mine' },
    ]
    for (const input of cases) {
      const error = await left(adapter.create(input))
      expect(error._tag).toBe('ValidationError')
    }
    const secretError = await left(adapter.create(cases[5]!))
    expect(secretError._tag === 'ValidationError' && secretError.issues[0]?.path).toBe('secret')
    expect(secretError.message).not.toContain('whsec_mine')
    expect(fake.requests).toHaveLength(0)
  })

  it('accepts localhost URLs with allowLocalhostUrls against a fake that allows them', async () => {
    const { adapter } = withFake({ allowLocalhost: true }, { allowLocalhostUrls: true })
    expect((await right(adapter.create({ url: 'http://127.0.0.1:4000/hook', events: ['order.paid'] }))).url).toBe('http://127.0.0.1:4000/hook')
    const strict = withFake({}, { allowLocalhostUrls: true })
    const refused = await left(strict.adapter.create({ url: 'http://127.0.0.1:4000/hook', events: ['order.paid'] }))
    expect(refused._tag === 'ValidationError' && refused.source).toBe('provider')
    expect(refused._tag === 'ValidationError' && refused.issues[0]?.path).toBe('url')
  })

  it('does not send a description, and says so', async () => {
    const { fake, adapter } = withFake()
    const webhook = await right(adapter.create({ url: url(1), events: ['order.paid'], description: 'orders' }))
    expect(bodyOf(fake.requests[0]!)).not.toHaveProperty('description')
    expect(webhook.warnings?.[0]).toContain('description')
  })

  it('is not retried after a server error', async () => {
    const { fake, adapter } = withFake()
    fake.faults.failNext(1, { status: 503 })
    expect((await left(adapter.create({ url: url(1), events: ['order.paid'] })))._tag).toBe('ProviderError')
    expect(fake.requests).toHaveLength(1)
  })

  it('reports the 10-webhook limit as Conflict', async () => {
    const { fake, adapter } = withFake()
    for (let i = 0; i < 10; i++) await right(adapter.create({ url: url(i), events: ['order.paid'] }))
    const error = await left(adapter.create({ url: url(10), events: ['order.paid'] }))
    expect(error._tag === 'Conflict' && error.reason).toBe('limit')
    expect(error.requestId).toMatch(/^[0-9a-f]{24}$/)
    expect(fake.webhooks()).toHaveLength(10)
  })
})

describe('get, update, delete, test', () => {
  it('gets a webhook and refuses a malformed id without a request', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(await right(adapter.get(created.id))).toMatchObject({ id: created.id, url: url(1), events: ['order.paid'] })
    fake.clearRequests()
    for (const id of ['wh_123', '641B1D5662D7E00001EAA46B', '641b1d5662d7e00001eaa46', '../webhook_keys']) {
      expect((await left(adapter.get(id)))._tag).toBe('ValidationError')
    }
    expect(fake.requests).toHaveLength(0)
  })

  it('answers NotFound with Conekta’s log_id as the request id', async () => {
    const { adapter } = withFake()
    const error = await left(adapter.get('0123456789abcdef01234567'))
    expect(error._tag).toBe('NotFound')
    expect(error.providerCode).toBe('resource_not_found_error')
    expect(error.requestId).toMatch(/^[0-9a-f]{24}$/)
  })

  it('on 2.2.0+, changes events (or enabled) in one PUT, without reading first', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    fake.clearRequests()
    const updated = await right(adapter.update(created.id, { events: ['charge.paid', 'order.paid'], enabled: false }))
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /webhooks/${created.id}`])
    expect(bodyOf(fake.requests[0]!)).toEqual({ subscribed_events: ['charge.paid', 'order.paid'], active: false })
    expect(updated).toMatchObject({ events: ['charge.paid', 'order.paid'], status: 'disabled' })
    expect(updated.warnings).toBeUndefined()
    const enabled = await right(adapter.update(created.id, { enabled: true }))
    expect(bodyOf(fake.requests[1]!)).toEqual({ active: true })
    expect(enabled.status).toBe('active')
    expect(fake.webhooks()[0]).toMatchObject({ active: true, subscribed_events: ['charge.paid', 'order.paid'] })
  })

  it('on 2.1.0, fills the required url from the current webhook when the patch has none', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0' })
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    fake.clearRequests()
    const updated = await right(adapter.update(created.id, { events: ['charge.paid', 'order.paid'] }))
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /webhooks/${created.id}`, `PUT /webhooks/${created.id}`])
    expect(bodyOf(fake.requests[1]!)).toEqual({ url: url(1), events: ['charge.paid', 'order.paid'] })
    expect(updated.events).toEqual(['charge.paid', 'order.paid'])
  })

  it('sends the caller’s url directly, without reading first', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    fake.clearRequests()
    const moved = await right(adapter.update(created.id, { url: url(2) }))
    expect(fake.requests.map((r) => r.method)).toEqual(['PUT'])
    expect(bodyOf(fake.requests[0]!)).toEqual({ url: url(2) })
    expect(moved).toMatchObject({ url: url(2), events: ['order.paid'] })
  })

  it('reads the webhook for an empty patch, and warns about a description', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    fake.clearRequests()
    const same = await right(adapter.update(created.id, { description: 'x' }))
    expect(fake.requests.map((r) => r.method)).toEqual(['GET'])
    expect(same.warnings?.[0]).toContain('description')
  })

  it('refuses enabled on 2.1.0 (no writable `active`) and bad input before any request', async () => {
    const { fake, adapter } = withFake({}, { apiVersion: '2.1.0' })
    const refused = await left(adapter.update('0123456789abcdef01234567', { enabled: false }))
    expect(refused._tag).toBe('Unsupported')
    expect(refused.message).toContain('pin apiVersion 2.2.0 or later')
    expect((await left(adapter.update('0123456789abcdef01234567', { url: 'https://localhost/x' })))._tag).toBe('ValidationError')
    expect((await left(adapter.update('0123456789abcdef01234567', { events: [uncatalogued('nope')] })))._tag).toBe('ValidationError')
    expect(fake.requests).toHaveLength(0)
  })

  it('updating an unknown webhook is NotFound', async () => {
    const { adapter } = withFake()
    expect((await left(adapter.update('0123456789abcdef01234567', { events: ['order.paid'] })))._tag).toBe('NotFound')
    expect((await left(adapter.update('0123456789abcdef01234567', { url: url(1) })))._tag).toBe('NotFound')
  })

  it('deletes (Conekta answers the object with deleted: true)', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    expect(await right(adapter.delete(created.id))).toBeUndefined()
    expect(fake.webhooks()).toHaveLength(0)
    expect((await left(adapter.delete(created.id)))._tag).toBe('NotFound')
  })

  it('tests (pings) a webhook', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    const pinged = await right(adapter.test(created.id))
    expect(pinged.id).toBe(created.id)
    expect(fake.pings.map((p) => p.webhookId)).toEqual([created.id])
    expect(fake.requests[1]).toMatchObject({ method: 'POST', path: `/webhooks/${created.id}/test`, body: '{}' })
  })

  it('rotates the account key: a new webhook key whose public half is returned', async () => {
    const { fake, adapter } = withFake()
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    const rotation = await right(adapter.rotateSecret(created.id))
    expect(rotation.scope).toBe('account')
    expect(rotation.webhookId).toBe(created.id)
    expect(rotation.secret?.reveal()).toBe(fake.webhookKeys()[0]?.publicKey)
    expect(JSON.stringify(rotation)).not.toContain('BEGIN PUBLIC KEY')
    expect((await left(adapter.rotateSecret('0123456789abcdef01234567')))._tag).toBe('NotFound')
    expect(fake.webhookKeys()).toHaveLength(1)
  })
})

describe('list', () => {
  it('walks several pages through the opaque cursor, each webhook once', async () => {
    const { fake, adapter } = withFake()
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await right(adapter.create({ url: url(i), events: ['order.paid'] }))).id)
    fake.clearRequests()
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await right(adapter.list({ pageSize: 3, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((w) => w.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(7)
    expect(new Set(seen)).toEqual(new Set(ids))
    // Conekta lists newest first; the cursor is the `next` id, and limit goes along.
    expect(seen).toEqual([...ids].reverse())
    const queries = fake.requests.map((r) => Object.fromEntries(r.url.searchParams))
    expect(queries[0]).toEqual({ limit: '3' })
    expect(queries[1]).toEqual({ limit: '3', next: seen[2] })
    expect(queries[2]).toEqual({ limit: '3', next: seen[5] })
  })

  it('hides the provider position behind an opaque cursor and refuses a foreign one', async () => {
    const { fake, adapter } = withFake()
    for (let i = 0; i < 3; i++) await right(adapter.create({ url: url(i), events: ['order.paid'] }))
    const page = await right(adapter.list({ pageSize: 1 }))
    expect(page.nextCursor).not.toContain(page.items[0]!.id)
    fake.clearRequests()
    for (const cursor of ['not-a-cursor', Buffer.from('{"offset":3}').toString('base64url')]) {
      const error = await left(adapter.list({ cursor }))
      expect(error._tag === 'ValidationError' && error.issues[0]?.path).toBe('cursor')
    }
    expect(fake.requests).toHaveLength(0)
  })

  it('iterates everything with core’s iterateAll', async () => {
    const { adapter } = withFake()
    for (let i = 0; i < 5; i++) await right(adapter.create({ url: url(i), events: ['order.paid'] }))
    const all: string[] = []
    for await (const w of iterateAll(adapter, { maxItems: Infinity, pageSize: 2 })) all.push(w.url)
    expect(all.sort()).toEqual([0, 1, 2, 3, 4].map(url).sort())
  })

  it('filters by url', async () => {
    const { fake, adapter } = withFake()
    await right(adapter.create({ url: url(1), events: ['order.paid'] }))
    const target = await right(adapter.create({ url: url(2), events: ['order.paid'] }))
    fake.clearRequests()
    const page = await right(adapter.list({ url: url(2) }))
    expect(page.items.map((w) => w.id)).toEqual([target.id])
    expect(fake.requests[0]?.url.searchParams.get('url')).toBe(url(2))
  })

  it('takes a null query like no query', async () => {
    const { adapter } = withFake()
    expect((await right(adapter.list(null as never))).items).toEqual([])
  })

  it('checks the page size (1..250) and refuses date filters, before any request', async () => {
    const { fake, adapter } = withFake()
    expect((await left(adapter.list({ pageSize: 251 })))._tag).toBe('ValidationError')
    expect((await left(adapter.list({ pageSize: 0 })))._tag).toBe('ValidationError')
    expect((await left(adapter.list({ createdAfter: new Date() })))._tag).toBe('Unsupported')
    expect(fake.requests).toHaveLength(0)
    await right(adapter.list({ pageSize: 250 }))
    expect(fake.requests[0]?.url.searchParams.get('limit')).toBe('250')
  })

  it('reads the cursor from next_page_url, and falls back to the last id', async () => {
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE, retry: false })
    const asked: (string | null)[] = []
    const pages = [
      { ...wire.list210, has_more: true, next_page_url: `${BASE}/webhooks?limit=2&next=ffffffffffffffffffffffff` },
      { ...wire.list210, data: [wire.webhook220, wire.webhook220Inactive], has_more: true, next_page_url: null },
      { ...wire.list210, data: [], has_more: false },
    ]
    server.use(
      http.get(`${BASE}/webhooks`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('next'))
        return HttpResponse.json(pages[asked.length - 1])
      }),
    )
    const first = await right(adapter.list({ pageSize: 2 }))
    const second = await right(adapter.list({ pageSize: 2, cursor: first.nextCursor! }))
    const third = await right(adapter.list({ pageSize: 2, cursor: second.nextCursor! }))
    expect(asked).toEqual([null, 'ffffffffffffffffffffffff', wire.webhook220Inactive.id])
    expect(third.items).toHaveLength(0)
    expect(third.nextCursor).toBeUndefined()
    // 2.2.0 items decode onto the same model.
    expect(second.items.map((w) => [w.status, w.description])).toEqual([
      ['active', 'Server payments processor'],
      ['disabled', 'Server payments processor'],
    ])
  })

  it('stops on an empty page that claims more', async () => {
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE, retry: false })
    server.use(http.get(`${BASE}/webhooks`, () => HttpResponse.json({ ...wire.list210, data: [], has_more: true })))
    expect((await right(adapter.list())).nextCursor).toBeUndefined()
  })
})

describe('answers in documented shapes', () => {
  const adapter = () => conekta({ apiKey: API_KEY, baseUrl: BASE, retry: false })

  it('decodes 2.1.0 and 2.2.0 webhook answers', async () => {
    server.use(
      http.get(`${BASE}/webhooks/${wire.webhook210.id}`, () => HttpResponse.json(wire.webhook210)),
      http.get(`${BASE}/webhooks/${wire.webhook220.id}`, () => HttpResponse.json(wire.webhook220)),
    )
    expect(await right(adapter().get(wire.webhook210.id))).toMatchObject({ status: 'active', events: wire.webhook210.subscribed_events })
    expect(await right(adapter().get(wire.webhook220.id))).toMatchObject({ status: 'active', description: 'Server payments processor' })
  })

  it('accepts a DELETE answer in either version', async () => {
    server.use(http.delete(`${BASE}/webhooks/:id`, () => HttpResponse.json(wire.webhook210Deleted)))
    expect(await right(adapter().delete(wire.webhook210.id))).toBeUndefined()
  })

  it.each(Object.entries(wire.errors))('maps the %s envelope', async (_name, fixture) => {
    server.use(http.get(`${BASE}/webhooks/:id`, () => HttpResponse.json(fixture.body, { status: fixture.status })))
    const error = await left(adapter().get(wire.webhook210.id))
    expect(error.status).toBe(fixture.status)
    if ('log_id' in fixture.body) expect(error.requestId).toBe(fixture.body.log_id)
    expect(error._tag).toBe(
      { 401: 'AuthError', 402: 'ProviderError', 403: 'AuthError', 404: 'NotFound', 422: 'ValidationError', 428: 'Conflict', 500: 'ProviderError' }[
        fixture.status
      ],
    )
  })

  it('reports a body that is not a webhook as DecodeError', async () => {
    server.use(http.get(`${BASE}/webhooks/:id`, () => HttpResponse.json({ object: 'webhook', status: 'listening' })))
    const error = await left(adapter().get(wire.webhook210.id))
    expect(error._tag).toBe('DecodeError')
    expect(error.message).toContain('id')
  })
})
