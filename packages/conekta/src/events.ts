/**
 * Conekta's event catalog. The OpenAPI enum lists only five names, so the catalog is the fullest list
 * found: the `subscribed_events` of a real-looking webhook in Conekta's own mock (67 names), which the
 * order-events page and the subscriptions tutorial agree with. Names outside it pass only when a call
 * sets `allowUnknownEvents`.
 */
export const CONEKTA_EVENTS = [
  'charge.created',
  'charge.paid',
  'charge.under_fraud_review',
  'charge.fraudulent',
  'charge.refunded',
  'charge.preauthorized',
  'charge.declined',
  'charge.canceled',
  'charge.reversed',
  'charge.pending_confirmation',
  'charge.expired',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'charge.chargeback.created',
  'charge.chargeback.updated',
  'charge.chargeback.under_review',
  'charge.chargeback.lost',
  'charge.chargeback.won',
  'payout.created',
  'payout.retrying',
  'payout.paid_out',
  'payout.failed',
  'plan.created',
  'plan.updated',
  'plan.deleted',
  'subscription.created',
  'subscription.paused',
  'subscription.resumed',
  'subscription.canceled',
  'subscription.expired',
  'subscription.updated',
  'subscription.paid',
  'subscription.payment_failed',
  'payee.created',
  'payee.updated',
  'payee.deleted',
  'payee.payout_method.created',
  'payee.payout_method.updated',
  'payee.payout_method.deleted',
  'charge.score_updated',
  'receipt.created',
  'order.canceled',
  'order.charged_back',
  'order.created',
  'order.expired',
  'order.fraudulent',
  'order.under_fraud_review',
  'order.paid',
  'order.partially_refunded',
  'order.pending_payment',
  'order.pre_authorized',
  'order.refunded',
  'order.updated',
  'order.voided',
  'order.declined',
  'cashout.canceled',
  'cashout.confirmed',
  'webhook_ping',
  'customer.payment_source.card.blocked',
  'cash_refund.created',
  'cash_refund.canceled',
  'cash_refund.refunded',
  'cash_refund.expired',
] as const

/** A Conekta event name from the documented catalog (`CONEKTA_EVENTS`). */
export type ConektaEvent = (typeof CONEKTA_EVENTS)[number]

/** The event the test endpoint sends. The spec's prose says `webhook.ping`; the enum and the events say this. */
export const PING_EVENT = 'webhook_ping' satisfies ConektaEvent

/** The types of what each event delivers live in `payloads.ts` (types only); re-exported here for the modules that read events. */
export type * from './payloads.js'
