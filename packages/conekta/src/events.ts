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

export type ConektaEvent = (typeof CONEKTA_EVENTS)[number]

/** The event the test endpoint sends. The spec's prose says `webhook.ping`; the enum and the events say this. */
export const PING_EVENT = 'webhook_ping' satisfies ConektaEvent

/** What every Conekta object carries (`id`, `object`); documented fields are typed, the rest stay `unknown`. */
export interface ConektaObject<Kind extends string = string> {
  readonly id: string
  readonly object: Kind
  readonly [field: string]: unknown
}

/** An order (`order.*` events' `data.object`; developers.conekta.com, Orders API). Amounts in cents. */
export interface ConektaOrder extends ConektaObject<'order'> {
  readonly amount: number
  readonly currency: string
  readonly payment_status?: string
  readonly livemode?: boolean
  readonly customer_info?: { readonly customer_id?: string; readonly email?: string; readonly name?: string; readonly [field: string]: unknown }
  readonly metadata?: Readonly<Record<string, unknown>>
  readonly created_at?: number
}

/** A charge (`charge.*` events' `data.object`). Amounts in cents. */
export interface ConektaCharge extends ConektaObject<'charge'> {
  readonly amount: number
  readonly currency: string
  readonly status?: string
  readonly order_id?: string
  readonly payment_method?: { readonly type?: string; readonly object?: string; readonly [field: string]: unknown }
  readonly livemode?: boolean
  readonly created_at?: number
}

/** An event's `data`: the object as it is now, and the fields an update changed, with their old values. */
export interface ConektaEventData {
  readonly object: ConektaObject
  readonly previous_attributes?: Readonly<Record<string, unknown>>
}

/** The body Conekta posts (`object: "event"`, unix-second `created_at`). */
export interface ConektaEventEnvelope {
  readonly id: string
  readonly object: 'event'
  readonly type: ConektaEvent | (string & {})
  readonly livemode?: boolean
  readonly created_at?: number
  readonly data: ConektaEventData
  readonly webhook_status?: string
  readonly webhook_logs?: readonly unknown[]
}
