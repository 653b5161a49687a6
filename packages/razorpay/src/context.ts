/**
 * What every Razorpay operation is given: the client (transport with auth and error mapping) and the
 * adapter's settings, resolved once when the adapter is made.
 */

import type { Capabilities, KeyedQueue } from '@unihook/core'
import type { RazorpayOptions } from './options.js'
import { razorpayCapabilities } from './capabilities.js'
import type { RazorpayClient } from './client.js'

export interface RazorpaySettings {
  /** The account calls act for unless they name another. */
  readonly account?: string
  readonly generateSecrets: boolean
  readonly alertEmail?: string
  readonly writableActive: boolean
  readonly capabilities: Capabilities
}

export interface RazorpayContext {
  readonly client: RazorpayClient
  readonly settings: RazorpaySettings
  /** Updates and rotations of one webhook, one after another: each resends the URL and events it read. */
  readonly writes: KeyedQueue
}

export function razorpaySettings(options: RazorpayOptions): RazorpaySettings {
  const writableActive = options.writableActive === true
  return {
    account: options.account,
    generateSecrets: options.generateSecrets ?? true,
    alertEmail: options.alertEmail,
    writableActive,
    capabilities: razorpayCapabilities(writableActive),
  }
}
