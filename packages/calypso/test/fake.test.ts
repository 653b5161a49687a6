import { manualClock } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { CALYPSO_PATHS } from '../src/endpoints.js'
import { createCalypsoFake } from '../src/fake/index.js'
import { calypsoSign } from '../src/signing.js'
import { calypsoVerifier } from '../src/verify.js'
import { ACCOUNT } from './helpers.js'

const API_KEY = 'c529e14832b34b74972365cf7bf02430'
const API_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52'
const NOW = Date.parse('2025-07-06T12:00:00.000Z')
const ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876'

function setup() {
  const clock = manualClock(NOW)
  const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT], clock })
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    const response = await fake.handle(
      new Request(`https://api.calypso.finance${path}`, {
        method,
        body: body === undefined ? null : text,
        headers: { 'content-type': 'application/json', Key: API_KEY, Sign: calypsoSign(API_SECRET, text), ...headers },
      }),
    )
    const answer = await response.text()
    return {
      status: response.status,
      type: response.type,
      headers: response.headers,
      body: answer ? (JSON.parse(answer) as Record<string, unknown>) : undefined,
    }
  }
  const create = (requestId = ID, extra: Record<string, unknown> = {}) =>
    call('POST', CALYPSO_PATHS.create, {
      account: ACCOUNT,
      timestamp: clock.now(),
      payload: { requestId, url: 'https://merchant.example/hook', notificationEventTypes: ['INVOICE_PAID'], ...extra },
    })
  return { fake, clock, call, create }
}

