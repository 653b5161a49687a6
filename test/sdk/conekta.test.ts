/**
 * The official Conekta SDK (`conekta@9`, API 2.3.0), unchanged but for its base URL and key, against our
 * fake served over real HTTP on loopback. What it parses is what a user of the SDK would get.
 */

import { createConektaFake } from '@unihook/conekta/testing'
import { type ServedFake, serveFake } from '@unihook/core/testing'
import { Configuration, type GetWebhooksResponse, WebhookKeysApi, WebhooksApi } from 'conekta'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const KEY = 'key_sdk_conekta_8Hq2Lz'
const fake = createConektaFake({ apiKey: KEY })
let served: ServedFake
let webhooks: WebhooksApi
let keys: WebhookKeysApi

beforeAll(async () => {
  served = await serveFake(fake)
  const configuration = new Configuration({ accessToken: KEY, basePath: served.url })
  webhooks = new WebhooksApi(configuration)
  keys = new WebhookKeysApi(configuration)
})
afterAll(() => served.close())
beforeEach(() => fake.reset())

const hookUrl = (n: number) => `https://hooks.example.com/sdk/${n}`
/** The SDK hands out page URLs only; a caller reads the cursor from them. */
const cursorOf = (pageUrl: string | null | undefined, name: 'next' | 'previous') =>
  pageUrl ? (new URL(pageUrl).searchParams.get(name) ?? undefined) : undefined
/** The HTTP answer an SDK call was refused with (axios puts it on the error). */
async function refusal(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  const response = (error as { response?: { status: number; data: unknown } } | undefined)?.response
  if (!response) throw new Error('the SDK call did not fail with an HTTP answer')
  return response
}
const ids = (page: GetWebhooksResponse) => (page.data ?? []).map((w) => w.id)

describe('conekta@9 against the Conekta fake', () => {
  it('creates with events in one request, and the fake heard API 2.3.0 from the SDK', async () => {
    const { data, status } = await webhooks.createWebhook({ url: hookUrl(1), subscribed_events: ['order.paid', 'charge.paid'] }, 'en')
    expect(status).toBe(200)
    expect(data).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      object: 'webhook',
      url: hookUrl(1),
      status: 'listening',
      subscribed_events: ['order.paid', 'charge.paid'],
      livemode: false,
      active: true,
    })
    const request = fake.requests[0]
    expect(request?.headers.get('accept')).toBe('application/vnd.conekta-v2.3.0+json')
    expect(request?.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(request?.headers.get('user-agent')).toMatch(/^Conekta\/v2 NodeBindings/)
    expect(fake.requests).toHaveLength(1)
  })

  it('lists every page forward with `next` and back with `previous`', async () => {
    const created: string[] = []
    for (let n = 0; n < 7; n++) created.push((await webhooks.createWebhook({ url: hookUrl(n), subscribed_events: ['order.paid'] })).data.id as string)
    const newestFirst = [...created].reverse()
    const forward: GetWebhooksResponse[] = []
    let next: string | undefined
    do {
      const { data } = await webhooks.getWebhooks('en', undefined, 3, undefined, undefined, next)
      forward.push(data)
      next = cursorOf(data.next_page_url, 'next')
    } while (next)
    expect(forward.map(ids)).toEqual([newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6)])
    expect(forward.map((page) => page.has_more)).toEqual([true, true, false])
    expect(forward[0]).toMatchObject({ object: 'list', previous_page_url: null })
    const backward: GetWebhooksResponse[] = []
    let previous = cursorOf(forward[2]?.previous_page_url, 'previous')
    while (previous) {
      const { data } = await webhooks.getWebhooks('en', undefined, 3, undefined, undefined, undefined, previous)
      backward.push(data)
      previous = cursorOf(data.previous_page_url, 'previous')
    }
    expect(backward.map(ids)).toEqual([newestFirst.slice(3, 6), newestFirst.slice(0, 3)])
    const filtered = await webhooks.getWebhooks('en', undefined, 20, undefined, hookUrl(4))
    expect(ids(filtered.data)).toEqual([created[4]])
  })

  it('gets, updates (events and active), tests and deletes a webhook', async () => {
    const { data: created } = await webhooks.createWebhook({ url: hookUrl(1), subscribed_events: ['order.paid'] })
    const id = created.id as string
    expect((await webhooks.getWebhook(id)).data).toEqual(created)
    const { data: updated } = await webhooks.updateWebhook(id, { url: hookUrl(2), subscribed_events: ['charge.paid', 'order.expired'], active: false })
    expect(updated).toMatchObject({ id, url: hookUrl(2), subscribed_events: ['charge.paid', 'order.expired'], active: false })
    const { data: tested } = await webhooks.testWebhook(id)
    expect(tested).toMatchObject({ id, object: 'webhook' })
    expect(fake.pings.map((ping) => ping.webhookId)).toEqual([id])
    const { data: deleted } = await webhooks.deleteWebhook(id)
    expect(deleted).toMatchObject({ id, url: hookUrl(2) })
    const missing = await refusal(webhooks.getWebhook(id, 'en'))
    expect(missing.status).toBe(404)
    expect(missing.data).toMatchObject({ object: 'error', type: 'resource_not_found_error', details: [{ message: 'The resource was not found.' }] })
  })

  it('gets Conekta’s error envelope for a field API 2.3.0 does not have', async () => {
    // The SDK's types have no `synchronous`; a caller who sends it anyway is refused, not silently ignored.
    const refused = await refusal(webhooks.createWebhook({ url: hookUrl(1), synchronous: false } as never, 'en'))
    expect(refused.status).toBe(422)
    expect(refused.data).toMatchObject({ type: 'parameter_validation_error', details: [{ param: 'synchronous' }] })
    expect(fake.webhooks()).toHaveLength(0)
  })

  it('drives the webhook keys API: create with the PEM, list, get, deactivate, delete', async () => {
    const { data: created } = await keys.createWebhookKey('en', { active: true })
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      object: 'webhook_key',
      active: true,
      livemode: false,
      created_at: expect.any(Number),
    })
    expect(created.public_key).toContain('-----BEGIN PUBLIC KEY-----')
    const id = created.id as string
    const { data: list } = await keys.getWebhookKeys('en')
    expect(list).toMatchObject({ object: 'list', has_more: false })
    expect(list.data?.map((k) => [k.id, k.public_key])).toEqual([[id, null]])
    expect((await keys.getWebhookKey(id)).data).toMatchObject({ id, active: true })
    const { data: off } = await keys.updateWebhookKey(id, 'en', { active: false })
    expect(off).toMatchObject({ id, active: false, deactivated_at: expect.any(Number) })
    const { data: deleted } = await keys.deleteWebhookKey(id)
    expect(deleted).toMatchObject({ id, deleted: true })
    expect(fake.webhookKeys()).toHaveLength(0)
  })
})
