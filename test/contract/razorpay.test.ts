import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { mountFake } from './modes.js'
import { runContractSuite } from './suite.js'

const KEY_ID = 'rzp_test_Cq4nF7kLm2Pz9X'
const KEY_SECRET = 'Zx81pQw3Lr0TnBv6Ysd2KmHu'
const WRONG_SECRET = 'wr0ngS3cretT7rq9LmPz2Kx'
const ACCOUNT = 'acc_H3kYHQ635sBwXG'

runContractSuite({
  name: 'razorpay',
  modes: ['msw', 'http'],
  events: ['payment.captured', 'refund.created'],
  url: (n) => `https://hooks.example.com/razorpay/${n}`,
  unknownId: 'HK890egfiItP3H',
  secrets: [KEY_SECRET, WRONG_SECRET, ...[KEY_SECRET, WRONG_SECRET].map((s) => Buffer.from(`${KEY_ID}:${s}`).toString('base64'))],
  createRetry: 'never-retried',
  setup: async (mode) => {
    const fake = createRazorpayFake({ keyId: KEY_ID, keySecret: KEY_SECRET, accounts: [ACCOUNT] })
    const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, 'https://api.razorpay.com')
    const settings = { baseUrl: mounted.baseUrl, account: ACCOUNT, retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 }
    return {
      provider: razorpay({ ...settings, keyId: KEY_ID, keySecret: KEY_SECRET }),
      withBadCredentials: razorpay({ ...settings, keyId: KEY_ID, keySecret: WRONG_SECRET }),
      faults: fake.faults,
      requestCount: () => fake.requests.length,
      requests: () => fake.requests,
      close: mounted.close,
    }
  },
})
