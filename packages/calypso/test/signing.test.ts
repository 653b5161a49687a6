import { manualClock } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { calypsoSign, timestamps } from '../src/signing.js'

describe('Sign', () => {
  it("matches the docs' test vector", () => {
    // The test vector of https://docs.calypso.finance/get-started-with-calypso-api/api-authentication (docs/providers/calypso.md).
    expect(calypsoSign('b823a6b9ea72408583cef9ec8d67fa52', '{"timestamp":1}')).toBe(
      'b16e9d45f49f2069becbc4f108b237bee588cfc353fe9501df103e692acbc68d482a10d34c12bea22fedde7e28e1b8e57a6a0a373b0e9a27c5257bd8b36e13b9',
    )
  })

  it('is lowercase hex of 128 characters and depends on every byte', () => {
    const a = calypsoSign('secret-key-1', '{"timestamp":1}')
    expect(a).toMatch(/^[0-9a-f]{128}$/)
    expect(calypsoSign('secret-key-1', '{"timestamp": 1}')).not.toBe(a)
    expect(calypsoSign('secret-key-2', '{"timestamp":1}')).not.toBe(a)
    expect(calypsoSign('secret-key-1', new TextEncoder().encode('{"timestamp":1}'))).toBe(a)
  })
})

describe('request timestamps', () => {
  it('follow the clock in milliseconds and never repeat', () => {
    const clock = manualClock(1_720_000_000_000.7)
    const next = timestamps(clock)
    expect(next()).toBe(1_720_000_000_000)
    expect(next()).toBe(1_720_000_000_001)
    expect(next()).toBe(1_720_000_000_002)
    clock.advance(50)
    expect(next()).toBe(1_720_000_000_050)
  })

  it('follow a clock set back by more than a second at once', () => {
    const clock = manualClock(1_720_000_240_000)
    const next = timestamps(clock)
    next()
    clock.advance(-240_000)
    expect(next()).toBe(1_720_000_000_000)
  })
})
