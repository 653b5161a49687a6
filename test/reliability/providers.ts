/**
 * The three adapters, each against its fake in a chosen mode, with what the reliability suites need to
 * know about them: the secrets to hunt for, valid inputs, and how their writes behave.
 */

import type { CallOptions, WebhookProvider } from '@unihook/core'
import type { Faults, RecordedRequest } from '@unihook/core/testing'
import { CALYPSO_BASE_URLS, calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { mountFake } from '../contract/modes.js'

export type ProviderName = 'conekta' | 'razorpay' | 'calypso'
export const PROVIDERS: readonly ProviderName[] = ['conekta', 'razorpay', 'calypso']

export const SECRETS = {
  conekta: { apiKey: 'key_test_7Hq2Lm9Xc4Vb8Nz1' },
  razorpay: { keyId: 'rzp_test_Cq4nF7kLm2Pz9X', keySecret: 'Zx81pQw3Lr0TnBv6Ysd2KmHu', account: 'acc_H3kYHQ635sBwXG' },
  calypso: { apiKey: 'c529e14832b34b74972365cf7bf02430', apiSecret: 'b823a6b9ea72408583cef9ec8d67fa52', account: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
} as const

export interface Harness {
  readonly name: ProviderName
  readonly provider: WebhookProvider
  /** Builds another adapter on the same fake, with settings of its own. */
  adapter(settings?: Record<string, unknown>): WebhookProvider
  readonly faults: Faults
  readonly requests: () => readonly RecordedRequest[]
  /** Every secret the harness holds, as the adapters would leak them (Razorpay's Basic token included). */
  readonly secrets: readonly string[]
  readonly events: readonly [string, string]
  url(n: number | string): string
  readonly unknownId: string
  readonly baseUrl: string
  close(): Promise<void>
}

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2_000 }

export async function harness(name: ProviderName, mode: 'msw' | 'http', settings: Record<string, unknown> = {}): Promise<Harness> {
  const url = (n: number | string) => `https://hooks.example.com/${name}/${n}`
  if (name === 'conekta') {
    const fake = createConektaFake({ apiKey: SECRETS.conekta.apiKey, maxWebhooks: 1_000 })
    const mounted = await mountFake(mode, fake, 'https://api.conekta.io')
    const adapter = (more: Record<string, unknown> = {}) => conekta({ ...fast, baseUrl: mounted.baseUrl, apiKey: SECRETS.conekta.apiKey, ...settings, ...more })
    return {
      name,
      provider: adapter(),
      adapter,
      faults: fake.faults,
      requests: () => fake.requests,
      url,
      baseUrl: mounted.baseUrl,
      secrets: [SECRETS.conekta.apiKey],
      events: ['order.paid', 'charge.refunded'],
      unknownId: '0123456789abcdef01234567',
      close: mounted.close,
    }
  }
  if (name === 'razorpay') {
    const { keyId, keySecret, account } = SECRETS.razorpay
    const fake = createRazorpayFake({ keyId, keySecret, accounts: [account], maxWebhooksPerAccount: 1_000 })
    const mounted = await mountFake(mode, fake, 'https://api.razorpay.com')
    const adapter = (more: Record<string, unknown> = {}) => razorpay({ ...fast, baseUrl: mounted.baseUrl, keyId, keySecret, account, ...settings, ...more })
    return {
      name,
      provider: adapter(),
      adapter,
      faults: fake.faults,
      requests: () => fake.requests,
      url,
      baseUrl: mounted.baseUrl,
      secrets: [keySecret, Buffer.from(`${keyId}:${keySecret}`).toString('base64')],
      events: ['payment.captured', 'refund.created'],
      unknownId: 'HK890egfiItP3H',
      close: mounted.close,
    }
  }
  const { apiKey, apiSecret, account } = SECRETS.calypso
  const fake = createCalypsoFake({ apiKey, apiSecret, accounts: [account], maxSubscriptions: 1_000 })
  const mounted = await mountFake(mode, fake, CALYPSO_BASE_URLS.finance)
  const adapter = (more: Record<string, unknown> = {}) => calypso({ ...fast, baseUrl: mounted.baseUrl, apiKey, apiSecret, account, ...settings, ...more })
  return {
    name,
    provider: adapter(),
    adapter,
    faults: fake.faults,
    requests: () => fake.requests,
    url,
    baseUrl: mounted.baseUrl,
    secrets: [apiKey, apiSecret],
    events: ['INVOICE_PAID', 'PAYOUT_CHANGE_STATUS'],
    unknownId: '00000000-0000-4000-8000-000000000000',
    close: mounted.close,
  }
}

/** Every webhook the fake holds, read through the adapter with no faults armed. */
export async function stored(h: Harness, call?: CallOptions) {
  const all: { id: string; url: string; events: readonly string[] }[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await h.provider.list(cursor === undefined ? {} : { cursor }, call)()
    if (page._tag === 'Left') throw new Error(`listing ${h.name} failed: ${page.left.message}`)
    all.push(...page.right.items)
    cursor = page.right.nextCursor
    if (cursor === undefined) return all
  }
}
