import { constantTimeEqual } from '@unihook/core'
import { CALYPSO_BASE_URLS, calypso, calypsoSign } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { mountFake } from './modes.js'
import { runContractSuite } from './suite.js'

const API_KEY = 'c529e14832b34b74972365cf7bf02430'
const API_SECRET = 'b823a6b9ea72408583cef9ec8d67fa52'
const WRONG_KEY = '0f4e8d2c6b1a59e7d3c2b1a0f9e8d7c6'
const WRONG_SECRET = '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a'
const ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

runContractSuite({
  name: 'calypso',
  modes: ['msw', 'http'],
  events: ['INVOICE_PAID', 'PAYOUT_CHANGE_STATUS'],
  url: (n) => `https://hooks.example.com/calypso/${n}`,
  unknownId: '00000000-0000-4000-8000-000000000000',
  secrets: [API_KEY, API_SECRET, WRONG_KEY, WRONG_SECRET],
  createRetry: 'idempotent-key',
  // The `Sign` of each attempt is over its own bytes, which carry a millisecond timestamp.
  requestSignature: (req) => {
    const { timestamp } = JSON.parse(req.body) as { timestamp?: unknown }
    return Number.isInteger(timestamp) && constantTimeEqual(req.headers.get('sign') ?? '', calypsoSign(API_SECRET, req.body))
  },
  setup: async (mode) => {
    const fake = createCalypsoFake({ apiKey: API_KEY, apiSecret: API_SECRET, accounts: [ACCOUNT] })
    const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, CALYPSO_BASE_URLS.finance)
    const settings = { baseUrl: mounted.baseUrl, account: ACCOUNT, retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 }
    return {
      provider: calypso({ ...settings, apiKey: API_KEY, apiSecret: API_SECRET }),
      withBadCredentials: calypso({ ...settings, apiKey: WRONG_KEY, apiSecret: WRONG_SECRET }),
      faults: fake.faults,
      requestCount: () => fake.requests.length,
      requests: () => fake.requests,
      close: mounted.close,
    }
  },
})
