import { createReceiver, type NormalizedEvent } from '@unihook/core'
import { manualClock } from '@unihook/core/testing'
import { mswHandler } from '@unihook/core/testing/msw'
import { razorpay, type RazorpayEvent, razorpayVerifier } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import * as E from 'fp-ts/Either'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { describe, expect, it } from 'vitest'
import { ACCOUNT } from './fixtures.js'

const KEY_ID = 'rzp_test_Cq4nF7kLm2Pz9X'
const KEY_SECRET = 'Zx81pQw3Lr0TnBv6Ysd2KmHu'
const BASE = 'https://api.razorpay.com'
const basic = (id = KEY_ID, key = KEY_SECRET) => `Basic ${Buffer.from(`${id}:${key}`).toString('base64')}`

function setup(options: Parameters<typeof createRazorpayFake>[0] = {}) {
  const fake = createRazorpayFake({ keys: { [KEY_ID]: KEY_SECRET }, ...options })
  const call = async (method: string, path: string, body?: unknown, auth: string | null = basic()) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (auth !== null) headers.authorization = auth
    const response = await fake.handle(
      new Request(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }),
    )
    return { status: response.status, body: (await response.json()) as any }
  }
  const hooks = `/v2/accounts/${ACCOUNT}/webhooks`
  const create = (n: number, extra: Record<string, unknown> = {}) =>
    call('POST', hooks, { url: `https://shop.example.com/${n}`, events: ['payment.captured'], ...extra })
  return { fake, call, create, hooks }
}

describe('the fake: auth', () => {
  it("answers missing, unknown and wrong keys with Razorpay's 401 envelope", async () => {
    const { call, hooks } = setup()
    const cases = [
      [null, 'Please provide your api key for authentication purposes.'],
      [basic('rzp_test_Unknown000001'), 'The api key provided is invalid'],
      [basic(KEY_ID, 'not-the-secret'), 'The api secret provided is invalid'],
    ] as const
    for (const [auth, description] of cases) {
      const answer = await call('GET', hooks, undefined, auth)
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ error: { code: 'BAD_REQUEST_ERROR', description, source: 'NA', step: 'NA', reason: 'NA', metadata: {} } })
    }
  })
})

