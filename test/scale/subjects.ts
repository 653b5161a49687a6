/**
 * Adapters over their fakes for the scale tests: many accounts, a fetch straight into the fake's
 * handler (no sockets), retries without backoff delays. Every fake counts its requests by method.
 */

import { calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import type { RetryPolicy, WebhookProvider } from '@unihook/core'
import { directFetch, type FakeRuntime } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'

export const RETRY: Partial<RetryPolicy> = { baseDelayMs: 0, maxDelayMs: 0 }

export interface ScaleSubject {
  readonly fake: FakeRuntime
  /** A new adapter on the fake (another operator, say). */
  adapter(): WebhookProvider
  /** The URLs each account holds, as the fake stores them. */
  urls(account: string): string[]
}

export const razorpayAccounts = (n: number) => Array.from({ length: n }, (_, i) => `acc_Scale${String(i).padStart(9, '0')}`)
export const calypsoAccounts = (n: number) => Array.from({ length: n }, (_, i) => `0x${String(i).padStart(40, '0')}`)

export function razorpaySubject(accounts: readonly string[]): ScaleSubject & { readonly fake: ReturnType<typeof createRazorpayFake> } {
  const fake = createRazorpayFake({ keyId: 'rzp_test_ScaleKey000001', keySecret: 'scale-secret', accounts })
  return {
    fake,
    adapter: () => razorpay({ keyId: fake.keyId, keySecret: fake.keySecret, fetch: directFetch(fake), retry: RETRY }) as unknown as WebhookProvider,
    urls: (account) => fake.webhooks(account).map((w) => w.url),
  }
}

export function calypsoSubject(accounts: readonly string[]): ScaleSubject {
  const fake = createCalypsoFake({ apiKey: 'calypso-scale-key', apiSecret: 'calypso-scale-secret', accounts })
  return {
    fake,
    adapter: () =>
      calypso({
        apiKey: 'calypso-scale-key',
        apiSecret: 'calypso-scale-secret',
        account: accounts[0] as string,
        fetch: directFetch(fake),
        retry: RETRY,
      }) as unknown as WebhookProvider,
    urls: (account) => fake.subscriptions(account).map((s) => String(s.url)),
  }
}

/** Webhooks repeating a URL within their account, across the given accounts. */
export function duplicateCount(subject: ScaleSubject, accounts: readonly string[]): number {
  return accounts.reduce((sum, account) => {
    const urls = subject.urls(account)
    return sum + urls.length - new Set(urls).size
  }, 0)
}

/** The requests the fake received, by method. */
export function byMethod(fake: FakeRuntime): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of fake.requests) counts[r.method] = (counts[r.method] ?? 0) + 1
  return counts
}
