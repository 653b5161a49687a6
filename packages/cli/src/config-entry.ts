/**
 * The type of one webhook of a config file, made from a provider's descriptor type: the common entry,
 * typed with the provider's event catalogue, changed by its `ConfigFields` (extra fields, a required
 * account, optional events). `defineConfig` checks entries against these, one per registered package.
 */

import type { ProviderDescriptor, UncataloguedEvent } from '@unihook/core'

/** What every entry of the config's `webhooks` list takes, whatever its provider. */
export interface CommonEntry<E extends string> {
  /** The URL deliveries go to; a provider account holds one webhook per URL. */
  readonly url: string
  /** Event names from the provider's catalog; others need `uncatalogued('…')` and `allowUnknownEvents: true`. */
  readonly events: readonly (E | UncataloguedEvent)[]
  /** The account to act for (a sub-merchant, a child company); default the provider's account variable. */
  readonly account?: string
  /** A description, where the provider stores one. */
  readonly description?: string
  /** Deliveries on or off, where the provider can switch them; left alone when absent. */
  readonly enabled?: boolean
  /** Accept event names outside unihook's catalog (the provider may still refuse them). */
  readonly allowUnknownEvents?: boolean
}

/** One flat object type, so that editors show an entry's fields and excess fields are refused. */
type Flat<T> = { [K in keyof T]: T[K] }

/** A config entry for the provider `D` describes (`typeof someDescriptor`). */
export type ConfigEntryOf<D> =
  // biome-ignore lint/suspicious/noExplicitAny: the descriptor's state type plays no part in its entries.
  D extends ProviderDescriptor<infer Name, infer Event, any, infer Fields>
    ? Flat<{ readonly provider: Name } & Omit<CommonEntry<Event>, keyof Fields> & Fields>
    : never