describe('the Calypso fake', () => {
  it('checks Key, then Sign over the received bytes, with the real envelope', async () => {
    const { call } = setup()
    const body = JSON.stringify({ account: ACCOUNT, timestamp: NOW })
    const wrongKey = await call('POST', CALYPSO_PATHS.list, body, { Key: 'nope' })
    expect(wrongKey.status).toBe(400)
    expect(wrongKey.body).toMatchObject({ errorCode: '002', message: 'Invalid API key', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) })
    const reSerialized = await call('POST', CALYPSO_PATHS.list, body, { Sign: calypsoSign(API_SECRET, JSON.stringify(JSON.parse(body), null, 1)) })
    expect(reSerialized.body).toMatchObject({ errorCode: '003' })
    const uppercase = await call('POST', CALYPSO_PATHS.list, body, { Sign: calypsoSign(API_SECRET, body).toUpperCase() })
    expect(uppercase.body).toMatchObject({ errorCode: '003' })
    const noSign = await call('POST', CALYPSO_PATHS.list, body, { Sign: '' })
    expect(noSign.body).toMatchObject({ errorCode: '003' })
    expect((await call('POST', CALYPSO_PATHS.list, body)).status).toBe(200)
    expect((await call('POST', CALYPSO_PATHS.list, body, { 'content-type': 'text/plain' })).body).toMatchObject({ errorCode: '001' })
  })

  it('enforces the ±3-minute window against its own clock, and dates its answers', async () => {
    const { call } = setup()
    const at = (timestamp: number) => call('POST', CALYPSO_PATHS.list, { account: ACCOUNT, timestamp })
    expect((await at(NOW - 180_000)).status).toBe(200)
    expect((await at(NOW + 180_000)).status).toBe(200)
    const late = await at(NOW - 180_001)
    expect([late.status, late.body?.errorCode]).toEqual([400, '011'])
    expect((await at(NOW + 180_001)).body?.errorCode).toBe('011')
    expect((await at(NOW / 1000)).body?.errorCode).toBe('011') // seconds, not milliseconds
    expect(late.headers.get('date')).toBe(new Date(NOW).toUTCString())
    expect((await call('POST', CALYPSO_PATHS.list, { account: ACCOUNT })).body?.errorCode).toBe('001')
  })

  it('checks the account: format 001, unknown 004', async () => {
    const { call } = setup()
    expect((await call('POST', CALYPSO_PATHS.list, { timestamp: NOW })).body?.errorCode).toBe('001')
    expect((await call('POST', CALYPSO_PATHS.list, { account: 'merchant', timestamp: NOW })).body?.errorCode).toBe('001')
    expect((await call('POST', CALYPSO_PATHS.list, { account: `0x${'0'.repeat(40)}`, timestamp: NOW })).body?.errorCode).toBe('004')
  })

  it('refuses what Calypso refuses on create', async () => {
    const { call, create } = setup()
    expect((await call('POST', CALYPSO_PATHS.create, { account: ACCOUNT, timestamp: NOW })).body?.errorCode).toBe('001')
    expect((await create('not-a-uuid')).body?.errorCode).toBe('001')
    expect((await create(ID, { url: 'ftp://x.example' })).body?.errorCode).toBe('001')
    expect((await create(ID, { notificationEventTypes: ['NOPE'] })).body?.errorCode).toBe('001')
    expect((await create(ID, { notificationEventTypes: [] })).body?.errorCode).toBe('001')
    expect((await call('POST', CALYPSO_PATHS.list, 'not json')).body?.errorCode).toBe('001')
  })

  it('generates keys, and refuses a requestId twice with 016', async () => {
    const { fake, create } = setup()
    const first = await create()
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      requestId: ID,
      publicKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      secretKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      createdDate: '2025-07-06T12:00:00.000Z',
      enabled: true,
      blockedByErrorCount: false,
      errorCount: 0,
      errorFirstDate: null,
      errorLastDate: null,
    })
    const again = await create()
    expect([again.status, again.body?.errorCode]).toEqual([400, '016'])
    expect(fake.subscriptions()).toHaveLength(1)
  })

  it('deletes with no content, then answers 004', async () => {
    const { call, create } = setup()
    await create()
    const body = { account: ACCOUNT, timestamp: NOW, payload: { requestId: ID } }
    const deleted = await call('DELETE', CALYPSO_PATHS.delete, body)
    expect([deleted.status, deleted.body]).toEqual([200, undefined])
    expect((await call('DELETE', CALYPSO_PATHS.delete, body)).body?.errorCode).toBe('004')
  })

  it('regenerates every key on {timestamp} alone', async () => {
    const { fake, call, create } = setup()
    await create()
    const before = fake.subscriptions()[0]!
    const answer = await call('DELETE', CALYPSO_PATHS.regenerateKeys, { timestamp: NOW })
    expect(answer.status).toBe(200)
    const after = fake.subscriptions()[0]!
    expect(after.publicKey).not.toBe(before.publicKey)
    expect(after.secretKey).not.toBe(before.secretKey)
    expect(answer.body).toMatchObject({ requestId: ID, secretKey: after.secretKey })
  })

  it('answers unknown paths and methods outside the envelope', async () => {
    const { call } = setup()
    expect((await call('POST', '/api/v1/subscription/nothing', {})).status).toBe(404)
    expect((await call('GET', CALYPSO_PATHS.list, undefined)).status).toBe(405)
  })

  it('processes, then loses, the answer when told to', async () => {
    const { fake, create } = setup()
    fake.faults.loseNext(1, { path: CALYPSO_PATHS.create })
    const response = await fake.handle(new Request('https://api.calypso.finance/x', { method: 'POST', body: '{}' }))
    expect(response.type).not.toBe('error') // the match leaves other paths alone
    expect((await create()).type).toBe('error')
    expect(fake.subscriptions()).toHaveLength(1)
    expect((await create()).body?.errorCode).toBe('016')
  })

  it('keeps each account its own list, while a requestId stays taken merchant-wide', async () => {
    const OTHER = '0x00000000000000000000000000000000000000aa'
    const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT, OTHER], clock: manualClock(NOW) })
    const call = async (method: string, path: string, body: unknown) => {
      const text = JSON.stringify(body)
      const response = await fake.handle(
        new Request(`https://api.calypso.finance${path}`, {
          method,
          body: text,
          headers: { 'content-type': 'application/json', Key: API_KEY, Sign: calypsoSign(API_SECRET, text) },
        }),
      )
      const answer = await response.text()
      return answer ? (JSON.parse(answer) as Record<string, unknown>) : undefined
    }
    const ids = ['3f2e1d0c-9b8a-4765-8432-10fedcba9801', '3f2e1d0c-9b8a-4765-8432-10fedcba9802', '3f2e1d0c-9b8a-4765-8432-10fedcba9803']
    const create = (account: string, requestId: string) =>
      call('POST', CALYPSO_PATHS.create, {
        account,
        timestamp: NOW,
        payload: { requestId, url: 'https://merchant.example/hook', notificationEventTypes: ['INVOICE_PAID'] },
      })
    await create(ACCOUNT, ids[0]!)
    await create(OTHER, ids[1]!)
    await create(ACCOUNT, ids[2]!)
    expect(await create(OTHER, ids[0]!)).toMatchObject({ errorCode: '016' })
    const listed = async (account: string) =>
      ((await call('POST', CALYPSO_PATHS.list, { account, timestamp: NOW }))!.subscriptions as { requestId: string }[]).map((s) => s.requestId)
    expect(await listed(ACCOUNT)).toEqual([ids[0], ids[2]])
    expect(await listed(OTHER)).toEqual([ids[1]])
    // Another account's subscription is not found through this one.
    expect(await call('DELETE', CALYPSO_PATHS.delete, { account: ACCOUNT, timestamp: NOW, payload: { requestId: ids[1] } })).toMatchObject({ errorCode: '004' })
    await call('DELETE', CALYPSO_PATHS.delete, { account: ACCOUNT, timestamp: NOW, payload: { requestId: ids[0] } })
    expect(await listed(ACCOUNT)).toEqual([ids[2]])
    expect(fake.subscriptions().map((s) => s.requestId)).toEqual([ids[1], ids[2]])
  })
})

