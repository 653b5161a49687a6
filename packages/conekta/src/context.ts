/**
 * What every Conekta operation is given: the client (transport, auth, scoping) and the adapter's
 * settings, resolved once when the adapter is made.
 */

import type { KeyedQueue, Webhook } from '@unihook/core'
import type { ConektaOptions } from './options.js'
import type { ConektaClient } from './client.js'
import type { WebhookResponse } from './codecs.js'
import type { ConektaEvent } from './events.js'
import { type StatusSettings, toWebhook } from './mapping.js'
import type { UrlPolicy } from './validation.js'

export interface ConektaSettings {
  /** The child company calls act for unless they name another (`childCompanyId`). */
  readonly account?: string
  readonly urlPolicy: UrlPolicy
  readonly status: StatusSettings
  readonly onPartialCreate: 'keep' | 'rollback'
}

export interface ConektaContext {
  readonly client: ConektaClient
  readonly settings: ConektaSettings
  /** Updates of one webhook, one after another: an update resends the URL it read (see updateWebhook). */
  readonly writes: KeyedQueue
}

export const conektaSettings = (options: ConektaOptions): ConektaSettings => ({
  account: options.childCompanyId,
  urlPolicy: { allowLocalhost: options.allowLocalhostUrls === true },
  status: { statusMap: options.statusMap, unknownStatus: options.unknownStatus },
  onPartialCreate: options.onPartialCreate === 'rollback' ? 'rollback' : 'keep',
})

/** The mapping of one answer's webhooks: the status settings, account and warnings they share, gathered once. */
export const webhookMapper = (settings: ConektaSettings, account: string | undefined, warnings: readonly string[] = []) => {
  const context = { ...settings.status, account, warnings }
  return (wire: WebhookResponse): Webhook<ConektaEvent> => toWebhook<ConektaEvent>(wire, context)
}

export const asWebhook = (
  settings: ConektaSettings,
  wire: WebhookResponse,
  account: string | undefined,
  warnings: readonly string[] = [],
): Webhook<ConektaEvent> => webhookMapper(settings, account, warnings)(wire)
