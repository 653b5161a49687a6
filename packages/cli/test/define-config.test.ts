/**
 * `defineConfig` types a `unihook.config.ts`: event names are checked against each provider's catalog
 * and provider options only fit their provider (the `@ts-expect-error` lines fail the type check if they
 * ever compile), and the config comes back as given. The entry types come from the packaged descriptors
 * (config-types.generated.ts), so every packaged provider has one, and only those.
 */

import { describe, expect, it } from 'vitest'
import { defineConfig, uncatalogued, type WebhookEntry } from '../src/index.js'
import { PACKAGED_DESCRIPTORS } from '../src/providers.generated.js'

describe('defineConfig', () => {
  it('returns the config as given, typed per provider', () => {
    const config = defineConfig({
      webhooks: [
        { provider: 'razorpay', account: 'acc_Hx1Kq2Lm3Np4Qr', url: 'https://a.example.com', events: ['payment.captured'], alertEmail: 'ops@example.com' },
        { provider: 'calypso', url: 'https://a.example.com', services: ['PAYOUT'] },
        { provider: 'conekta', url: 'https://a.example.com', events: [uncatalogued('order.future_event')], allowUnknownEvents: true },
        { provider: 'stripe', url: 'https://a.example.com', events: ['payment_intent.succeeded'], enabled: false },
      ],
      profiles: { prod: { razorpay: { env: { keyId: 'PROD_RZP_KEY_ID' } }, stripe: { env: { apiKey: 'PROD_STRIPE_KEY' } } } },
    })
    expect(config.webhooks?.[1]).toEqual({ provider: 'calypso', url: 'https://a.example.com', services: ['PAYOUT'] })
    expect(config.webhooks?.[3]?.provider).toBe('stripe')
  })

  it('refuses, at compile time, a misspelt event of any provider and a field of another provider', () => {
    const refused = defineConfig({
      webhooks: [
        // @ts-expect-error a misspelt Razorpay event
        { provider: 'razorpay', account: 'acc_Hx1Kq2Lm3Np4Qr', url: 'https://a.example.com', events: ['payment.capturd'] },
        // @ts-expect-error a misspelt Stripe event
        { provider: 'stripe', url: 'https://a.example.com', events: ['payment_intent.succeded'] },
        // @ts-expect-error a misspelt Conekta event
        { provider: 'conekta', url: 'https://a.example.com', events: ['order.payed'] },
        // @ts-expect-error a misspelt Calypso service group
        { provider: 'calypso', url: 'https://a.example.com', services: ['PAYOUTS'] },
        // @ts-expect-error alertEmail is a Razorpay field
        { provider: 'conekta', url: 'https://a.example.com', events: ['order.paid'], alertEmail: 'ops@example.com' },
        // @ts-expect-error a Razorpay webhook names its sub-merchant account
        { provider: 'razorpay', url: 'https://a.example.com', events: ['payment.captured'] },
        // @ts-expect-error events are required where no field stands in for them
        { provider: 'stripe', url: 'https://a.example.com' },
      ],
    })
    expect(refused.webhooks).toHaveLength(7)
  })

  it('has an entry type for every packaged provider, and for no other', () => {
    // Compiles only while the typed providers are exactly these: a missing one or an extra one fails the type check.
    const typed: Record<WebhookEntry['provider'], true> = { calypso: true, conekta: true, razorpay: true, stripe: true }
    expect(Object.keys(typed).sort()).toEqual(PACKAGED_DESCRIPTORS.map((d) => d.name).sort())
  })
})
