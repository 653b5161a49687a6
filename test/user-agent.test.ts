/**
 * Every request of every adapter names unihook, the adapter and its version (read from the package's
 * manifest when it is built), then the user's own suffix: checked on what the fakes receive over loopback.
 */

import { readFileSync } from 'node:fs'
import { calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import type { WebhookProvider } from '@unihook/core'
import { type RecordedRequest, runRight, serveFake } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import { describe, expect, it } from 'vitest'

const versionOf = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../packages/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version

interface Subject {
  readonly name: string
  readonly events: readonly string[]
  readonly start: (userAgent?: string) => Promise<{ provider: WebhookProvider; requests: () => readonly RecordedRequest[]; close: () => Promise<void> }>
}

const ACCOUNT = 'acc_H3kYHQ635sBwXG'
const subjects: Subject[] = [
  {
    name: 'conekta',
    events: ['order.paid'],
    start: async (userAgent) => {
      const fake = createConektaFake()
      const served = await serveFake(fake)
      return { provider: conekta({ apiKey: fake.apiKey, baseUrl: served.url, userAgent }), requests: () => fake.requests, close: served.close }
    },
  },
  {
    name: 'razorpay',
    events: ['payment.captured'],
    start: async (userAgent) => {
      const fake = createRazorpayFake({ accounts: [ACCOUNT] })
      const served = await serveFake(fake)
      const provider = razorpay({ keyId: fake.keyId, keySecret: fake.keySecret, account: ACCOUNT, baseUrl: served.url, userAgent })
      return { provider, requests: () => fake.requests, close: served.close }
    },
  },
  {
    name: 'calypso',
    events: ['INVOICE_PAID'],
    start: async (userAgent) => {
      const fake = createCalypsoFake()
      const served = await serveFake(fake)
      const provider = calypso({ apiKey: fake.apiKey, apiSecret: fake.apiSecret, account: fake.account, baseUrl: served.url, userAgent })
      return { provider, requests: () => fake.requests, close: served.close }
    },
  },
  {
    name: 'stripe',
    events: ['payment_intent.succeeded'],
    start: async (userAgent) => {
      const fake = createStripeFake()
      const served = await serveFake(fake)
      return { provider: stripe({ apiKey: fake.apiKey, baseUrl: served.url, userAgent }), requests: () => fake.requests, close: served.close }
    },
  },
]

describe.each(subjects)('$name User-Agent', (subject) => {
  it('is unihook-<adapter>/<package version> on every request, then the user’s suffix', async () => {
    for (const suffix of [undefined, 'my-shop/2.4 (+https://shop.example)']) {
      const { provider, requests, close } = await subject.start(suffix)
      try {
        const created = await runRight(provider.create({ url: `https://hooks.example.com/${subject.name}/1`, events: subject.events }))
        await runRight(provider.list())
        await runRight(provider.delete(created.id))
        const expected = [`unihook-${subject.name}/${versionOf(subject.name)}`, suffix].filter(Boolean).join(' ')
        expect(requests().length).toBeGreaterThanOrEqual(3)
        expect(new Set(requests().map((r) => r.headers.get('user-agent')))).toEqual(new Set([expected]))
      } finally {
        await close()
      }
    }
  })
})
