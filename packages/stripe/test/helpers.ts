import type { StripeFake } from '../src/fake/index.js'

export const API_KEY = 'sk_test_51UnitKeyR2d2C3po0000000'
export const CONNECTED = 'acct_1UnitConnected00000001'

/** A fetch that calls the fake's handler directly, turning a dropped connection into fetch's TypeError. */
export const directFetch =
  (fake: StripeFake): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await fake.handle(new Request(input, init))
    if (response.type === 'error') throw new TypeError('fetch failed')
    return response
  }

/** The form parameters of a recorded request, as `[key, value]` pairs in order. */
export const formPairs = (body: string) => [...new URLSearchParams(body)]
