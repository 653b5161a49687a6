/**
 * Deliveries from the fake: one event posted to every active webhook of the account subscribed to it,
 * each signed with its own webhook's secret, all carrying the same event id (Razorpay's id is per event).
 */

import { type DeliveryOutcome, postDelivery } from '@unihook/core/testing'
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../ids.js'
import { type EventInput, razorpayEvent, razorpayEventId, signRazorpayBody } from '../signing.js'
import type { StoredWebhook } from './store.js'

/** What the Razorpay fake's `deliver` sends: an event for an account, signed for each subscribed webhook. */
export interface DeliverInput extends Omit<EventInput, 'account' | 'createdAt'> {
  readonly account: string
  /** Default: a fresh `evt_…` id. Pass an earlier one to simulate a redelivery. */
  readonly eventId?: string
}

/** One delivery the Razorpay fake posted, and how the receiver answered. */
export type DeliveryResult = { readonly webhookId: string; readonly url: string; readonly eventId: string } & DeliveryOutcome

export async function deliver(
  input: DeliverInput,
  webhooks: readonly StoredWebhook[],
  context: { readonly now: number; readonly fetch: typeof globalThis.fetch },
): Promise<DeliveryResult[]> {
  const eventId = input.eventId ?? razorpayEventId()
  const body = JSON.stringify(razorpayEvent({ ...input, createdAt: new Date(context.now) }))
  const targets = webhooks.filter((w) => w.active && w.events.includes(input.event))
  return Promise.all(
    targets.map(async (webhook): Promise<DeliveryResult> => {
      const headers: Record<string, string> = { 'content-type': 'application/json', [EVENT_ID_HEADER]: eventId }
      if (webhook.secret !== undefined) headers[SIGNATURE_HEADER] = signRazorpayBody(body, webhook.secret)
      return { webhookId: webhook.id, url: webhook.url, eventId, ...(await postDelivery(context.fetch, webhook.url, { headers, body })) }
    }),
  )
}