describe('deliveries from the fake', () => {
  it('POSTs signed deliveries to the matching subscriptions only', async () => {
    const received: Request[] = []
    const withReceiver = createCalypsoFake({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      accounts: [ACCOUNT],
      fetch: async (input, init) => {
        received.push(new Request(input, init))
        return new Response('ok')
      },
    })
    const deliverer = setupWith(withReceiver)
    await deliverer.create(ID)
    await deliverer.create('0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', {
      url: 'https://merchant.example/payouts',
      notificationEventTypes: [],
      notificationServiceTypes: ['PAYOUT'],
    })
    const attempts = await withReceiver.deliver({ eventType: 'PAYOUT_CONFIRMED', data: { payoutId: 'p-1' } })
    expect(attempts.map((a) => [a.url, a.status, a.delivered])).toEqual([['https://merchant.example/payouts', 200, true]])
    const request = received[0]!
    const body = await request.text()
    const subscription = withReceiver.subscriptions()[1]!
    const verifier = calypsoVerifier({ secrets: { [subscription.publicKey as string]: subscription.secretKey as string } })
    const verified = await verifier.verify(body, request.headers)()
    if (E.isLeft(verified)) throw new Error(verified.left.message)
    expect(verified.right).toMatchObject({
      type: 'PAYOUT_CONFIRMED',
      service: 'PAYOUT',
      level: 'SUCCESS',
      subscriptionId: subscription.requestId,
      data: { payoutId: 'p-1' },
    })
    expect(JSON.parse(body).createdDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/)
  })

  it('books failures and blocks after more than 100 within 10 minutes', async () => {
    const clock = manualClock(NOW)
    const fake = createCalypsoFake({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      accounts: [ACCOUNT],
      clock,
      fetch: async () => new Response('no', { status: 503 }),
    })
    await setupWith(fake).create()
    await fake.deliver({ eventType: 'INVOICE_PAID' })
    expect(fake.subscriptions()[0]).toMatchObject({ errorCount: 1, errorFirstDate: '2025-07-06T12:00:00.000Z', blockedByErrorCount: false })
    for (let i = 0; i < 100; i++) {
      clock.advance(1000)
      await fake.deliver({ eventType: 'INVOICE_PAID' })
    }
    expect(fake.subscriptions()[0]).toMatchObject({ errorCount: 101, blockedByErrorCount: true })
    expect(await fake.deliver({ eventType: 'INVOICE_PAID' })).toEqual([])
  })
})

function setupWith(fake: ReturnType<typeof createCalypsoFake>) {
  const create = async (requestId = ID, extra: Record<string, unknown> = {}) => {
    const text = JSON.stringify({
      account: ACCOUNT,
      timestamp: fake.clock.now(),
      payload: { requestId, url: 'https://merchant.example/hook', notificationEventTypes: ['INVOICE_PAID'], ...extra },
    })
    const response = await fake.handle(
      new Request(`https://api.calypso.finance${CALYPSO_PATHS.create}`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/json', Key: API_KEY, Sign: calypsoSign(API_SECRET, text) },
      }),
    )
    expect(response.status).toBe(200)
  }
  return { create }
}