describe('the fake: webhooks', () => {
  it('creates the documented entity, with secret_exists only when a secret was set', async () => {
    const clock = manualClock(new Date('2024-05-01T00:00:00Z'))
    const { create } = setup({ clock })
    const withSecret = await create(1, { secret: 'abc123', alert_email: 'ops@shop.example.com' })
    expect(withSecret.status).toBe(200)
    expect(withSecret.body).toEqual({
      id: expect.stringMatching(/^[0-9A-Za-z]{14}$/),
      created_at: 1714521600,
      updated_at: 1714521600,
      service: 'beta-api-test',
      owner_id: 'H3kYHQ635sBwXG',
      owner_type: 'merchant',
      context: [],
      disabled_at: 0,
      url: 'https://shop.example.com/1',
      alert_email: 'ops@shop.example.com',
      secret_exists: true,
      entity: 'webhook',
      active: true,
      events: ['payment.captured'],
    })
    expect((await create(2)).body).not.toHaveProperty('secret_exists')
  })

  it('validates like the API: URL length and form, event names, extra fields, emails', async () => {
    const { create, call, hooks } = setup()
    const url255 = `https://shop.example.com/${'a'.repeat(230)}`
    expect(url255).toHaveLength(255)
    expect((await call('POST', hooks, { url: url255, events: ['order.paid'] })).status).toBe(200)
    const tooLong = await call('POST', hooks, { url: `${url255}b`, events: ['order.paid'] })
    expect(tooLong).toMatchObject({ status: 400, body: { error: { description: 'The url may not be greater than 255 characters.', field: 'url' } } })
    expect((await call('POST', hooks, { url: 'nope', events: ['order.paid'] })).body.error.description).toBe('The url is not a valid URL.')
    const events = await create(3, { events: ['payment.captured', 'account.activated', 'nope'] })
    expect(events).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'BAD_REQUEST_ERROR',
          description: 'Invalid event name/names: account.activated, nope',
          field: 'events',
          reason: 'input_validation_failed',
        },
      },
    })
    expect((await call('POST', hooks, { url: 'https://shop.example.com/4' })).body.error.description).toBe('The events field is required.')
    expect((await create(5, { description: 'x' })).body.error.description).toBe('description is/are not required and should not be sent')
    expect((await create(6, { alert_email: 'nope' })).body.error.field).toBe('alert_email')
    expect((await call('POST', hooks, '{not json')).status).toBe(400)
    // The map form the docs' `object` label allows.
    expect((await create(7, { events: { 'order.paid': true, 'refund.created': false } })).body.events).toEqual(['order.paid'])
  })

  it('holds at most 30 webhooks per account', async () => {
    const { create, call } = setup()
    for (let i = 0; i < 30; i++) expect((await create(i)).status).toBe(200)
    const refused = await create(30)
    expect(refused.status).toBe(400)
    expect(refused.body.error.description).toBe('Maximum number of webhooks allowed per account is 30')
    // Another account has its own 30.
    expect((await call('POST', '/v2/accounts/acc_JOGUdtKu3dB03d/webhooks', { url: 'https://shop.example.com/x', events: ['order.paid'] })).status).toBe(200)
  })

  it('pages with count and skip inside a collection envelope, newest first, and filters by from/to', async () => {
    const clock = manualClock(new Date('2024-05-01T00:00:00Z'))
    const { create, call, hooks } = setup({ clock })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      ids.push((await create(i)).body.id)
      clock.advance(1000)
    }
    const page = await call('GET', `${hooks}?count=2&skip=1`)
    expect(page.body).toMatchObject({ entity: 'collection', count: 2 })
    expect(page.body.items.map((w: { id: string }) => w.id)).toEqual([ids[3], ids[2]])
    expect((await call('GET', hooks)).body.count).toBe(5)
    const from = 1714521600 + 1
    const to = 1714521600 + 3
    expect((await call('GET', `${hooks}?from=${from}&to=${to}`)).body.items.map((w: { id: string }) => w.id)).toEqual([ids[3], ids[2], ids[1]])
    expect((await call('GET', `${hooks}?count=101`)).body.error.description).toBe('The count may not be greater than 100.')
    expect((await call('GET', `${hooks}?count=0`)).body.error.description).toBe('The count must be at least 1.')
    expect((await call('GET', `${hooks}?skip=-1`)).status).toBe(400)
    expect((await call('GET', `${hooks}?url=x`)).body.error.description).toBe('url is/are not required and should not be sent')
  })

  it('keeps pages newest first when the clock steps back, across deletes, with skip past a from/to range', async () => {
    const clock = manualClock(new Date('2024-05-01T00:00:10Z'))
    const { create, call, hooks } = setup({ clock })
    const at: Record<string, number> = {}
    for (const [n, second] of [
      [0, 10],
      [1, 12],
      [2, 11],
      [3, 12],
      [4, 9],
    ] as const) {
      clock.set(Date.parse('2024-05-01T00:00:00Z') + second * 1000)
      at[(await create(n)).body.id] = second
    }
    const ids = (query: string) => call('GET', `${hooks}${query}`).then((r) => r.body.items.map((w: { id: string }) => w.id) as string[])
    const all = await ids('')
    // Newest first by created_at; webhooks created in the same second, the later one first.
    expect(all.map((id) => at[id])).toEqual([12, 12, 11, 10, 9])
    const base = 1714521600
    expect(await ids(`?from=${base + 10}&to=${base + 11}`)).toEqual(all.slice(2, 4))
    expect(await ids(`?from=${base + 10}&to=${base + 11}&skip=1`)).toEqual(all.slice(3, 4))
    expect(await ids(`?from=${base + 10}&to=${base + 11}&skip=2`)).toEqual([])
    await call('DELETE', `${hooks}/${all[1]}`)
    expect(await ids('?count=2&skip=1')).toEqual([all[2], all[3]])
  })

  it('PATCH needs url and events, sets the rest, and DELETE answers []', async () => {
    const clock = manualClock(new Date('2024-05-01T00:00:00Z'))
    const { fake, create, call, hooks } = setup({ clock })
    const { id } = (await create(1)).body
    expect((await call('PATCH', `${hooks}/${id}`, { events: ['order.paid'] })).body.error.description).toBe('The url field is required.')
    expect((await call('PATCH', `${hooks}/${id}`, { url: 'https://shop.example.com/2' })).body.error.description).toBe('The events field is required.')
    clock.advance(60_000)
    const patched = await call('PATCH', `${hooks}/${id}`, { url: 'https://shop.example.com/2', events: ['order.paid'], secret: 'new-secret', active: false })
    expect(patched.body).toMatchObject({
      url: 'https://shop.example.com/2',
      events: ['order.paid'],
      secret_exists: true,
      active: false,
      updated_at: 1714521660,
      disabled_at: 1714521660,
    })
    expect(fake.webhooks(ACCOUNT)[0]?.secret).toBe('new-secret')
    expect(await call('DELETE', `${hooks}/${id}`)).toEqual({ status: 200, body: [] })
    expect(await call('GET', `${hooks}/${id}`)).toMatchObject({ status: 404, body: { error: { description: 'The id provided does not exist' } } })
  })

  it('refuses malformed ids and unknown routes the way Razorpay does', async () => {
    const { call, hooks } = setup({ accounts: [ACCOUNT] })
    expect((await call('GET', `${hooks}/short`)).body.error.description).toBe('short is not a valid id')
    expect((await call('GET', '/v2/accounts/H3kYHQ635sBwXG/webhooks')).body.error.description).toBe('H3kYHQ635sBwXG is not a valid id')
    expect((await call('GET', '/v2/accounts/acc_ZZZZZZZZZZZZZZ/webhooks')).status).toBe(404)
    expect((await call('GET', '/v1/webhooks')).body.error.description).toBe('The requested URL was not found on the server.')
    expect((await call('PUT', `${hooks}/HK890egfiItP3H`)).status).toBe(400)
  })
})

