/**
 * The transport's `User-Agent`: the adapter's product token, then the user's own suffix, on every
 * attempt, over real HTTP on loopback (where the header is what a server really receives).
 */

import { anything, createTransport, failureByStatus, type TransportConfig } from '@unihook/core'
import { createFakeRuntime, json, serveFake } from '@unihook/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { left, right } from './helpers.js'

const fake = createFakeRuntime(() => json(200, { ok: true }))
let baseUrl = ''
let close: () => Promise<void>

beforeAll(async () => {
  const served = await serveFake(fake)
  baseUrl = served.url
  close = served.close
})
afterAll(() => close())

const transport = (overrides: Partial<TransportConfig>) =>
  createTransport({
    provider: 'fakepay',
    baseUrl,
    secrets: [],
    retry: false,
    mapFailure: (failure, ctx) => failureByStatus(failure, ctx, 'failed'),
    ...overrides,
  })
const ping = (config: Partial<TransportConfig>) => transport(config).request({ operation: 'get', method: 'GET', path: '/ping', decode: anything })
const lastAgent = () => fake.requests[fake.requests.length - 1]?.headers.get('user-agent')

describe('User-Agent', () => {
  it('names the adapter and its version, then the user’s suffix', async () => {
    await right(ping({ product: 'unihook-fakepay/1.2.3' }))
    expect(lastAgent()).toBe('unihook-fakepay/1.2.3')
    await right(ping({ product: 'unihook-fakepay/1.2.3', userAgent: ' my-shop/4.5 (+https://shop.example) ' }))
    expect(lastAgent()).toBe('unihook-fakepay/1.2.3 my-shop/4.5 (+https://shop.example)')
  })

  it('lets an explicit headers entry win, as every other header does', async () => {
    await right(ping({ product: 'unihook-fakepay/1.2.3', headers: { 'user-agent': 'custom/1' } }))
    expect(lastAgent()).toBe('custom/1')
  })

  it('refuses, before any request, a suffix no header can carry', async () => {
    const before = fake.requests.length
    for (const userAgent of ['evil\r\nx-injected: 1', 'naïve/1', 42]) {
      const error = await left(ping({ product: 'unihook-fakepay/1.2.3', userAgent: userAgent as string }))
      expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'userAgent' }] })
    }
    expect(fake.requests.length).toBe(before)
  })
})
