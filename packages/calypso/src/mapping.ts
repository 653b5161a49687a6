/**
 * Calypso's `WebhookChannelDTO` mapped onto the common `Webhook`, and the common inputs onto Calypso's
 * request payloads.
 */

import { makeWebhook, type Secret, type Webhook, type WebhookStatus } from '@unihook/core'
import type { WebhookChannel } from './codecs.js'
import type { CalypsoEvent, CalypsoService } from './events.js'

export const PROVIDER = 'calypso'

/**
 * `enabled: false` is a deliberate switch-off. A subscription Calypso blocked after too many failures,
 * or one in a run of failed deliveries, is `failing`: the fix is at the receiving end.
 */
export function statusOf(channel: WebhookChannel): WebhookStatus {
  if (channel.enabled === false) return 'disabled'
  if (channel.blockedByErrorCount === true || (channel.errorCount ?? 0) > 0) return 'failing'
  return 'active'
}

function deliveryWarnings(channel: WebhookChannel): string[] {
  const since = channel.errorFirstDate ? ` since ${channel.errorFirstDate.toISOString()}` : ''
  if (channel.blockedByErrorCount === true) {
    return [
      `Calypso blocked deliveries after ${channel.errorCount ?? 'too many'} failures in a row${since}; unblock the subscription in Calypso's web UI (developers, webhooks), which resends the failed deliveries`,
    ]
  }
  if ((channel.errorCount ?? 0) > 0) return [`${channel.errorCount} deliveries in a row failed${since}`]
  return []
}

/**
 * The common webhook for a channel. `publicKey` becomes the secret's `keyId` (the `Key` header of its
 * deliveries, which the verifier looks secrets up by) and `secretKey` its value. Both are scrubbed from
 * the JSON and inspect views, the `keyId` string included.
 */
export function toWebhook(channel: WebhookChannel, account: string, warnings: readonly string[] = []): Webhook<CalypsoEvent> {
  const scrub: Secret[] = []
  if (channel.publicKey !== undefined) scrub.push(channel.publicKey)
  if (channel.secretKey !== undefined) scrub.push(channel.secretKey)
  // Most channels deliver fine: their warnings are only the caller's, often none.
  const allWarnings = channel.blockedByErrorCount === true || (channel.errorCount ?? 0) > 0 ? [...warnings, ...deliveryWarnings(channel)] : [...warnings]
  // `keyId` holds the public key as a plain string, so both key values are named for the redacted views.
  return makeWebhook<CalypsoEvent>(
    {
      provider: PROVIDER,
      id: channel.requestId,
      url: channel.url,
      events: [...(channel.notificationEventTypes ?? [])],
      status: statusOf(channel),
      createdAt: channel.createdDate,
      account,
      secret: channel.secretKey
        ? { kind: 'value', value: channel.secretKey, ...(channel.publicKey ? { keyId: channel.publicKey.reveal() } : {}) }
        : // Every Calypso subscription has keys; an answer without them just did not include them.
          { kind: 'present' },
      warnings: allWarnings.length ? allWarnings : undefined,
      // Whether Calypso echoes the service groups is undocumented: compared only when it does.
      providerFields: channel.notificationServiceTypes === undefined ? undefined : { services: [...channel.notificationServiceTypes] },
      raw: channel,
    },
    scrub,
  )
}

export interface CreatePayload {
  readonly requestId: string
  readonly url: string
  readonly notificationEventTypes?: readonly string[]
  readonly notificationServiceTypes?: readonly string[]
}

export function createPayload(
  requestId: string,
  input: { readonly url: string; readonly events: readonly string[]; readonly services?: readonly (CalypsoService | (string & {}))[] },
): CreatePayload {
  return {
    requestId,
    url: input.url,
    ...(input.events.length ? { notificationEventTypes: [...input.events] } : {}),
    ...(input.services?.length ? { notificationServiceTypes: [...input.services] } : {}),
  }
}

/**
 * The change payload. Its fields are not documented: this sends `requestId` plus only the fields being
 * changed, named as in create, and `enabled` as in the response (the only field "enabled/disabled via
 * API" can be written through).
 */
export interface ChangePayload {
  readonly requestId: string
  readonly url?: string
  readonly notificationEventTypes?: readonly string[]
  readonly notificationServiceTypes?: readonly string[]
  readonly enabled?: boolean
}

export function changePayload(
  requestId: string,
  patch: {
    readonly url?: string
    readonly events?: readonly string[]
    readonly services?: readonly string[]
    readonly enabled?: boolean
  },
): ChangePayload {
  return {
    requestId,
    ...(patch.url === undefined ? {} : { url: patch.url }),
    ...(patch.events === undefined ? {} : { notificationEventTypes: [...patch.events] }),
    ...(patch.services === undefined ? {} : { notificationServiceTypes: [...patch.services] }),
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
  }
}

/** Whether a change payload changes anything at all. */
export const changesSomething = (payload: ChangePayload) => Object.keys(payload).length > 1

/** Calypso subscriptions have no description field. */
export const DESCRIPTION_WARNING = 'Calypso subscriptions have no description; it was not stored'
