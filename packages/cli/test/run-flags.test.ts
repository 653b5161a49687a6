/**
 * The rate of each provider's budget: `--rate N`, `--rate PROVIDER=N`, else the provider's documented
 * limit from its descriptor (`capabilities.rateLimit`), else none. A provider registered at run time with
 * a documented limit shows the default; bad values are usage errors.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/errors.js'
import { registerFromEnv } from '../src/registry.js'
import { budgetsFor, ratesOf } from '../src/run-flags.js'
import { tempDir } from './helpers.js'

const temp = tempDir()
beforeAll(async () => {
  // Just enough of a descriptor for the registry, with a documented rate.
  const module = join(temp.dir, 'limited.mjs')
  writeFileSync(
    module,
    "export const limited = { name: 'limited', credentials: { build() {} }, sandbox: { fake() {} }, capabilities: { rateLimit: { requestsPerSecond: 7 } } }\n",
  )
  await registerFromEnv({ UNIHOOK_PROVIDERS: module })
})
afterAll(async () => {
  await registerFromEnv({})
  temp.cleanup()
})

const rates = (...rate: string[]) => ratesOf({ flags: rate.length ? { rate } : {} })

describe('--rate', () => {
  it("defaults to the provider's documented limit, else none", () => {
    expect(rates()('limited')).toBe(7)
    expect(rates()('razorpay')).toBeUndefined()
    expect(budgetsFor(rates(), 8)('limited').requestsPerSecond).toBe(7)
    expect(budgetsFor(rates(), 8)('razorpay').requestsPerSecond).toBe(Number.POSITIVE_INFINITY)
  })

  it('N sets every provider; PROVIDER=N one, over N', () => {
    expect(rates('2.5')('limited')).toBe(2.5)
    expect(rates('2.5')('razorpay')).toBe(2.5)
    const mixed = rates('razorpay=100', '3')
    expect(mixed('razorpay')).toBe(100)
    expect(mixed('limited')).toBe(3)
  })

  it('one budget per provider, shared by every caller', () => {
    const budget = budgetsFor(rates(), 4)
    expect(budget('razorpay')).toBe(budget('razorpay'))
    expect(budget('razorpay')).not.toBe(budget('limited'))
    expect(budget('razorpay').concurrency).toBe(4)
  })

  for (const bad of ['0', '-1', 'fast', '', 'razorpay=0', 'paypal=10']) {
    it(`refuses ${JSON.stringify(bad)} as a usage error`, () => {
      let thrown: unknown
      try {
        rates(bad)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(CliError)
      expect((thrown as CliError).exitCode).toBe(64)
      expect((thrown as CliError).message).toMatch(/--rate/)
    })
  }
})
