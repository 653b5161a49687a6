/**
 * Types only: the Stripe `event` envelope (docs.stripe.com/api/events/object) and the objects the most
 * used events carry in `data.object`, from the API reference's object pages and the OpenAPI description
 * (schemas `payment_intent`, `charge`, `dispute`, `refund`, `checkout.session`, `invoice`,
 * `subscription`). Only the commonly read fields are typed; every other field is `unknown`, and every
 * event outside these families carries `unknown` data. Connect events carry `account`.
 */

import type { DeliveryOf, Uncatalogued } from '@unihook/core/verify'
import type { StripeDeliveredEvent } from './events.js'

/** `metadata`: string values by key. */
export type StripeMetadata = Readonly<Record<string, string>>

/** Every Stripe object: its id, its `object` name, and fields this package does not type. */
export interface StripeObject<Name extends string = string> {
  readonly id: string
  readonly object: Name
  readonly livemode?: boolean
  readonly [field: string]: unknown
}

/** An error on a payment (`last_payment_error`). */
export interface StripePaymentError {
  readonly type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | (string & {})
  readonly code?: string
  readonly decline_code?: string
  readonly message?: string
  readonly param?: string
  readonly doc_url?: string
  readonly [field: string]: unknown
}

/** `payment_intent` (docs.stripe.com/api/payment_intents/object). */
export interface StripePaymentIntent extends StripeObject<'payment_intent'> {
  /** In the currency's smallest unit (cents). */
  readonly amount: number
  readonly amount_capturable?: number
  readonly amount_received?: number
  /** Three-letter ISO code, lower case. */
  readonly currency: string
  readonly status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded'
    | (string & {})
  readonly capture_method?: 'automatic' | 'automatic_async' | 'manual' | (string & {})
  readonly customer?: string | null
  readonly description?: string | null
  readonly latest_charge?: string | null
  readonly payment_method?: string | null
  readonly last_payment_error?: StripePaymentError | null
  readonly cancellation_reason?: string | null
  readonly canceled_at?: number | null
  readonly receipt_email?: string | null
  readonly created: number
  readonly metadata: StripeMetadata
}

/** `charge` (docs.stripe.com/api/charges/object). */
export interface StripeCharge extends StripeObject<'charge'> {
  readonly amount: number
  readonly amount_captured?: number
  readonly amount_refunded: number
  readonly currency: string
  readonly status: 'succeeded' | 'pending' | 'failed' | (string & {})
  readonly paid: boolean
  readonly captured: boolean
  readonly refunded: boolean
  readonly disputed?: boolean
  readonly customer?: string | null
  readonly payment_intent?: string | null
  readonly payment_method?: string | null
  readonly balance_transaction?: string | null
  readonly failure_code?: string | null
  readonly failure_message?: string | null
  readonly receipt_url?: string | null
  readonly description?: string | null
  readonly created: number
  readonly metadata: StripeMetadata
}

/** `dispute` (docs.stripe.com/api/disputes/object), carried by `charge.dispute.*`. */
export interface StripeDispute extends StripeObject<'dispute'> {
  readonly amount: number
  readonly currency: string
  /** The disputed charge's id. */
  readonly charge: string
  readonly payment_intent?: string | null
  readonly reason:
    | 'bank_cannot_process'
    | 'check_returned'
    | 'credit_not_processed'
    | 'customer_initiated'
    | 'debit_not_authorized'
    | 'duplicate'
    | 'fraudulent'
    | 'general'
    | 'incorrect_account_details'
    | 'insufficient_funds'
    | 'product_not_received'
    | 'product_unacceptable'
    | 'subscription_canceled'
    | 'unrecognized'
    | (string & {})
  readonly status: 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost' | (string & {})
  readonly is_charge_refundable?: boolean
  readonly evidence_details?: {
    readonly due_by: number | null
    readonly has_evidence: boolean
    readonly past_due: boolean
    readonly submission_count: number
    readonly [field: string]: unknown
  }
  readonly created: number
  readonly metadata: StripeMetadata
}

/** `refund` (docs.stripe.com/api/refunds/object), carried by `charge.refund.updated`. */
export interface StripeRefund extends StripeObject<'refund'> {
  readonly amount: number
  readonly currency: string
  readonly charge?: string | null
  readonly payment_intent?: string | null
  readonly reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'expired_uncaptured_charge' | (string & {}) | null
  readonly status?: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled' | (string & {}) | null
  readonly created: number
  readonly metadata?: StripeMetadata | null
}

/** `checkout.session` (docs.stripe.com/api/checkout/sessions/object). */
export interface StripeCheckoutSession extends StripeObject<'checkout.session'> {
  readonly mode: 'payment' | 'setup' | 'subscription' | (string & {})
  readonly status?: 'open' | 'complete' | 'expired' | (string & {}) | null
  readonly payment_status: 'paid' | 'unpaid' | 'no_payment_required' | (string & {})
  readonly amount_total?: number | null
  readonly amount_subtotal?: number | null
  readonly currency?: string | null
  readonly customer?: string | null
  readonly customer_email?: string | null
  readonly customer_details?: {
    readonly email?: string | null
    readonly name?: string | null
    readonly phone?: string | null
    readonly [field: string]: unknown
  } | null
  readonly client_reference_id?: string | null
  readonly payment_intent?: string | null
  readonly subscription?: string | null
  readonly invoice?: string | null
  readonly url?: string | null
  readonly created: number
  readonly expires_at?: number
  readonly metadata?: StripeMetadata | null
}

