/**
 * What every Calypso operation is given: the client (signed transport and request envelope) and the
 * adapter's settings, resolved once when the adapter is made.
 */

import { type AccountSettings, accountPatternOf } from './account.js'
import type { CalypsoOptions } from './options.js'
import type { CalypsoClient } from './client.js'

export type CalypsoSettings = AccountSettings

export interface CalypsoContext {
  readonly client: CalypsoClient
  readonly settings: CalypsoSettings
}

export const calypsoSettings = (options: CalypsoOptions): CalypsoSettings => ({
  account: options.account,
  accountPattern: accountPatternOf(options.accountPattern),
})
