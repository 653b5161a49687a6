/**
 * `@unihook/cli` as a library: `defineConfig`, which types a `unihook.config.ts` (event names checked
 * against each provider's catalog, provider options only where they belong), and the config's types.
 * The `unihook` command itself is the package's binary.
 *
 * @module @unihook/cli
 */

import type { PackagedEntry } from './config-types.generated.js'

export { uncatalogued } from '@unihook/core'
export type { CommonEntry, ConfigEntryOf } from './config-entry.js'
export type * from './config-types.generated.js'

/** One desired webhook of the config: an entry of a provider packaged with the CLI, typed by its descriptor. */
export type WebhookEntry = PackagedEntry

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
  readonly profiles?: Readonly<Record<string, Partial<Record<WebhookEntry['provider'], ProviderProfileConfig>>>>
}

/**
 * Types a `unihook.config.ts`: `export default defineConfig({ webhooks: [...] })`. Returns the config
 * as given; `unihook plan` checks it again at run time (URLs, emails, duplicates). Not generic, so that
 * a field a provider does not take is an error rather than an extra property.
 */
export const defineConfig = (config: UnihookConfig): UnihookConfig => config