/** `invoice` (docs.stripe.com/api/invoices/object). */
export interface StripeInvoice extends StripeObject<'invoice'> {
  readonly customer: string | null
  readonly status?: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void' | (string & {}) | null
  readonly amount_due: number
  readonly amount_paid: number
  readonly amount_remaining: number
  readonly currency: string
  readonly total: number
  readonly subtotal?: number
  readonly number?: string | null
  readonly billing_reason?: string | null
  readonly collection_method?: 'charge_automatically' | 'send_invoice' | (string & {})
  readonly hosted_invoice_url?: string | null
  readonly invoice_pdf?: string | null
  readonly attempt_count?: number
  readonly attempted?: boolean
  readonly due_date?: number | null
  readonly period_start?: number
  readonly period_end?: number
  readonly created: number
  readonly metadata?: StripeMetadata | null
}

/** One item of a subscription. */
export interface StripeSubscriptionItem extends StripeObject<'subscription_item'> {
  readonly quantity?: number
  readonly current_period_start?: number
  readonly current_period_end?: number
}

/** `subscription` (docs.stripe.com/api/subscriptions/object), carried by `customer.subscription.*`. */
export interface StripeSubscription extends StripeObject<'subscription'> {
  readonly customer: string
  readonly status: 'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused' | (string & {})
  readonly items: { readonly object: 'list'; readonly data: readonly StripeSubscriptionItem[]; readonly has_more: boolean; readonly [field: string]: unknown }
  readonly cancel_at_period_end: boolean
  readonly cancel_at?: number | null
  readonly canceled_at?: number | null
  readonly ended_at?: number | null
  readonly trial_start?: number | null
  readonly trial_end?: number | null
  readonly start_date?: number
  readonly currency?: string
  readonly latest_invoice?: string | null
  readonly default_payment_method?: string | null
  readonly created: number
  readonly metadata: StripeMetadata
}

/** What `data.object` is for an event name: typed for the families above, `unknown` for every other. */
export type StripeDataOf<Name extends string> = Name extends `payment_intent.${string}`
  ? StripePaymentIntent
  : Name extends `charge.dispute.${string}`
    ? StripeDispute
    : Name extends 'charge.refund.updated'
      ? StripeRefund
      : Name extends `charge.${string}`
        ? StripeCharge
        : Name extends `checkout.session.${string}`
          ? StripeCheckoutSession
          : Name extends `invoice.${string}`
            ? StripeInvoice
            : Name extends `customer.subscription.${string}`
              ? StripeSubscription
              : unknown

/** The `event` object Stripe delivers (docs.stripe.com/api/events/object). */
export interface StripeEventEnvelope<Name extends string = string, Data = unknown> {
  /** `evt_…`: the key for de-duplicating redeliveries. */
  readonly id: string
  readonly object: 'event'
  readonly type: Name
  /** The connected account the event happened on; only on events sent to Connect endpoints. */
  readonly account?: string
  /** The API version the event is rendered in (`null` for some older events). */
  readonly api_version: string | null
  /** Unix seconds. */
  readonly created: number
  readonly data: {
    readonly object: Data
    /** The changed fields' previous values, on `*.updated` events. */
    readonly previous_attributes?: Readonly<Record<string, unknown>>
  }
  readonly livemode: boolean
  readonly pending_webhooks: number
  /** The API request that caused the event, when one did. */
  readonly request?: { readonly id: string | null; readonly idempotency_key: string | null } | null
  readonly context?: string
}

/**
 * A verified delivery of the catalogued event `E`: `data` is its typed `data.object`, `raw` the whole
 * event. Given several names, a union of one member each.
 */
export type StripeDeliveryOf<E extends StripeDeliveredEvent> = E extends StripeDeliveredEvent
  ? DeliveryOf<'stripe', E, StripeDataOf<E>, StripeEventEnvelope<E, StripeDataOf<E>>>
  : never

/** The form of a Stripe name outside the catalog (every documented name is `family.action`). */
export type StripeUncataloguedName = Uncatalogued<`${string}.${string}`>

/** A verified delivery of an event outside the catalog: compare its `type` with `uncatalogued('…')`. */
export type StripeUncataloguedDelivery = DeliveryOf<'stripe', StripeUncataloguedName, unknown, StripeEventEnvelope<StripeUncataloguedName>>

/**
 * A verified Stripe delivery: a union discriminated by `type`. After `event.type === 'charge.dispute.created'`,
 * `event.data` is a `StripeDispute`.
 */
export type StripeDeliveryEvent = StripeDeliveryOf<StripeDeliveredEvent> | StripeUncataloguedDelivery
