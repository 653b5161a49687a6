/**
 * `@unihook/cli` as a library: `defineConfig`, which types a `unihook.config.ts` (event names checked
 * against each provider's catalog, provider options only where they belong), and the config's types.
 * The `unihook` command itself is the package's binary.
 *
 * @module @unihook/cli
 */

import type { CalypsoEvent, CalypsoService } from '@unihook/calypso'
import type { ConektaEvent } from '@unihook/conekta'
import type { UncataloguedEvent } from '@unihook/core'
import type { RazorpayEvent } from '@unihook/razorpay'

export { uncatalogued } from '@unihook/core'

/** What every entry of the config's `webhooks` list takes, whatever its provider. */
interface CommonEntry<E extends string> {
  /** The URL deliveries go to; a provider account holds one webhook per URL. */
  readonly url: string
  /** Event names from the provider's catalog; others need `uncatalogued('…')` and `allowUnknownEvents: true`. */
  readonly events: readonly (E | UncataloguedEvent)[]
  /** A description, where the provider stores one. */
  readonly description?: string
  /** Deliveries on or off, where the provider can switch them; left alone when absent. */
  readonly enabled?: boolean
  /** Accept event names outside unihook's catalog (the provider may still refuse them). */
  readonly allowUnknownEvents?: boolean
}

/** A Conekta webhook; `account` is a child company id. */
export interface ConektaEntry extends CommonEntry<ConektaEvent> {
  readonly provider: 'conekta'
  readonly account?: string
}

/** A Razorpay webhook of one sub-merchant account. */
export interface RazorpayEntry extends CommonEntry<RazorpayEvent> {
  readonly provider: 'razorpay'
  /** The sub-merchant account (`acc_` and 14 letters or digits). */
  readonly account: string
  /** Where Razorpay writes when deliveries keep failing. */
  readonly alertEmail?: string
}

/** A Calypso subscription: single events, whole service groups, or both. */
export interface CalypsoEntry extends Omit<CommonEntry<CalypsoEvent>, 'events'> {
  readonly provider: 'calypso'
  /** The merchant account; default `CALYPSO_ACCOUNT`. */
  readonly account?: string
  /** Single events; may be left out when `services` names some. */
  readonly events?: readonly (CalypsoEvent | UncataloguedEvent)[]
  /** Whole service groups. */
  readonly services?: readonly CalypsoService[]
}

/** One desired webhook of the config. */
export type WebhookEntry = ConektaEntry | RazorpayEntry | CalypsoEntry

/** How one provider is reached under a profile: never the credentials, only the variables holding them. */
export interface ProviderProfileConfig {
  readonly baseUrl?: string
  readonly account?: string
  /** Credential (`apiKey`, `keyId`, …) to the name of the environment variable holding it. */
  readonly env?: Readonly<Record<string, string>>
}

/** What `unihook.config.ts` exports: the desired webhooks and named profiles (`--profile NAME`). */
export interface UnihookConfig {
  readonly webhooks?: readonly WebhookEntry[]
  readonly profiles?: Readonly<Record<string, Partial<Record<'conekta' | 'razorpay' | 'calypso', ProviderProfileConfig>>>>
}

/**
 * Types a `unihook.config.ts`: `export default defineConfig({ webhooks: [...] })`. Returns the config
 * as given; `unihook plan` checks it again at run time (URLs, emails, duplicates). Not generic, so that
 * a field a provider does not take is an error rather than an extra property.
 */
export const defineConfig = (config: UnihookConfig): UnihookConfig => config