describe('the fake: deliveries', () => {
  it('posts an event to every subscribed, active webhook, each signed with its own secret', async () => {
    const fake = createRazorpayFake({ keys: { [KEY_ID]: KEY_SECRET }, clock: manualClock(new Date('2024-05-01T00:00:00Z')) })
    const received: { url: string; body: string; headers: Headers }[] = []
    const server = setupServer(
      mswHandler(fake, BASE),
      http.post('https://shop.example.com/*', async ({ request }) => {
        received.push({ url: request.url, body: await request.text(), headers: request.headers })
        return HttpResponse.text('ok')
      }),
    )
    server.listen({ onUnhandledRequest: 'error' })
    try {
      const provider = razorpay({ keyId: KEY_ID, keySecret: KEY_SECRET, account: ACCOUNT })
      const made = async (n: number, events: RazorpayEvent[], generateSecret = true) => {
        const result = await provider.create({ url: `https://shop.example.com/${n}`, events, generateSecret })()
        if (E.isLeft(result)) throw new Error(result.left.message)
        return result.right
      }
      const a = await made(1, ['payment.captured', 'refund.created'])
      const b = await made(2, ['payment.captured'])
      await made(3, ['refund.created'])
      const muted = await made(4, ['payment.captured'])
      fake.disable(ACCOUNT, muted.id)
      const unsigned = await made(5, ['payment.captured'], false)

      const results = await fake.deliver({
        account: ACCOUNT,
        event: 'payment.captured',
        payload: { payment: { entity: { id: 'pay_1' } } },
        eventId: 'evt_Delivery00001',
      })
      expect(results.map((r) => r.webhookId).sort()).toEqual([a.id, b.id, unsigned.id].sort())
      expect(results.every((r) => 'status' in r && r.status === 200)).toBe(true)
      expect(received.map((r) => r.url).sort()).toEqual(['https://shop.example.com/1', 'https://shop.example.com/2', 'https://shop.example.com/5'])

      const secretOf = (w: typeof a) => (w.secret?.kind === 'value' ? w.secret.value : undefined)
      for (const [webhook, target] of [
        [a, 'https://shop.example.com/1'],
        [b, 'https://shop.example.com/2'],
      ] as const) {
        const delivery = received.find((r) => r.url === target)!
        const receiver = createReceiver([razorpayVerifier({ secrets: [secretOf(webhook)!] })])
        const verified = await receiver.receiveRaw(delivery.body, delivery.headers)()
        expect(E.isRight(verified)).toBe(true)
        const event = (verified as E.Right<{ event: NormalizedEvent }>).right.event
        expect(event).toMatchObject({ id: 'evt_Delivery00001', type: 'payment.captured', account: ACCOUNT, createdAt: new Date('2024-05-01T00:00:00Z') })
        expect(event.data).toEqual({ payment: { entity: { id: 'pay_1' } } })
      }
      // One webhook's secret does not verify another's delivery.
      const other = received.find((r) => r.url === 'https://shop.example.com/2')!
      expect(E.isLeft(await razorpayVerifier({ secrets: [secretOf(a)!] }).verify(other.body, other.headers)())).toBe(true)
      // A webhook without a secret gets no signature.
      expect(received.find((r) => r.url === 'https://shop.example.com/5')?.headers.get('x-razorpay-signature')).toBeNull()

      // After a rotation, new deliveries are signed with the new secret; a receiver holding both accepts either.
      const rotation = await provider.rotateSecret(a.id)()
      if (E.isLeft(rotation)) throw new Error(rotation.left.message)
      received.length = 0
      await fake.deliver({ account: ACCOUNT, event: 'refund.created' })
      const afterRotation = received.find((r) => r.url === 'https://shop.example.com/1')!
      expect(E.isLeft(await razorpayVerifier({ secrets: [secretOf(a)!] }).verify(afterRotation.body, afterRotation.headers)())).toBe(true)
      expect(E.isRight(await razorpayVerifier({ secrets: [secretOf(a)!, rotation.right.secret!] }).verify(afterRotation.body, afterRotation.headers)())).toBe(
        true,
      )
    } finally {
      server.close()
    }
  })
})
