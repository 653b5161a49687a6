/**
 * `defineConfig` types a `unihook.config.ts`: event names are checked against each provider's catalog
 * and provider options only fit their provider (the `@ts-expect-error` lines fail the type check if they
 * ever compile), and the config comes back as given.
 */

import { describe, expect, it } from 'vitest'
import { defineConfig, uncatalogued } from '../src/index.js'

describe('defineConfig', () => {
  it('returns the config as given, typed per provider', () => {
    const config = defineConfig({
      webhooks: [
        { provider: 'razorpay', account: 'acc_Hx1Kq2Lm3Np4Qr', url: 'https://a.example.com', events: ['payment.captured'], alertEmail: 'ops@example.com' },
        { provider: 'calypso', url: 'https://a.example.com', services: ['PAYOUT'] },
        { provider: 'conekta', url: 'https://a.example.com', events: [uncatalogued('order.future_event')], allowUnknownEvents: true },
      ],
      profiles: { prod: { razorpay: { env: { keyId: 'PROD_RZP_KEY_ID' } } } },
    })
    expect(config.webhooks?.[1]).toEqual({ provider: 'calypso', url: 'https://a.example.com', services: ['PAYOUT'] })
    defineConfig({
      webhooks: [
        // @ts-expect-error a misspelt Razorpay event
        { provider: 'razorpay', account: 'acc_Hx1Kq2Lm3Np4Qr', url: 'https://a.example.com', events: ['payment.capturd'] },
        // @ts-expect-error alertEmail is a Razorpay option
        { provider: 'conekta', url: 'https://a.example.com', events: ['order.paid'], alertEmail: 'ops@example.com' },
      ],
    })
  })
})
