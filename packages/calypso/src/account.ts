/**
 * Merchant accounts. Calypso scopes a request by the `account` field of its body (the client's envelope);
 * the adapter's `account` is the default and `CallOptions.account` overrides it per call.
 */

import type { CallAccount, CallOptions, Issue } from '@unihook/core'
import { CALYPSO_ACCOUNT_PATTERN } from './endpoints.js'

/** The format an account must have, or `false` to accept any non-empty string. */
export type AccountPattern = RegExp | false

export const accountPatternOf = (given: AccountPattern | undefined): AccountPattern => (given === undefined ? CALYPSO_ACCOUNT_PATTERN : given)

export interface AccountSettings {
  /** The account calls act for unless they name another. */
  readonly account: string
  readonly accountPattern: AccountPattern
}

/** The account a call acts for, and what is wrong with it. */
export function accountOf(settings: AccountSettings, call?: CallOptions): CallAccount {
  const account = call?.account ?? settings.account
  return { account, issues: checkAccount(account, settings.accountPattern) }
}

function checkAccount(account: unknown, pattern: AccountPattern): Issue[] {
  if (typeof account !== 'string' || account.trim() === '') return [{ path: 'account', message: 'a Calypso merchant account id is required' }]
  if (pattern && !pattern.test(account)) return [{ path: 'account', message: `must match ${pattern.source}` }]
  return []
}
