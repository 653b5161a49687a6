/**
 * The one place that talks HTTP to Calypso: the core transport configured with the `Key` header, a
 * `Sign` over the exact bytes of each attempt, and Calypso's error envelope mapping. Every request is a
 * JSON body `{account, timestamp, payload?}`, rebuilt on each attempt so that retries go out with a
 * fresh timestamp and a new `Sign`.
 */

import { type AdapterClient, createTransport, transportSettingsOf, type Secret, toSecret, type TransportSettings } from '@unihook/core'
import { accountOf } from './account.js'
import { CALYPSO_BASE_URLS, MERCHANT_WIDE_PATHS } from './endpoints.js'
import { calypsoFailureMapper } from './errors.js'
import { PROVIDER } from './mapping.js'
import { calypsoSign, type Clock, KEY_HEADER, SIGN_HEADER, timestamps } from './signing.js'
import { PRODUCT } from './product.js'

export interface ClientSettings extends TransportSettings {
  readonly apiKey: string | Secret
  readonly apiSecret: string | Secret
  readonly baseUrl?: string
  readonly clock?: Clock
  /** The account put in every body unless a call names another. */
  readonly account?: string
}

/**
 * Calypso's client: core's transport request, where `body` is the payload. The client wraps it in the
 * signed envelope `{account, timestamp, payload?}`, rebuilt on each attempt with a fresh timestamp.
 */
export type CalypsoClient = AdapterClient

export function createCalypsoClient(settings: ClientSettings): CalypsoClient {
  if (!settings?.apiKey || !settings.apiSecret) throw new TypeError('calypso(): apiKey and apiSecret are required')
  const clock: Clock = settings.clock ?? { now: () => Date.now() }
  const nextTimestamp = timestamps(clock)
  const apiKey = toSecret(settings.apiKey)
  const apiSecret = toSecret(settings.apiSecret)
  const transport = createTransport({
    provider: PROVIDER,
    baseUrl: settings.baseUrl ?? CALYPSO_BASE_URLS.finance,
    secrets: [apiKey, apiSecret],
    ...transportSettingsOf(settings),
    product: PRODUCT,
    authenticate: (outgoing) => outgoing.headers.set(KEY_HEADER, apiKey.reveal()),
    prepare: (outgoing) => {
      if (outgoing.body !== undefined) outgoing.headers.set(SIGN_HEADER, calypsoSign(apiSecret, outgoing.body))
    },
    mapFailure: calypsoFailureMapper(clock),
  })
  // The operations check the account (accountOf with the adapter's pattern) before any request.
  const defaults = { account: settings.account ?? '', accountPattern: false } as const
  return {
    context: transport.context,
    request: (spec) => {
      const account = MERCHANT_WIDE_PATHS.has(spec.path) ? undefined : accountOf(defaults, spec.call).account
      const payload = spec.body
      // A function, so that each attempt carries its own timestamp (and so its own `Sign`).
      const envelope = () => ({ ...(account === undefined ? {} : { account }), timestamp: nextTimestamp(), ...(payload === undefined ? {} : { payload }) })
      return transport.request({ ...spec, body: envelope })
    },
  }
}
