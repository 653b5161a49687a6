import { mswHandler } from '@unihook/core/testing/msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { conekta, type ConektaOptions } from '../src/index.js'
import { type ConektaFakeOptions, createConektaFake } from '../src/testing.js'
export { runLeft as left, runRight as right } from '@unihook/core/testing'

export const BASE = 'https://api.conekta.io'
export const API_KEY = 'key_test_Zq81Lm4Xc9Vb2Nk7'

export const server = setupServer()

export function useMsw(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
}

export function withFake(fakeOptions: ConektaFakeOptions = {}, adapterOptions: Partial<ConektaOptions> = {}) {
  const fake = createConektaFake({ apiKey: API_KEY, ...fakeOptions })
  server.use(mswHandler(fake, BASE))
  const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...adapterOptions })
  return { fake, adapter }
}

export const url = (n: number) => `https://hooks.example.com/conekta/${n}`
