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

/** A Razorpay event name from the documented catalog (`RAZORPAY_EVENTS`). */
export type RazorpayEvent = (typeof RAZORPAY_EVENTS)[number]

/** The types of what each event delivers live in `payloads.ts` (types only); re-exported here for the modules that read envelopes. */
export type * from './payloads.js'
