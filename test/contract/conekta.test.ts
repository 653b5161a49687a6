import { type ConektaApiVersion, conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { describe } from 'vitest'
import { mountFake } from './modes.js'
import { runContractSuite } from './suite.js'

const API_KEY = 'key_test_7Hq2Lm9Xc4Vb8Nz1'
const WRONG_KEY = 'key_test_wR0nG5kQ3pZ8yT6u'

// The default version (2.3.0: events at creation, `active` writable) and 2.1.0 (two-step create, no writable `active`).
for (const apiVersion of ['2.3.0', '2.1.0'] as const satisfies readonly ConektaApiVersion[]) {
  describe(`API ${apiVersion}`, () =>
    runContractSuite({
      name: 'conekta',
      modes: ['msw', 'http'],
      events: ['order.paid', 'charge.refunded'],
      url: (n) => `https://hooks.example.com/conekta/${n}`,
      unknownId: '0123456789abcdef01234567',
      secrets: [API_KEY, WRONG_KEY],
      createRetry: 'never-retried',
      setup: async (mode) => {
        const fake = createConektaFake({ apiKey: API_KEY })
        const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, 'https://api.conekta.io')
        const settings = { apiVersion, baseUrl: mounted.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 }
        return {
          provider: conekta({ ...settings, apiKey: API_KEY }),
          withBadCredentials: conekta({ ...settings, apiKey: WRONG_KEY }),
          faults: fake.faults,
          requestCount: () => fake.requests.length,
          requests: () => fake.requests,
          close: mounted.close,
        }
      },
    }))
}
