import { constantTimeEqual } from '@unihook/core'
import { ACME_EVENTS, acme, signAcme } from '../reference/acme.js'
import { createAcmeFake } from '../reference/acme-fake.js'
import { mountFake } from './modes.js'
import { runContractSuite } from './suite.js'

const API_KEY = 'acme_live_4b1d9c0e7f2a'
const SIGNING_KEY = 'acme_sign_8e2f61b0c9d3'

runContractSuite({
  name: 'acme',
  modes: ['msw', 'http'],
  events: ACME_EVENTS,
  url: (n) => `https://hooks.example.com/acme/${n}`,
  unknownId: 'wh_0000000000000000',
  secrets: [API_KEY, SIGNING_KEY, 'acme_wrong_91c3d2'],
  createRetry: 'never-retried',
  requestSignature: (req) =>
    constantTimeEqual(req.headers.get('acme-signature') ?? '', signAcme(SIGNING_KEY, req.headers.get('acme-timestamp') ?? '', req.body)),
  setup: async (mode) => {
    const fake = createAcmeFake({ apiKey: API_KEY, signingKey: SIGNING_KEY })
    const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, 'https://api.acme.test')
    const settings = { baseUrl: mounted.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 }
    return {
      provider: acme({ ...settings, apiKey: API_KEY, signingKey: SIGNING_KEY }),
      withBadCredentials: acme({ ...settings, apiKey: 'acme_wrong_91c3d2', signingKey: SIGNING_KEY }),
      faults: fake.faults,
      requestCount: () => fake.requests.length,
      requests: () => fake.requests,
      close: mounted.close,
    }
  },
})
