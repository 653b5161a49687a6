export const API_KEY = 'sk_test_51UnitKeyR2d2C3po0000000'
export const CONNECTED = 'acct_1UnitConnected00000001'

/** The form parameters of a recorded request, as `[key, value]` pairs in order. */
export const formPairs = (body: string) => [...new URLSearchParams(body)]
