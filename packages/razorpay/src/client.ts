/**
 * The one place that talks HTTP to Razorpay: the core transport configured with HTTP Basic auth (the
 * partner's key id and secret) and Razorpay's error envelope mapping.
 */

import { type AdapterClient, createTransport, transportSettingsOf, revealSecret, type Secret, type TransportSettings } from '@unihook/core'
import { checkDefaultAccount } from './account.js'
import { mapRazorpayFailure } from './errors.js'
import { PROVIDER } from './mapping.js'
import { PRODUCT } from './product.js'

/** Razorpay's API root, used unless `baseUrl` points elsewhere (a fake, a proxy). */
export const DEFAULT_BASE_URL = 'https://api.razorpay.com'

export interface ClientSettings extends TransportSettings {
  readonly keyId: string
  readonly keySecret: string | Secret
  readonly account?: string
  readonly baseUrl?: string
}

/** HTTP Basic's token, base64 of the UTF-8 `keyId:keySecret`, with standard globals only (no `Buffer` on edge runtimes). */
const basicToken = (keyId: string, keySecret: string) =>
  btoa(Array.from(new TextEncoder().encode(`${keyId}:${keySecret}`), (byte) => String.fromCharCode(byte)).join(''))

/** Refuses unusable settings with a TypeError, since a bad one would otherwise fail every call. */
/** Razorpay's client is core's transport as it is: no envelope, no header beyond authentication. */
export type RazorpayClient = AdapterClient

export function createRazorpayClient(settings: ClientSettings): RazorpayClient {
  if (typeof settings?.keyId !== 'string' || settings.keyId.trim() === '') throw new TypeError('razorpay(): keyId is required')
  const keySecret = settings.keySecret === undefined ? '' : revealSecret(settings.keySecret)
  if (typeof keySecret !== 'string' || keySecret.trim() === '') throw new TypeError('razorpay(): keySecret is required')
  checkDefaultAccount(settings.account)
  // createTransport refuses a baseUrl that is not an absolute http(s) URL, without quoting it.
  const baseUrl = settings.baseUrl ?? DEFAULT_BASE_URL
  const token = basicToken(settings.keyId, keySecret)
  return createTransport({
    provider: PROVIDER,
    baseUrl,
    secrets: [keySecret, token],
    ...transportSettingsOf(settings),
    product: PRODUCT,
    authenticate: (request) => request.headers.set('authorization', `Basic ${token}`),
    mapFailure: mapRazorpayFailure,
  })
}
