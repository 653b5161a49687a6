import type { WebhookError } from '@unihook/core'
import { mswHandler } from '@unihook/core/testing/msw'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { conekta, type ConektaOptions } from '../src/index.js'
import { type ConektaFakeOptions, createConektaFake } from '../src/testing.js'

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

export async function right<A>(task: TaskEither<WebhookError, A>): Promise<A> {
  const result = await task()
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  return result.right
}

export async function left<A>(task: TaskEither<WebhookError, A>): Promise<WebhookError> {
  const result = await task()
  if (E.isRight(result)) throw new Error('expected an error, got success')
  return result.left
}

export const url = (n: number) => `https://hooks.example.com/conekta/${n}`
