/**
 * The one place that talks HTTP to Stripe: the core transport configured with the secret key (Bearer),
 * the pinned `Stripe-Version`, form-encoded bodies, Stripe's error envelope and `Request-Id`, and its
 * `Stripe-Should-Retry` verdict. Idempotency keys are chosen per call by the operations (one key for
 * every attempt of a call), and sent through `RequestSpec.headers`.
 */

import { type AdapterClient, createTransport, revealSecret, type Secret, type TransportSettings, transportSettingsOf } from '@unihook/core'
import { checkDefaultAccount } from './account.js'
import { HEADERS, STRIPE_API_VERSION, STRIPE_BASE_URL } from './endpoints.js'
import { mapStripeFailure, shouldRetryVerdict } from './errors.js'
import { type FormValue, formEncode } from './form.js'
import { PROVIDER } from './mapping.js'
import { PRODUCT } from './product.js'
import { API_VERSION_FORM } from './validation.js'

export interface ClientSettings extends TransportSettings {
  /** A secret (`sk_…`) or restricted (`rk_…`) API key. */
  readonly apiKey: string | Secret
  readonly account?: string
  /** Default `https://api.stripe.com`. */
  readonly baseUrl?: string
  /** `Stripe-Version` on every request (default `STRIPE_API_VERSION`, the catalogue's). */
  readonly apiVersion?: string
}

/** Secret and restricted keys, test or live; a publishable key (`pk_…`) cannot manage endpoints. */
const API_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/

/** Stripe's client is core's transport as it is: the account header and idempotency key travel in each request's headers. */
export type StripeClient = AdapterClient

/** Refuses unusable settings with a `TypeError`, since a bad one would otherwise fail every call. */
export function createStripeClient(settings: ClientSettings): StripeClient {
  const apiKey = settings?.apiKey === undefined ? '' : revealSecret(settings.apiKey)
  if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) throw new TypeError('stripe(): apiKey must be a secret (sk_…) or restricted (rk_…) API key')
  checkDefaultAccount(settings.account)
  const version = settings.apiVersion ?? STRIPE_API_VERSION
  if (typeof version !== 'string' || !API_VERSION_FORM.test(version)) throw new TypeError('stripe(): apiVersion must look like 2026-11-18.endive')
  return createTransport({
    provider: PROVIDER,
    baseUrl: settings.baseUrl ?? STRIPE_BASE_URL,
    secrets: [apiKey],
    ...transportSettingsOf(settings),
    // The pinned version is the same on every request: set once with the transport's headers (after the
    // user's, which it overrides as it did when set per attempt), not again on each attempt.
    headers: { ...settings.headers, [HEADERS.version]: version },
    product: PRODUCT,
    authenticate: (outgoing) => outgoing.headers.set('authorization', `Bearer ${apiKey}`),
    // The operations hand the transport their parameters as an object; Stripe takes them as a form.
    prepare: (outgoing) => {
      if (outgoing.body === undefined) return
      outgoing.headers.set('content-type', 'application/x-www-form-urlencoded')
      return { body: formEncode(JSON.parse(outgoing.body) as Record<string, FormValue>) }
    },
    retryVerdict: shouldRetryVerdict,
    mapFailure: mapStripeFailure,
  })
}
