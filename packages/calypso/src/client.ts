/**
 * The one place that talks HTTP to Calypso: the core transport configured with the `Key` header, a
 * `Sign` over the exact bytes of each attempt, and Calypso's error envelope mapping. Every request is a
 * JSON body `{account, timestamp, payload?}`, rebuilt on each attempt so that retries go out with a
 * fresh timestamp and a new `Sign`.
 */

import { createTransport, transportSettingsOf, type Secret, toSecret, type Transport, type TransportSettings } from '@unihook/core'
import { CALYPSO_BASE_URLS } from './endpoints.js'
import { calypsoFailureMapper } from './errors.js'
import { PROVIDER } from './mapping.js'
import { calypsoSign, type Clock, KEY_HEADER, SIGN_HEADER, timestamps } from './signing.js'
import { PRODUCT } from './product.js'

export interface ClientSettings extends TransportSettings {
  readonly apiKey: string | Secret
  readonly apiSecret: string | Secret
  readonly baseUrl?: string
  readonly clock?: Clock
}

export interface CalypsoClient {
  readonly request: Transport['request']
  readonly context: Transport['context']
  /** The body of one attempt: a function, so each attempt carries its own timestamp. */
  envelope(account: string | undefined, payload?: unknown): () => Record<string, unknown>
}

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
  return {
    request: transport.request,
    context: transport.context,
    envelope: (account, payload) => () => ({
      ...(account === undefined ? {} : { account }),
      timestamp: nextTimestamp(),
      ...(payload === undefined ? {} : { payload }),
    }),
  }
}
