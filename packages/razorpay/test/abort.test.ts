/**
 * An `apply` aborted through its signal while creates are in flight: each in-flight create is treated
 * like a lost answer (looked up without the aborted signal), and every webhook that exists afterwards
 * comes back with its secret, found (`succeeded`) or possibly created (`failed[].secret`).
 */

import { apply, plan, possibleSecretOf, type Webhook } from '@unihook/core'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { ACCOUNT } from './fixtures.js'

const KEY_ID = 'rzp_test_Cq4nF7kLm2Pz9X'
const KEY_SECRET = 'Zx81pQw3Lr0TnBv6Ysd2KmHu'

/** Resolves after `ms`, or rejects as a fetch does once `signal` aborts. */
const wait = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    })
  })

/**
 * How the network treats one create: `normal`; `held`, carried out at once but answered only once the
 * client gives up; `late`, reaching Razorpay only after `release()` (after the client aborted and looked).
 * The fake never sees the client leave, as a real server that already has the request.
 */
type Route = 'normal' | 'held' | 'late'

function slowRazorpay(route: (url: string, arrived: number) => Route) {
  const fake = createRazorpayFake({ keys: { [KEY_ID]: KEY_SECRET }, accounts: [ACCOUNT] })
  const handled: Promise<unknown>[] = []
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  let arrived = 0
  const provider = razorpay({
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
    account: ACCOUNT,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    fetch: async (input, init) => {
      const request = new Request(input as Request)
      const how = request.method === 'POST' ? route((JSON.parse(await request.clone().text()) as { url: string }).url, ++arrived) : 'normal'
      const answer = how === 'late' ? released.then(() => fake.handle(request)) : fake.handle(request)
      handled.push(answer)
      if (how === 'held') await answer.then(() => wait(60_000, init?.signal))
      return (await Promise.race([answer, wait(60_000, init?.signal)])) as Response
    },
  })
  return { fake, provider, release, settled: () => Promise.all(handled) }
}

const desired = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://shop.example.com/razorpay/${i}`, events: ['payment.captured' as const] }))

describe('apply aborted through its signal', () => {
  it('returns the secret of every webhook that exists: found ones succeed, the others carry it as possibly created', async () => {
    const stop = new AbortController()
    // Creates 5 to 8 are in flight when apply is aborted: 5 and 7 already happened, 6 and 8 happen later.
    const { fake, provider, release, settled } = slowRazorpay((_url, arrived) => {
      if (arrived <= 4) return 'normal'
      if (arrived === 8) setTimeout(() => stop.abort(), 0)
      return arrived % 2 ? 'held' : 'late'
    })
    const planned = await plan(provider, desired(12))()
    if (E.isLeft(planned)) throw new Error(planned.left.message)
    const report = await apply(provider, planned.right, { concurrency: 4, signal: stop.signal })()
    release()
    await settled()

    const held = fake.webhooks(ACCOUNT)
    expect(held).toHaveLength(8)
    expect(report.succeeded).toHaveLength(6)
    expect(report.failed).toHaveLength(2)
    const found = new Map(report.succeeded.map((s) => [s.webhook?.id, s.webhook as Webhook]))
    const possible = new Map(report.failed.map((f) => [f.step.url, f.secret?.reveal()]))
    for (const webhook of held) {
      const reported = found.get(webhook.id)
      const secret = reported?.secret?.kind === 'value' ? reported.secret.value.reveal() : possible.get(webhook.url)
      expect(secret, `the secret of ${webhook.url}`).toBe(webhook.secret)
    }
    // In-flight creates were looked up: none is reported as a bare abort.
    for (const f of report.failed) {
      expect(f.error.message).toMatch(/aborted in flight|found afterwards/)
      expect(f.secret?.reveal()).toMatch(/^[0-9A-Za-z]{32}$/)
      for (const view of [JSON.stringify(report), JSON.stringify(f.error)]) expect(view).not.toContain(f.secret?.reveal())
    }
    // Some aborted creates were found by the look-up and count as done, secret included.
    expect(report.succeeded.some((s) => s.webhook?.warnings?.some((w) => w.includes('found afterwards')))).toBe(true)
  })

  it('hands a single aborted create its secret through possibleSecretOf when it is not found yet', async () => {
    const stop = new AbortController()
    const { fake, provider, release, settled } = slowRazorpay(() => {
      setTimeout(() => stop.abort(), 0)
      return 'late'
    })
    const result = await provider.create({ url: 'https://shop.example.com/razorpay/one', events: ['payment.captured'] }, { signal: stop.signal })()
    release()
    await settled()
    if (E.isRight(result)) throw new Error('the create was expected to be unconfirmed')
    expect(result.left).toMatchObject({ _tag: 'NetworkError', aborted: true })
    expect(result.left.message).toMatch(/Razorpay may still carry it out/)
    expect(possibleSecretOf(result.left)?.reveal()).toBe(fake.webhooks(ACCOUNT)[0]?.secret)
    expect(JSON.stringify(result.left)).not.toContain(fake.webhooks(ACCOUNT)[0]?.secret)
  })
})
