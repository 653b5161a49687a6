/**
 * The fake's outgoing side: the signed `webhook_ping` event the test endpoint sends to a webhook's URL.
 */

import { type DeliveryOutcome, postDelivery } from '@unihook/core/testing'
import { conektaEvent, signConektaPayload } from '../signing.js'

export interface Delivery {
  readonly webhookId: string
  readonly url: string
  readonly eventId: string
  /** The exact body sent. */
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
  /** The webhook key that signed it; absent when the account had no active key (no `digest` header). */
  readonly keyId?: string
  /** The receiver's HTTP status, or why the delivery did not arrive. */
  readonly outcome: DeliveryOutcome
}

export interface DeliveryInput {
  readonly webhookId: string
  readonly url: string
  readonly eventId: string
  readonly at: Date
  readonly livemode: boolean
  readonly key?: { readonly id: string; readonly privateKey: string }
  readonly fetch: typeof globalThis.fetch
  readonly timeoutMs: number
}

export async function deliverPing(input: DeliveryInput): Promise<Delivery> {
  return deliverEvent(input, { type: 'webhook_ping', data: { livemode: input.livemode, action: 'ping' } })
}

/** Posts one event to one webhook's URL, signed with the account's key as Conekta signs. */
export async function deliverEvent(input: DeliveryInput, event: { readonly type: string; readonly data?: unknown }): Promise<Delivery> {
  const body = JSON.stringify(conektaEvent({ id: input.eventId, type: event.type, createdAt: input.at, livemode: input.livemode, data: event.data }))
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (input.key) headers.digest = signConektaPayload(body, input.key.privateKey)
  // fetch refuses URLs with credentials; a webhook URL may carry them (`https://user:pass@host`), sent as Basic auth.
  const target = new URL(input.url)
  const sendHeaders = { ...headers }
  if (target.username || target.password) {
    sendHeaders.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`
    target.username = ''
    target.password = ''
  }
  const base = { webhookId: input.webhookId, url: input.url, eventId: input.eventId, body, headers, ...(input.key ? { keyId: input.key.id } : {}) }
  return { ...base, outcome: await postDelivery(input.fetch, target.toString(), { headers: sendHeaders, body, timeoutMs: input.timeoutMs }) }
}
