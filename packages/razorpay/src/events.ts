/**
 * Razorpay's webhook event catalog, as listed on "All Webhook Events" (razorpay/markdown-docs
 * `webhooks/all.md`). Partner-level onboarding events (`account.activated`, …) are left out on purpose:
 * they are configured for the partner and cannot be set on a sub-merchant's webhook. RazorpayX events
 * (`payout.*`, `payout_link.*`, `fund_account.validation.*`, `transaction.created`) are not enumerated by
 * the docs this catalog is built from; send them with `allowUnknownEvents`.
 */
export const RAZORPAY_EVENTS = [
  'order.paid',
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.downtime.started',
  'payment.downtime.resolved',
  'payment.downtime.updated',
  'refund.created',
  'refund.processed',
  'refund.failed',
  'refund.speed_changed',
  'payment.dispute.created',
  'payment.dispute.won',
  'payment.dispute.lost',
  'payment.dispute.closed',
  'payment.dispute.under_review',
  'payment.dispute.action_required',
  'invoice.partially_paid',
  'invoice.paid',
  'invoice.expired',
  'subscription.authenticated',
  'subscription.activated',
  'subscription.charged',
  'subscription.completed',
  'subscription.updated',
  'subscription.pending',
  'subscription.halted',
  'subscription.cancelled',
  'subscription.paused',
  'subscription.resumed',
  'transfer.processed',
  'transfer.failed',
  'settlement.processed',
  'product.route.under_review',
  'product.route.needs_clarification',
  'product.route.activated',
  'qr_code.created',
  'qr_code.credited',
  'qr_code.closed',
  'virtual_account.created',
  'virtual_account.credited',
  'virtual_account.closed',
  'payment_link.paid',
  'payment_link.partially_paid',
  'payment_link.cancelled',
  'payment_link.expired',
  'account.app.authorization_revoked',
] as const

export type RazorpayEvent = (typeof RAZORPAY_EVENTS)[number]

/** What every Razorpay entity carries; documented fields are typed, the rest stay `unknown`. */
export interface RazorpayEntity<Name extends string = string> {
  readonly id: string
  readonly entity: Name
  readonly [field: string]: unknown
}

/** The payment entity (razorpay.com/docs/api/payments): amounts in the currency's smallest unit. */
export interface RazorpayPayment extends RazorpayEntity<'payment'> {
  readonly amount: number
  readonly currency: string
  readonly status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed'
  readonly order_id: string | null
  readonly method: string
  readonly captured: boolean
  readonly amount_refunded: number
  readonly email?: string
  readonly contact?: string
  readonly notes?: Readonly<Record<string, string>> | readonly unknown[]
  readonly error_code?: string | null
  readonly error_description?: string | null
  readonly created_at: number
}

/** The order entity (razorpay.com/docs/api/orders). */
export interface RazorpayOrder extends RazorpayEntity<'order'> {
  readonly amount: number
  readonly amount_paid: number
  readonly amount_due: number
  readonly currency: string
  readonly receipt: string | null
  readonly status: 'created' | 'attempted' | 'paid'
  readonly attempts: number
  readonly created_at: number
}

/** The refund entity (razorpay.com/docs/api/refunds). */
export interface RazorpayRefund extends RazorpayEntity<'refund'> {
  readonly amount: number
  readonly currency: string
  readonly payment_id: string
  readonly status: 'pending' | 'processed' | 'failed'
  readonly speed_processed?: string
  readonly created_at: number
}

/** A delivery's `payload`: each entity it carries, keyed by name and wrapped in `{ entity }`. */
export interface RazorpayPayload {
  readonly payment?: { readonly entity: RazorpayPayment }
  readonly order?: { readonly entity: RazorpayOrder }
  readonly refund?: { readonly entity: RazorpayRefund }
  readonly [entity: string]: { readonly entity: RazorpayEntity } | undefined
}

/** The body Razorpay posts: `{entity: "event", account_id, event, contains, payload, created_at}`. */
export interface RazorpayEventEnvelope {
  readonly entity: 'event'
  readonly account_id?: string
  readonly event: RazorpayEvent | (string & {})
  /** The names of the entities in `payload`. */
  readonly contains: readonly string[]
  readonly payload: RazorpayPayload
  readonly created_at: number
}
