import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { manualClock, serveFake } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { CONEKTA_EVENTS, conekta, conektaVerifier } from '../src/index.js'
import { createConektaFake } from '../src/testing.js'

const KEY = 'key_fake_unit_4Xq9Lm2Z'
const ACCEPT = 'application/vnd.conekta-v2.1.0+json'
const accept = (version: string) => ({ accept: `application/vnd.conekta-v${version}+json` })

function client(fake: ReturnType<typeof createConektaFake>, headers: Record<string, string> = {}) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fake.handle(
      new Request(`https://api.conekta.io${path}`, {
        method,
        headers: { accept: ACCEPT, authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    )
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> }
  }
}

/** A 2.1.0 create body: `url` and `synchronous`, both required; no events field. */
const hook = (n: number) => ({ url: `https://hooks.example.com/${n}`, synchronous: false })

describe('createConektaFake', () => {
  it('answers a wrong or missing key with Conekta’s 401 envelope, localized', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const wrong = await client(fake, { authorization: 'Bearer key_other' })('GET', '/webhooks')
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({
      object: 'error',
      type: 'authentication_error',
      log_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      details: [
        {
          code: 'conekta.errors.authentication.missing_key',
          param: null,
          message: 'Acceso no autorizado.',
          debug_message: 'Please include your access key in your request.',
        },
      ],
    })
    const missing = await client(fake, { authorization: '', 'accept-language': 'en' })('GET', '/webhooks')
    expect(missing.status).toBe(401)
    expect(missing.body.details[0].message).toBe('Unauthorized access.')
  })

  it('accepts Basic auth with the key as user name, as Conekta’s curl examples do', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const basic = await client(fake, { authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` })('GET', '/webhooks')
    expect(basic.status).toBe(200)
  })

  it('refuses a request that names no API version, or one Conekta does not have', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const none = await client(fake, { accept: 'application/json' })('GET', '/webhooks')
    expect(none.status).toBe(400)
    expect(none.body).toMatchObject({ object: 'error', type: 'malformed_request_error', details: [{ code: 'conekta.errors.malformed_request.api_version' }] })
    const unknown = await client(fake, { ...accept('2.9.0'), 'accept-language': 'en' })('GET', '/webhooks')
    expect(unknown.status).toBe(400)
    expect(unknown.body.details[0].message).toBe('The API version 2.9.0 does not exist; use one of 2.0.0, 2.1.0, 2.2.0, 2.3.0.')
    expect(unknown.headers.has('conekta-media-type')).toBe(false)
    for (const version of ['2.0.0', '2.1.0', '2.2.0', '2.3.0']) {
      const answered = await client(fake, accept(version))('GET', '/webhooks')
      expect(answered.status).toBe(200)
      expect(answered.headers.get('conekta-media-type')).toBe(`conekta-v${version}; format=application/json`)
    }
  })

  it('speaks each version’s webhook schemas and answers in its shape', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const v20 = client(fake, accept('2.0.0'))
    const v21 = client(fake)
    const v23 = client(fake, accept('2.3.0'))
    // Conekta's 2.0.0 tutorial: a create with `status` and `subscribed_events`, no `synchronous`.
    const tutorial = await v20('POST', '/webhooks', {
      url: 'https://hooks.example.com/t',
      status: 'listening',
      subscribed_events: ['charge.paid', 'webhook_ping'],
    })
    expect(tutorial.status).toBe(200)
    expect(tutorial.body).toMatchObject({
      subscribed_events: ['charge.paid', 'webhook_ping'],
      synchronous: false,
      production_enabled: false,
      development_enabled: true,
    })
    // 2.1.0 knows no events field on create: the webhook gets every event, set afterwards with `events`.
    const old = await v21('POST', '/webhooks', hook(1))
    expect(old.body.subscribed_events).toHaveLength(CONEKTA_EVENTS.length)
    expect(old.body).not.toHaveProperty('active')
    // 2.2.0+: events at creation, `active` on update, no `synchronous` and no enabled flags.
    const created = await v23('POST', '/webhooks', { url: hook(2).url, subscribed_events: ['order.paid'] })
    expect(created.body).toEqual({
      id: created.body.id,
      object: 'webhook',
      url: hook(2).url,
      status: 'listening',
      subscribed_events: ['order.paid'],
      livemode: false,
      active: true,
    })
    const off = await v23('PUT', `/webhooks/${created.body.id}`, { active: false })
    expect(off.body).toMatchObject({ url: hook(2).url, active: false, subscribed_events: ['order.paid'] })
    // The same webhook through 2.1.0's eyes: switched off shows as both enabled flags false.
    expect((await v21('GET', `/webhooks/${created.body.id}`)).body).toMatchObject({ synchronous: false, production_enabled: false, development_enabled: false })
    fake.setDescription(created.body.id, 'Server payments processor')
    expect((await v23('GET', `/webhooks/${created.body.id}`)).body.description).toBe('Server payments processor')
    expect((await v21('GET', `/webhooks/${created.body.id}`)).body).not.toHaveProperty('description')
  })

  it('refuses, with the error envelope, every field a version does not know and every mistyped one', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const v21 = client(fake, { 'accept-language': 'en' })
    const v22 = client(fake, { ...accept('2.2.0'), 'accept-language': 'en' })
    const refusals: [typeof v21, string, string, unknown, string, string][] = [
      [v21, 'POST', '/webhooks', { ...hook(1), subscribed_events: ['order.paid'] }, 'subscribed_events', 'unknown'],
      [v21, 'POST', '/webhooks', { ...hook(1), description: 'x' }, 'description', 'unknown'],
      [v21, 'POST', '/webhooks', { ...hook(1), synchronous: 'no' }, 'synchronous', 'invalid'],
      [v22, 'POST', '/webhooks', { ...hook(1) }, 'synchronous', 'unknown'],
      [v22, 'POST', '/webhooks', { url: hook(1).url, active: true }, 'active', 'unknown'],
      [v22, 'POST', '/webhooks', { url: hook(1).url, description: 'x' }, 'description', 'unknown'],
      [v22, 'POST', '/webhooks', { url: hook(1).url, subscribed_events: 'order.paid' }, 'subscribed_events', 'invalid'],
      [v22, 'POST', '/webhooks', { url: 42 }, 'url', 'invalid'],
    ]
    for (const [call, method, path, body, param, reason] of refusals) {
      const result = await call(method, path, body)
      expect(result.status, JSON.stringify(body)).toBe(422)
      expect(result.body).toMatchObject({
        object: 'error',
        type: 'parameter_validation_error',
        details: [{ param, code: `conekta.errors.parameter_validation.${param}.${reason}` }],
      })
    }
    const { body } = await v21('POST', '/webhooks', hook(1))
    for (const [call, update, param] of [
      [v21, { url: hook(1).url, subscribed_events: ['order.paid'] }, 'subscribed_events'],
      [v21, { url: hook(1).url, active: false }, 'active'],
      [v22, { events: ['order.paid'] }, 'events'],
      [v22, { synchronous: true }, 'synchronous'],
      [v22, { active: 'false' }, 'active'],
    ] as const) {
      const result = await call('PUT', `/webhooks/${body.id}`, update)
      expect(result.status, JSON.stringify(update)).toBe(422)
      expect(result.body.details[0].param).toBe(param)
    }
    expect((await v21('POST', `/webhooks/${body.id}/test`, { force: true })).status).toBe(422)
    expect((await v21('POST', '/webhook_keys', { active: true, name: 'k' })).status).toBe(422)
    expect(fake.webhooks()).toHaveLength(1)
    expect(fake.webhooks()[0]).toMatchObject({ active: true, subscribed_events: [...CONEKTA_EVENTS] })
  })

  it('creates webhooks with 24-hex ids whose first 4 bytes are the clock’s seconds', async () => {
    const clock = manualClock(new Date('2024-05-01T00:00:00Z'))
    const fake = createConektaFake({ apiKey: KEY, clock })
    const created = await client(fake)('POST', '/webhooks', hook(1))
    expect(created.status).toBe(200)
    expect(created.headers.get('conekta-media-type')).toBe('conekta-v2.1.0; format=application/json')
    expect(created.body).toMatchObject({
      object: 'webhook',
      url: hook(1).url,
      status: 'listening',
      synchronous: false,
      production_enabled: false,
      development_enabled: true,
      livemode: false,
    })
    expect(created.body.id).toMatch(/^[0-9a-f]{24}$/)
    expect(parseInt(created.body.id.slice(0, 8), 16)).toBe(Date.parse('2024-05-01T00:00:00Z') / 1000)
  })

  it('validates like the API: url pattern, synchronous required, known events, url required on update', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    for (const body of [
      { ...hook(1), url: 'https://localhost/x' },
      { ...hook(1), url: 'https://example.com/127.0.0.1' },
      { ...hook(1), url: 'not a url' },
      { url: hook(1).url },
    ]) {
      const result = await call('POST', '/webhooks', body)
      expect(result.status).toBe(422)
      expect(result.body.type).toBe('parameter_validation_error')
    }
    const created = await call('POST', '/webhooks', hook(1))
    const noUrl = await call('PUT', `/webhooks/${created.body.id}`, { events: ['order.paid'] })
    expect(noUrl.status).toBe(422)
    expect(noUrl.body.details[0].param).toBe('url')
    expect((await call('POST', '/webhooks', '{nope')).status).toBe(400)
    expect(fake.webhooks()).toHaveLength(1)
  })

  it('relaxes the localhost rule when asked', async () => {
    const fake = createConektaFake({ apiKey: KEY, allowLocalhost: true })
    expect((await client(fake)('POST', '/webhooks', { ...hook(1), url: 'http://127.0.0.1:3000/hook' })).status).toBe(200)
  })

  it('refuses the 11th webhook', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    for (let i = 0; i < 10; i++) expect((await call('POST', '/webhooks', hook(i))).status).toBe(200)
    const refused = await call('POST', '/webhooks', hook(10))
    expect(refused.status).toBe(422)
    expect(refused.body.details[0].code).toContain('limit')
    expect(fake.webhooks()).toHaveLength(10)
  })

  it('pages with next/previous ids, limit 1..250 and the real envelope', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await call('POST', '/webhooks', hook(i))).body.id)
    const newest = [...ids].reverse()
    const first = await call('GET', '/webhooks?limit=2')
    expect(first.body).toMatchObject({ object: 'list', has_more: true, previous_page_url: null })
    expect(first.body.data.map((w: { id: string }) => w.id)).toEqual(newest.slice(0, 2))
    expect(first.body.next_page_url).toBe(`https://api.conekta.io/webhooks?limit=2&next=${newest[1]}`)
    const second = await call('GET', `/webhooks?limit=2&next=${newest[1]}`)
    expect(second.body.data.map((w: { id: string }) => w.id)).toEqual(newest.slice(2, 4))
    expect(second.body.previous_page_url).toBe(`https://api.conekta.io/webhooks?limit=2&previous=${newest[2]}`)
    const back = await call('GET', `/webhooks?limit=2&previous=${newest[2]}`)
    expect(back.body.data.map((w: { id: string }) => w.id)).toEqual(newest.slice(0, 2))
    const last = await call('GET', `/webhooks?limit=2&next=${newest[3]}`)
    expect(last.body).toMatchObject({ has_more: false, next_page_url: null })
    expect(last.body.data).toHaveLength(1)
    // A cursor whose item was deleted since still pages from where it stood.
    await call('DELETE', `/webhooks/${newest[1]}`)
    expect((await call('GET', `/webhooks?limit=2&next=${newest[1]}`)).body.data.map((w: { id: string }) => w.id)).toEqual(newest.slice(2, 4))
    for (const limit of ['0', '251', 'ten']) expect((await call('GET', `/webhooks?limit=${limit}`)).status).toBe(422)
    expect((await call('GET', '/webhooks?limit=250')).status).toBe(200)
    expect((await call('GET', '/webhooks?next=ffffffffffffffffffffffff')).status).toBe(422)
  })

  it('filters by url and keeps the filter in page URLs', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    await call('POST', '/webhooks', hook(1))
    await call('POST', '/webhooks', hook(2))
    const page = await call('GET', `/webhooks?url=${encodeURIComponent(hook(2).url)}`)
    expect(page.body.data.map((w: { url: string }) => w.url)).toEqual([hook(2).url])
  })

  it('answers unknown ids with the 404 envelope and DELETE with the object and deleted: true', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    const missing = await call('GET', '/webhooks/0123456789abcdef01234567')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({
      type: 'resource_not_found_error',
      details: [{ code: 'conekta.errors.resource_not_found.entity', debug_message: 'The object Webhook "0123456789abcdef01234567" could not be found.' }],
    })
    const created = await call('POST', '/webhooks', hook(1))
    const deleted = await call('DELETE', `/webhooks/${created.body.id}`)
    expect(deleted.body).toEqual({ ...created.body, deleted: true })
    expect(fake.webhooks()).toHaveLength(0)
  })

  it('updates with 2.1.0’s `events` and refuses unknown event names', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    const { body } = await call('POST', '/webhooks', hook(1))
    expect((await call('PUT', `/webhooks/${body.id}`, { url: hook(2).url, events: ['charge.paid'] })).body).toMatchObject({
      url: hook(2).url,
      subscribed_events: ['charge.paid'],
    })
    const unknown = await call('PUT', `/webhooks/${body.id}`, { url: hook(2).url, events: ['order.exploded'] })
    expect(unknown.status).toBe(422)
    expect(unknown.body.details[0].code).toBe('conekta.errors.parameter_validation.events.unknown_event')
  })

  it('records pings and lets a test set a status', async () => {
    const clock = manualClock(1_700_000_000_000)
    const fake = createConektaFake({ apiKey: KEY, clock })
    const call = client(fake)
    const { body } = await call('POST', '/webhooks', hook(1))
    fake.setStatus(body.id, 'intermittent_errors')
    const pinged = await call('POST', `/webhooks/${body.id}/test`)
    expect(pinged.body.status).toBe('intermittent_errors')
    expect(fake.pings).toEqual([{ webhookId: body.id, at: 1_700_000_000_000 }])
    expect((await call('POST', '/webhooks/0123456789abcdef01234567/test')).status).toBe(404)
  })

  it('injects faults through the core harness', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    fake.faults.failNext(1, { status: 503, retryAfter: 2 })
    const failed = await client(fake)('GET', '/webhooks')
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('2')
    expect((await client(fake)('GET', '/webhooks')).status).toBe(200)
    expect(fake.requests).toHaveLength(2)
  })

  it('serves webhook_keys: create with PEM, list with public_key null, update defaulting to deactivate, delete', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    const call = client(fake)
    const created = await call('POST', '/webhook_keys', {})
    expect(created.body).toMatchObject({ object: 'webhook_key', active: true, livemode: false, public_key: expect.stringContaining('BEGIN PUBLIC KEY') })
    const listed = await call('GET', '/webhook_keys')
    expect(listed.body.data[0]).toMatchObject({ id: created.body.id, public_key: null, deactivated_at: null, deleted: null })
    const got = await call('GET', `/webhook_keys/${created.body.id}`)
    expect(got.body).not.toHaveProperty('public_key')
    const off = await call('PUT', `/webhook_keys/${created.body.id}`, {})
    expect(off.body).toMatchObject({ active: false, deactivated_at: expect.any(Number) })
    const deleted = await call('DELETE', `/webhook_keys/${created.body.id}`)
    expect(deleted.body).toMatchObject({ id: created.body.id, deleted: true, active: false })
    expect((await call('GET', `/webhook_keys/${created.body.id}`)).status).toBe(404)
  })

  it('over real HTTP, POSTs a signed webhook_ping to the webhook URL on test', async () => {
    const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = []
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers })
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/conekta`
    const fake = createConektaFake({ apiKey: KEY, allowLocalhost: true, deliver: true })
    const served = await serveFake(fake)
    try {
      const adapter = conekta({ apiKey: KEY, baseUrl: served.url, allowLocalhostUrls: true })
      const key = await adapter.webhookKeys.create()()
      if (E.isLeft(key)) throw new Error(key.left.message)
      const webhook = await adapter.create({ url: hookUrl, events: ['order.paid'] })()
      if (E.isLeft(webhook)) throw new Error(webhook.left.message)
      expect(E.isRight(await adapter.test(webhook.right.id)())).toBe(true)
      expect(received).toHaveLength(1)
      const verified = await conektaVerifier({ publicKeys: [key.right.publicKey!] }).verify(received[0]!.body, received[0]!.headers)()
      if (E.isLeft(verified)) throw new Error(verified.left.message)
      expect(verified.right).toMatchObject({ type: 'webhook_ping', data: { livemode: false, action: 'ping' } })
      expect(fake.deliveries[0]).toMatchObject({ webhookId: webhook.right.id, keyId: key.right.id, outcome: { status: 200 } })
    } finally {
      await served.close()
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })

  it('sends URL credentials as Basic auth, and an unsigned ping when the account has no key', async () => {
    const seen: { url: string; headers: Headers }[] = []
    const fake = createConektaFake({
      apiKey: KEY,
      deliver: {
        fetch: async (input, init) => {
          seen.push({ url: String(input), headers: new Headers(init?.headers) })
          return new Response(null, { status: 500 })
        },
      },
    })
    const call = client(fake)
    const { body } = await call('POST', '/webhooks', { ...hook(1), url: 'https://user:pa55@hooks.example.com/1' })
    await call('POST', `/webhooks/${body.id}/test`)
    expect(seen[0]?.url).toBe('https://hooks.example.com/1')
    expect(seen[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('user:pa55').toString('base64')}`)
    expect(seen[0]?.headers.has('digest')).toBe(false)
    expect(fake.deliveries[0]?.outcome).toEqual({ status: 500 })
  })

  it('signs with the newest active key', async () => {
    const fake = createConektaFake({ apiKey: KEY, deliver: { fetch: async () => new Response('ok') } })
    const older = fake.addWebhookKey()
    const newer = fake.addWebhookKey()
    const call = client(fake)
    const { body } = await call('POST', '/webhooks', hook(1))
    await call('POST', `/webhooks/${body.id}/test`)
    expect(fake.deliveries[0]?.keyId).toBe(newer.id)
    await call('PUT', `/webhook_keys/${newer.id}`, { active: false })
    await call('POST', `/webhooks/${body.id}/test`)
    expect(fake.deliveries[1]?.keyId).toBe(older.id)
    const verify = async (publicKey: string, n: number) =>
      await conektaVerifier({ publicKeys: [publicKey] }).verify(fake.deliveries[n]!.body, fake.deliveries[n]!.headers)()
    expect(E.isRight(await verify(newer.publicKey, 0))).toBe(true)
    expect(E.isRight(await verify(older.publicKey, 1))).toBe(true)
  })

  it('reset empties everything', async () => {
    const fake = createConektaFake({ apiKey: KEY })
    await client(fake)('POST', '/webhooks', hook(1))
    fake.faults.failNext(1, { status: 500 })
    fake.reset()
    expect(fake.webhooks()).toHaveLength(0)
    expect(fake.requests).toHaveLength(0)
    expect(fake.faults.pending()).toBe(0)
  })
})
