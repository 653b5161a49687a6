/**
 * Both implementations of `#crypto` side by side: the Node one (`node:crypto`, synchronous) and the Web
 * Crypto one that workers, edge runtimes and browsers get. Each must give the same answer for the same
 * input, a prefixed HMAC included (the Node one feeds the prefix and the body in turn, the Web one joins them).
 */

import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as node from '../src/verify/crypto-node.js'
import * as web from '../src/verify/crypto-web.js'

const BODY = '{"id":"evt_1","object":"event","note":"é ✓"}'
const bytes = new TextEncoder().encode(BODY)
const mac = (algorithm: 'sha256' | 'sha512', text: string) => createHmac(algorithm, 'whsec_backends').update(text).digest('hex')

describe.each([
  ['node', node],
  ['web', web],
] as const)('the %s crypto backend', (_name, backend) => {
  it.each(['sha256', 'sha512'] as const)('checks a %s HMAC of the body, text or bytes, with and without a prefix', async (algorithm) => {
    const key = backend.hmacKey(algorithm, 'whsec_backends')
    const prefixed = mac(algorithm, `1780000000.${BODY}`)
    for (const body of [BODY, bytes]) {
      expect(await backend.hmacMatches(algorithm, key, body, mac(algorithm, BODY))).toBe(true)
      expect(await backend.hmacMatches(algorithm, key, body, prefixed, '1780000000.')).toBe(true)
      expect(await backend.hmacMatches(algorithm, key, body, prefixed.toUpperCase(), '1780000000.')).toBe(true)
      expect(await backend.hmacMatches(algorithm, key, body, prefixed)).toBe(false)
      expect(await backend.hmacMatches(algorithm, key, body, prefixed, '1780000001.')).toBe(false)
    }
  })

  it('matches nothing but hex: control characters that lowercase onto digits, and other text, never match', async () => {
    const key = backend.hmacKey('sha256', 'whsec_backends')
    const signature = mac('sha256', BODY)
    // `| 0x20` maps 0x10–0x19 onto '0'–'9': the signature with its digits so replaced must not match.
    const controls = signature.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0x20))
    expect(controls).not.toBe(signature)
    expect(await backend.hmacMatches('sha256', key, BODY, controls)).toBe(false)
    expect(await backend.hmacMatches('sha256', key, BODY, `${signature.slice(0, 62)}zz`)).toBe(false)
    expect(await backend.hmacMatches('sha256', key, BODY, signature)).toBe(true)
    // A pair that is not hex must not stand for the byte 00 (what parsing it as hex would give).
    const body = Array.from({ length: 4096 }, (_, i) => `${BODY}${i}`).find((text) => mac('sha256', text).endsWith('00'))!
    expect(await backend.hmacMatches('sha256', key, body, mac('sha256', body))).toBe(true)
    expect(await backend.hmacMatches('sha256', key, body, `${mac('sha256', body).slice(0, 62)}zz`)).toBe(false)
  })

  it('leaves the given bytes as they were', async () => {
    const body = Uint8Array.from(bytes)
    await backend.hmacMatches('sha256', backend.hmacKey('sha256', 'k'), body, mac('sha256', BODY), '1.')
    expect(body).toEqual(bytes)
  })
})
