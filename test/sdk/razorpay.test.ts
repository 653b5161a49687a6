/**
 * The official Razorpay SDK (`razorpay@2.9.8`), unchanged but for its base URL and keys, against our
 * partner-webhooks fake served over real HTTP on loopback. The SDK hard-codes `https://api.razorpay.com`
 * as its axios instance's `baseURL`; pointing that one setting at the fake is the only change.
 */

import { manualClock, type ServedFake, serveFake } from '@unihook/core/testing'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import Razorpay from 'razorpay'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const ACCOUNT = 'acc_H3kYHQ635sBwXG'
const START = Date.parse('2026-01-01T00:00:00Z')
const clock = manualClock(START)
const fake = createRazorpayFake({ keyId: 'rzp_test_SdkPartner01', keySecret: 'sdk_secret_4Vq9', clock })
let served: ServedFake
let sdk: Razorpay

beforeAll(async () => {
  served = await serveFake(fake)
  sdk = new Razorpay({ key_id: fake.keyId, key_secret: fake.keySecret })
  ;(sdk.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = served.url
})
afterAll(() => served.close())
beforeEach(() => {
  fake.reset()
  clock.set(START)
})

const hookUrl = (n: number) => `https://hooks.example.com/razorpay/${n}`
const seconds = (ms: number) => Math.floor(ms / 1000)

/** The answer an SDK call was refused with: the SDK normalises axios errors to `{statusCode, error}`. */
async function refusal(call: Promise<unknown>): Promise<{ statusCode: number; error: { code: string; description: string; field?: string } }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!error) throw new Error('the SDK call succeeded')
  return error as { statusCode: number; error: { code: string; description: string } }
}

describe('razorpay@2.9.8 against the Razorpay fake', () => {
  it('creates a partner webhook and reads back the entity', async () => {
    const created = await sdk.webhooks.create(
      { url: hookUrl(1), events: ['payment.captured', 'refund.created'], alert_email: 'ops@example.com', secret: 'whsec_sdk_1' },
      ACCOUNT,
    )
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9]{14}$/),
      entity: 'webhook',
      url: hookUrl(1),
      events: ['payment.captured', 'refund.created'],
      alert_email: 'ops@example.com',
      secret_exists: true,
      active: true,
      owner_id: ACCOUNT.slice(4),
      created_at: seconds(START),
    })
    expect(created).not.toHaveProperty('secret')
    const request = fake.requests[0]
    expect(request?.path).toBe(`/v2/accounts/${ACCOUNT}/webhooks`)
    expect(request?.headers.get('user-agent')).toBe('razorpay-node@2.9.8')
    expect(await sdk.webhooks.fetch(created.id, ACCOUNT)).toEqual(created)
  })

  it('pages with count/skip and filters with from/to', async () => {
    const ids: string[] = []
    for (let n = 0; n < 5; n++) {
      ids.push((await sdk.webhooks.create({ url: hookUrl(n), events: ['payment.captured'] }, ACCOUNT)).id)
      clock.advance(60_000)
    }
    const newestFirst = [...ids].reverse()
    const pages = []
    for (let skip = 0; ; skip += 2) {
      const page = await sdk.webhooks.all({ count: 2, skip }, ACCOUNT)
      pages.push(page.items.map((w: { id: string }) => w.id))
      expect(page).toMatchObject({ entity: 'collection', count: page.items.length })
      if (page.items.length < 2) break
    }
    expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)])
    // The SDK's default page is 10 with skip 0.
    expect((await sdk.webhooks.all({}, ACCOUNT)).items).toHaveLength(5)
    const window = await sdk.webhooks.all({ from: seconds(START + 60_000), to: seconds(START + 180_000) }, ACCOUNT)
    expect(window.items.map((w: { id: string }) => w.id)).toEqual([ids[3], ids[2], ids[1]])
  })

  it('edits with url and events, and is refused an edit without them, as the fake documents', async () => {
    const { id } = await sdk.webhooks.create({ url: hookUrl(1), events: ['payment.captured'] }, ACCOUNT)
    clock.advance(5_000)
    const edited = await sdk.webhooks.edit({ url: hookUrl(2), events: ['refund.created', 'payment.failed'] }, id, ACCOUNT)
    expect(edited).toMatchObject({ id, url: hookUrl(2), events: ['refund.created', 'payment.failed'], updated_at: seconds(START + 5_000) })
    const refused = await refusal(sdk.webhooks.edit({ events: ['refund.created'] } as never, id, ACCOUNT))
    expect(refused.statusCode).toBe(400)
    expect(refused.error).toMatchObject({ code: 'BAD_REQUEST_ERROR', field: 'url' })
    expect((await sdk.webhooks.fetch(id, ACCOUNT)).url).toBe(hookUrl(2))
  })

  it('deletes, answering [], and a deleted webhook is gone', async () => {
    const { id } = await sdk.webhooks.create({ url: hookUrl(1), events: ['payment.captured'] }, ACCOUNT)
    expect(await sdk.webhooks.delete(id, ACCOUNT)).toEqual([])
    const missing = await refusal(sdk.webhooks.fetch(id, ACCOUNT))
    expect(missing.statusCode).toBe(404)
    expect(missing.error.code).toBe('BAD_REQUEST_ERROR')
  })
})
