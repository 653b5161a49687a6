import { stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import { mountFake } from './modes.js'
import { runContractSuite } from './suite.js'

const API_KEY = 'sk_test_51ContractKeyQ8w7e6r5t4y3u2i1o'
const WRONG_KEY = 'sk_test_51WrongKeyZ9x8c7v6b5n4m3l2k1j'

runContractSuite({
  name: 'stripe',
  modes: ['msw', 'http'],
  events: ['payment_intent.succeeded', 'charge.dispute.created'],
  url: (n) => `https://hooks.example.com/stripe/${n}`,
  unknownId: 'we_1NoSuchEndpoint000000000',
  secrets: [API_KEY, WRONG_KEY],
  // Every POST carries an Idempotency-Key kept across attempts: the retry is answered, never duplicated.
  createRetry: 'idempotent-key',
  setup: async (mode) => {
    const fake = createStripeFake({ apiKey: API_KEY })
    const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, 'https://api.stripe.com')
    const settings = { baseUrl: mounted.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 }
    return {
      provider: stripe({ ...settings, apiKey: API_KEY }),
      withBadCredentials: stripe({ ...settings, apiKey: WRONG_KEY }),
      faults: fake.faults,
      requestCount: () => fake.requests.length,
      requests: () => fake.requests,
      close: mounted.close,
    }
  },
})
