/**
 * Connected accounts. A platform acts for one of its connected accounts by naming it in the
 * `Stripe-Account` header (docs.stripe.com/connect/authentication); without it, calls act on the
 * platform's own account. The adapter's `account` is the default and `CallOptions.account` overrides it.
 */

import type { CallAccount, CallOptions } from '@unihook/core'
import { ACCOUNT_ID, HEADERS } from './endpoints.js'

const ACCOUNT_RULE = 'must be acct_ followed by letters or digits'

/** The adapter's default account, refused when the adapter is made. */
export function checkDefaultAccount(account: unknown): void {
  if (account !== undefined && (typeof account !== 'string' || !ACCOUNT_ID.test(account))) {
    throw new TypeError(`stripe(): account ${ACCOUNT_RULE}`)
  }
}

/** The account a call acts for (its own, else the adapter's; `undefined`: the platform's own), and what is wrong with it. */
export function accountOf(settings: { readonly account?: string }, call?: CallOptions): CallAccount<string | undefined> {
  const account = call?.account ?? settings.account
  if (account === undefined) return { account, issues: [] }
  return { account, issues: typeof account === 'string' && ACCOUNT_ID.test(account) ? [] : [{ path: 'account', message: ACCOUNT_RULE }] }
}

/** The header that scopes a request to a connected account; none for the platform's own. */
export const accountHeaders = (account: string | undefined): Record<string, string> => (account === undefined ? {} : { [HEADERS.account]: account })
