import { offsetClock, systemClock } from '@unihook/core/testing'
import { CALYPSO_BASE_URLS, CALYPSO_PATHS, type CalypsoOptions, calypso, calypsoSign } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import { type Mounted, mountFake } from '@unihook/core/testing/contract'

const API_KEY = 'c529e14832b34b74972365cf7bf02430'
const API_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52'
const ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

// What the shared suite cannot ask of every provider, and issue 5 asks of Calypso in both modes.
for (const mode of ['msw', 'http'] as const) {
  describe(`calypso contract, signed client-keyed requests (${mode})`, () => {
    let mounted: Mounted | undefined
    afterEach(async () => {
      await mounted?.close()
      mounted = undefined
    })

    async function setup(adapter: Partial<CalypsoOptions> = {}) {
      const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT] })
      mounted = await mountFake(mode, fake, CALYPSO_BASE_URLS.finance)
      const provider = calypso({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        account: ACCOUNT,
        baseUrl: mounted.baseUrl,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        timeoutMs: 5_000,
        ...adapter,
      })
      return { fake, provider }
    }

    it('retries a create whose first answer is lost under the same requestId, leaving exactly one subscription', async () => {
      const { fake, provider } = await setup()
      fake.faults.loseNext(1, { path: CALYPSO_PATHS.create })
      const result = await provider.create({ url: 'https://hooks.example.com/calypso/lost', events: ['INVOICE_PAID'] })()
      if (E.isLeft(result)) throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
      const creates = fake.requests.filter((r) => r.path === CALYPSO_PATHS.create)
      expect(creates).toHaveLength(2)
      const [first, retry] = creates.map((r) => JSON.parse(r.body) as { timestamp: number; payload: { requestId: string } })
      expect(retry!.payload.requestId).toBe(first!.payload.requestId)
      expect(result.right.id).toBe(first!.payload.requestId)
      // The retry is signed anew, over a new timestamp.
      expect(retry!.timestamp).toBeGreaterThan(first!.timestamp)
      for (const r of creates) expect(r.headers.get('sign')).toBe(calypsoSign(API_SECRET, r.body))
      expect(fake.subscriptions().map((s) => s.requestId)).toEqual([result.right.id])
    })

    it('answers a client clock 4 minutes off with the clock error', async () => {
      const { fake, provider } = await setup({ clock: offsetClock(4 * 60_000, systemClock) })
      const result = await provider.list()()
      if (E.isRight(result)) throw new Error('expected the clock error')
      expect(result.left).toMatchObject({ _tag: 'ValidationError', source: 'provider', providerCode: '011', retryable: false })
      // By how much, to the second the fake's Date header can tell.
      expect(result.left.message).toMatch(/4\.0 min \((239|240|241) s\) ahead of Calypso's/)
      expect(fake.requests).toHaveLength(1)
    })
  })
}
