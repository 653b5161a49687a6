/**
 * The failures a signed, client-keyed API must survive, run with the fake mounted under msw and served
 * over real HTTP: a create whose answer is lost, retries that must be signed anew, a client clock that is
 * off.
 */

import { offsetClock, serveFake, systemClock } from '@unihook/core/testing'
import { mswHandler } from '@unihook/core/testing/msw'
import * as E from 'fp-ts/Either'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import { calypso } from '../src/adapter.js'
import type { CalypsoOptions } from '../src/options.js'
import { CALYPSO_BASE_URLS, CALYPSO_PATHS } from '../src/endpoints.js'
import { createCalypsoFake } from '../src/fake/index.js'
import { calypsoSign } from '../src/signing.js'
import { ACCOUNT, sent } from './helpers.js'

const API_KEY = 'c529e14832b34b74972365cf7bf02430'
const API_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52'

for (const mode of ['msw', 'http'] as const) {
  describe(`resilience (${mode})`, () => {
    let close: () => Promise<void> = async () => {}
    afterEach(async () => close())

    async function setup(adapter: Partial<CalypsoOptions> = {}) {
      const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT] })
      let baseUrl: string = CALYPSO_BASE_URLS.finance
      if (mode === 'http') {
        const served = await serveFake(fake)
        baseUrl = served.url
        close = served.close
      } else {
        const server = setupServer(mswHandler(fake, baseUrl))
        server.listen({ onUnhandledRequest: 'error' })
        close = async () => server.close()
      }
      const provider = calypso({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        account: ACCOUNT,
        baseUrl,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        timeoutMs: 5_000,
        ...adapter,
      })
      return { fake, provider }
    }

    it('retries a create whose answer was lost under the same requestId, leaving exactly one subscription', async () => {
      const { fake, provider } = await setup()
      fake.faults.loseNext(1, { path: CALYPSO_PATHS.create })
      const result = await provider.create({ url: 'https://merchant.example/lost', events: ['INVOICE_PAID'] })()
      if (E.isLeft(result)) throw new Error(result.left.message)
      const creates = sent(fake).filter((r) => r.path === CALYPSO_PATHS.create)
      expect(creates).toHaveLength(2)
      const [first, retry] = creates
      expect(retry!.body.payload!.requestId).toBe(first!.body.payload!.requestId)
      expect(retry!.body.timestamp).toBeGreaterThan(first!.body.timestamp)
      expect(fake.subscriptions()).toHaveLength(1)
      expect(result.right.id).toBe(first!.body.payload!.requestId)
      // The retry met 016 and the adapter found its own subscription by listing.
      expect(sent(fake).map((r) => r.path)).toEqual([CALYPSO_PATHS.create, CALYPSO_PATHS.create, CALYPSO_PATHS.list])
      expect(result.right.secret?.kind).toBe('value')
    })

    it('says which requestId to look up when a lost create cannot be retried', async () => {
      const { fake, provider } = await setup({ retry: false })
      fake.faults.loseNext(1, { path: CALYPSO_PATHS.create })
      const result = await provider.create({ url: 'https://merchant.example/lost', events: ['INVOICE_PAID'] })()
      if (E.isRight(result)) throw new Error('expected the lost answer to surface')
      expect(result.left._tag).toBe('NetworkError')
      const requestId = sent(fake)[0]!.body.payload!.requestId as string
      expect(result.left.message).toContain(`get('${requestId}')`)
      const found = await provider.get(requestId)()
      expect(E.isRight(found) && found.right.url).toBe('https://merchant.example/lost')
    })

    it('retries a create refused by a dropped connection (not carried out) into one subscription', async () => {
      const { fake, provider } = await setup()
      fake.faults.dropNext(1)
      const result = await provider.create({ url: 'https://merchant.example/dropped', events: ['INVOICE_PAID'] })()
      expect(E.isRight(result)).toBe(true)
      expect(sent(fake).map((r) => r.path)).toEqual([CALYPSO_PATHS.create, CALYPSO_PATHS.create])
      expect(fake.subscriptions()).toHaveLength(1)
    })

    it('gives each attempt a new timestamp and a valid signature', async () => {
      const { fake, provider } = await setup()
      fake.faults.failNext(2, { status: 503 })
      const result = await provider.list()()
      expect(E.isRight(result)).toBe(true)
      const attempts = sent(fake)
      expect(attempts).toHaveLength(3)
      const stamps = attempts.map((a) => a.body.timestamp)
      expect(new Set(stamps).size).toBe(3)
      expect([...stamps].sort((a, b) => a - b)).toEqual(stamps)
      for (const a of attempts) {
        expect(a.raw.headers.get('sign')).toBe(calypsoSign(API_SECRET, a.raw.body))
        expect(Math.abs(a.body.timestamp - Date.now())).toBeLessThan(60_000)
      }
      expect(new Set(attempts.map((a) => a.raw.headers.get('sign'))).size).toBe(3)
    })

    it('answers a client clock 4 minutes off with the clock error', async () => {
      const { fake, provider } = await setup({ clock: offsetClock(4 * 60_000, systemClock) })
      const result = await provider.list()()
      if (E.isRight(result)) throw new Error('expected the clock error')
      expect(result.left).toMatchObject({ _tag: 'ValidationError', providerCode: '011', status: 400 })
      // The fake's Date header has a one-second resolution.
      expect(result.left.message).toMatch(/ahead of Calypso's/)
      expect(result.left.message).toMatch(/\((239|240|241) s\)/)
      expect(fake.requests).toHaveLength(1)
    })
  })
}
