/**
 * What `calypso()` and its operations take: the adapter's options, and the Calypso-specific fields of
 * create and update. Types only, so that the context and the operations need not import the adapter.
 */

import type { CreateWebhook, Secret, UpdateWebhook } from '@unihook/core'
import type { AccountPattern } from './account.js'
import type { ClientSettings } from './client.js'
import type { CalypsoEvent, CalypsoService } from './events.js'
import type { Clock } from './signing.js'

/**
 * Settings of `calypso()`: the merchant's API key and secret, the account to act for, and the transport
 * settings every adapter takes.
 */
export interface CalypsoOptions extends ClientSettings {
  /** The public API key, sent as the `Key` header. */
  readonly apiKey: string | Secret
  /** The API secret: the HMAC-SHA512 key of every request's `Sign`. */
  readonly apiSecret: string | Secret
  /** The merchant account id put in every body; `CallOptions.account` overrides it per call. */
  readonly account: string
  /** Default `https://api.calypso.finance`; the docs also name `https://api.calypso.money`. */
  readonly baseUrl?: string
  /** The clock request timestamps are read from (default: the system clock). */
  readonly clock?: Clock
  /**
   * The account format checked before any request. Default `^0x[0-9a-fA-F]{40}$`, which only the
   * calypso.money OpenAPI states; `false` accepts any non-empty string.
   */
  readonly accountPattern?: AccountPattern
}

type ServiceName = CalypsoService | (string & {})

export interface CalypsoCreateWebhook extends CreateWebhook<CalypsoEvent> {
  /** Whole service groups (`notificationServiceTypes`), alongside or instead of single events. */
  readonly services?: readonly ServiceName[]
  /**
   * The subscription id (`requestId`, a UUID). Default: a fresh random UUID per run. Passing your own
   * makes a create repeatable across processes: a second create with the same id and URL returns the
   * existing subscription.
   */
  readonly requestId?: string
}

export interface CalypsoUpdateWebhook extends UpdateWebhook<CalypsoEvent> {
  readonly services?: readonly ServiceName[]
}
