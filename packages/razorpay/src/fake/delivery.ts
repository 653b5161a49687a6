/**
 * Deliveries from the fake: one event posted to every active webhook of the account subscribed to it,
 * each signed with its own webhook's secret, all carrying the same event id (Razorpay's id is per event).
 */

import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../ids.js'
import { type EventInput, razorpayEvent, razorpayEventId, signRazorpayBody } from '../signing.js'
import type { StoredWebhook } from './store.js'

export interface DeliverInput extends Omit<EventInput, 'account' | 'createdAt'> {
  readonly account: string
  /** Default: a fresh `evt_…` id. Pass an earlier one to simulate a redelivery. */
  readonly eventId?: string
}

export type DeliveryResult =
  | { readonly webhookId: string; readonly url: string; readonly eventId: string; readonly status: number }
  | { readonly webhookId: string; readonly url: string; readonly eventId: string; readonly error: string }

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
      const base = { webhookId: webhook.id, url: webhook.url, eventId }
      try {
        const response = await context.fetch(webhook.url, { method: 'POST', headers, body })
        await response.arrayBuffer().catch(() => undefined)
        return { ...base, status: response.status }
      } catch (error) {
        return { ...base, error: (error as Error).message }
      }
    }),
  )
}
