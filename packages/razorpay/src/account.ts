/**
 * Sub-merchant accounts. A partner acts for one account (`acc_…`), named in the request path; the
 * adapter's `account` is the default and `CallOptions.account` overrides it per call.
 */

import type { CallAccount, CallOptions } from '@unihook/core'
import { ACCOUNT_ID } from './ids.js'

/** The adapter's default account, refused when the adapter is made. */
export function checkDefaultAccount(account: string | undefined): void {
  if (account !== undefined && !ACCOUNT_ID.test(account)) {
    throw new TypeError('razorpay(): account must be acc_ followed by 14 letters or digits')
  }
}

/** The account a call acts for (its own, else the adapter's), and what is wrong with it. */
export function accountOf(settings: { readonly account?: string }, call?: CallOptions): CallAccount {
  const account = call?.account ?? settings.account
  if (account === undefined || account === '') {
    return { account: '', issues: [{ path: 'account', message: 'a sub-merchant account (acc_…) is required: set it on the adapter or in the call options' }] }
  }
  return { account, issues: ACCOUNT_ID.test(account) ? [] : [{ path: 'account', message: 'must be acc_ followed by 14 letters or digits' }] }
}

export const collectionPath = (account: string) => `/v2/accounts/${encodeURIComponent(account)}/webhooks`
export const webhookPath = (account: string, id: string) => `${collectionPath(account)}/${encodeURIComponent(id)}`
