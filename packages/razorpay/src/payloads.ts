/**
 * Types only: what each Razorpay delivery carries, from Razorpay's entity references
 * (razorpay.com/docs/api/…/entity) and the sample payloads of its webhook event pages
 * (razorpay.com/docs/webhooks/payments, /orders, /refunds, /subscriptions, …). A field is required when
 * the entity reference documents it and every sample payload carries it; `| null` where a sample shows
 * null; optional otherwise. Fields neither documents stay `unknown` (each entity keeps an index signature).
 */

import type { DeliveryOf, Uncatalogued, UncataloguedDeliveryOf } from '@unihook/core/verify'
import type { RazorpayEvent } from './events.js'

/** What every object in a payload carries: an `id`; fields not typed below stay `unknown`. */
export interface RazorpayObject {
  readonly id: string
  readonly [field: string]: unknown
}

/** An object that names its kind in `entity` (`payment`, `refund`, …). */
export interface RazorpayEntity<Name extends string = string> extends RazorpayObject {
  readonly entity: Name
}

/** User-defined key-value pairs. The sample payloads show an empty object as `[]`. */
export type RazorpayNotes = Readonly<Record<string, string>> | readonly unknown[]

/** A payment method; the samples also show `bank_transfer` (Smart Collect). */
export type RazorpayPaymentMethod = 'card' | 'netbanking' | 'wallet' | 'emi' | 'upi' | 'bank_transfer' | (string & {})

/** The card a payment used (razorpay.com/docs/api/payments/entity, `card`). */
export interface RazorpayCard extends RazorpayEntity<'card'> {
  readonly name: string
  /** The last 4 digits, as a string in every sample (`"0153"`). */
  readonly last4: string
  readonly network: 'American Express' | 'Diners Club' | 'Maestro' | 'MasterCard' | 'RuPay' | 'Unknown' | 'Visa' | (string & {})
  readonly type: 'credit' | 'debit' | 'prepaid' | 'unknown'
  readonly issuer: string | null
  readonly international: boolean
  readonly emi: boolean
  readonly sub_type?: 'customer' | 'consumer' | 'business' | (string & {})
  readonly token_iin?: string | null
}

/** The payment entity (razorpay.com/docs/api/payments/entity): amounts in the currency's smallest unit. */
export interface RazorpayPayment extends RazorpayEntity<'payment'> {
  readonly amount: number
  readonly currency: string
  /** A snapshot when the event fired: a `payment.authorized` payload says `authorized` even if it was captured since. */
  readonly status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed'
  readonly order_id: string | null
  readonly invoice_id: string | null
  readonly international: boolean
  readonly method: RazorpayPaymentMethod
  readonly amount_refunded: number
  readonly refund_status: 'partial' | 'full' | null
  readonly captured: boolean
  readonly description: string | null
  readonly card_id: string | null
  readonly card?: RazorpayCard | null
  readonly bank: string | null
  readonly wallet: string | null
  readonly vpa: string | null
  readonly email: string | null
  readonly contact: string | null
  readonly notes: RazorpayNotes
  /** Fee including GST, in the smallest unit; null until captured. */
  readonly fee: number | null
  readonly tax: number | null
  readonly error_code: string | null
  readonly error_description: string | null
  readonly error_source?: string | null
  readonly error_step?: string | null
  readonly error_reason?: string | null
  /** Bank references: `rrn`, `auth_code`, `bank_transaction_id`, `upi_transaction_id`, … by method. */
  readonly acquirer_data?: Readonly<Record<string, string | null>>
  /** UPI payments only. */
  readonly upi?: { readonly payer_account_type?: string; readonly vpa?: string; readonly flow?: string; readonly [field: string]: unknown }
  readonly token_id?: string | null
  readonly customer_id?: string
  readonly amount_transferred?: number
  readonly base_amount?: number
  readonly created_at: number
}

/** The order entity (razorpay.com/docs/api/orders/entity). Some sample payloads leave out `entity`. */
export interface RazorpayOrder extends RazorpayObject {
  readonly entity?: 'order'
  readonly amount: number
  readonly amount_paid: number
  readonly amount_due: number
  readonly currency: string
  readonly receipt: string | null
  readonly offer_id?: string | null
  readonly status: 'created' | 'attempted' | 'paid'
  readonly attempts: number
  readonly notes: RazorpayNotes
  readonly created_at: number
}

/** The refund entity (razorpay.com/docs/api/refunds/entity). */
export interface RazorpayRefund extends RazorpayEntity<'refund'> {
  readonly amount: number
  readonly currency: string
  readonly payment_id: string
  readonly notes: RazorpayNotes
  readonly receipt: string | null
  /** `arn` (the acquirer reference number), once known. */
  readonly acquirer_data: Readonly<Record<string, string | null>>
  readonly status: 'pending' | 'processed' | 'failed'
  readonly speed_requested: 'normal' | 'optimum'
  readonly speed_processed: 'instant' | 'normal'
  readonly batch_id?: string | null
  readonly created_at: number
}

/** The subscription entity (razorpay.com/docs/api/payments/subscriptions/entity); `paused` is in the samples. */
export interface RazorpaySubscription extends RazorpayEntity<'subscription'> {
  readonly plan_id: string
  readonly customer_id: string | null
  readonly status: 'created' | 'authenticated' | 'active' | 'pending' | 'halted' | 'cancelled' | 'completed' | 'expired' | 'paused'
  readonly current_start: number | null
  readonly current_end: number | null
  readonly ended_at: number | null
  readonly quantity: number
  readonly notes: RazorpayNotes
  readonly charge_at: number | null
  readonly start_at: number | null
  readonly end_at: number | null
  readonly auth_attempts: number
  readonly total_count: number
  readonly paid_count: number
  readonly remaining_count: number
  readonly customer_notify: boolean
  readonly expire_by: number | null
  readonly short_url: string | null
  readonly has_scheduled_changes: boolean
  readonly change_scheduled_at: number | null
  readonly source: string
  readonly offer_id?: string | null
  readonly payment_method?: string
  readonly created_at: number
}

/** The dispute entity (razorpay.com/docs/api/disputes/entity). */
export interface RazorpayDispute extends RazorpayEntity<'dispute'> {
  readonly payment_id: string
  readonly amount: number
  readonly currency: string
  readonly amount_deducted: number
  readonly reason_code: string
  /** Unix seconds: the deadline to respond. */
  readonly respond_by: number
  readonly status: 'open' | 'under_review' | 'won' | 'lost' | 'closed'
  /** `chargeback`, `fraud`, … in the samples. */
  readonly phase: string
  readonly evidence?: Readonly<Record<string, unknown>>
  readonly created_at: number
}

/** The invoice entity (razorpay.com/docs/api/payments/invoices/entity). */
export interface RazorpayInvoice extends RazorpayEntity<'invoice'> {
  readonly type: string
  readonly invoice_number: string | null
  readonly receipt: string | null
  readonly customer_id: string | null
  readonly customer_details: Readonly<Record<string, unknown>>
  readonly order_id: string | null
  readonly payment_id: string | null
  readonly status: 'draft' | 'issued' | 'partially_paid' | 'paid' | 'cancelled' | 'expired' | 'deleted'
  readonly amount: number
  readonly amount_paid: number
  readonly amount_due: number
  readonly currency: string
  readonly description: string | null
  readonly notes: RazorpayNotes
  readonly short_url: string | null
  readonly partial_payment: boolean
  readonly sms_status: 'pending' | 'sent' | null
  readonly email_status: 'pending' | 'sent' | null
  readonly issued_at: number | null
  readonly paid_at: number | null
  readonly cancelled_at: number | null
  readonly expired_at: number | null
  readonly expire_by: number | null
  readonly created_at: number
}

/** The Payment Link entity (razorpay.com/docs/api/payments/payment-links/entity). The samples carry no `entity`. */
export interface RazorpayPaymentLink extends RazorpayObject {
  readonly amount: number
  readonly amount_paid: number
  readonly currency: string
  readonly accept_partial: boolean
  readonly first_min_partial_amount: number
  readonly description: string
  readonly reference_id: string
  readonly customer: { readonly name?: string; readonly email?: string; readonly contact?: string; readonly [field: string]: unknown }
  readonly notify: { readonly sms?: boolean; readonly email?: boolean; readonly [field: string]: unknown }
  readonly notes: RazorpayNotes | null
  readonly status: 'created' | 'partially_paid' | 'expired' | 'cancelled' | 'paid'
  readonly short_url: string
  readonly order_id?: string
  readonly expire_by: number
  readonly expired_at: number
  readonly cancelled_at: number
  readonly created_at: number
  readonly updated_at: number
}

/** The settlement entity (razorpay.com/docs/api/settlements/entity). */
export interface RazorpaySettlement extends RazorpayEntity<'settlement'> {
  readonly amount: number
  readonly status: 'created' | 'processed' | 'failed'
  readonly fees: number
  readonly tax: number
  readonly utr: string | null
  readonly created_at: number
}

/** A payment downtime (razorpay.com/docs/api/payments/downtime/entity); the samples also show status `updated`. */
export interface RazorpayDowntime extends RazorpayObject {
  readonly entity?: 'payment.downtime'
  readonly method: 'card' | 'netbanking' | 'upi' | (string & {})
  readonly begin: number
  readonly end: number | null
  readonly status: 'scheduled' | 'started' | 'resolved' | 'cancelled' | 'updated'
  readonly scheduled: boolean
  readonly severity: 'high' | 'medium' | 'low'
  readonly instrument: Readonly<Record<string, unknown>>
  readonly created_at: number
  readonly updated_at: number
}

/** The QR code entity (razorpay.com/docs/api/qr-codes/entity). */
export interface RazorpayQrCode extends RazorpayEntity<'qr_code'> {
  readonly name: string
  readonly usage: 'single_use' | 'multiple_use'
  readonly type: string
  readonly image_url: string
  readonly payment_amount: number | null
  readonly status: 'active' | 'closed'
  readonly description: string
  readonly fixed_amount: boolean
  readonly payments_amount_received: number
  readonly payments_count_received: number
  readonly notes: RazorpayNotes
  readonly customer_id: string
  readonly close_by: number | string | null
  readonly closed_at?: number | null
  readonly close_reason?: string | null
  readonly created_at: number
}

/** The Smart Collect virtual account entity (razorpay.com/docs/api/payments/smart-collect/entity). */
export interface RazorpayVirtualAccount extends RazorpayEntity<'virtual_account'> {
  readonly name: string
  readonly status: 'active' | 'closed'
  readonly description: string
  readonly amount_expected: number | null
  readonly amount_paid: number
  readonly notes: RazorpayNotes
  readonly customer_id: string
  readonly receivers: readonly RazorpayObject[]
  readonly close_by: number | null
  readonly closed_at: number | null
  readonly created_at: number
}

/** A bank transfer into a virtual account (`virtual_account.credited` by bank transfer). */
export interface RazorpayBankTransfer extends RazorpayEntity<'bank_transfer'> {
  readonly payment_id: string
  readonly mode: string
  readonly bank_reference: string
  readonly amount: number
  readonly payer_bank_account: Readonly<Record<string, unknown>>
  readonly virtual_account_id: string
}

/** A UPI transfer into a virtual account (`virtual_account.credited` by UPI). */
export interface RazorpayUpiTransfer extends RazorpayEntity<'upi_transfer'> {
  readonly amount: number
  readonly payer_vpa: string
  readonly payer_bank: string
  readonly payer_account: string
  readonly payer_ifsc: string
  readonly payment_id: string
  readonly rrn: string
  readonly virtual_account_id: string
}

/** A Route transfer (razorpay.com/docs/api/payments/route/transfers-entity). */
export interface RazorpayTransfer extends RazorpayEntity<'transfer'> {
  /** The payment or order the transfer is made from. */
  readonly source: string
  /** The linked account (`acc_…`) it is made to. */
  readonly recipient: string
  readonly amount: number
  readonly currency: string
  readonly amount_reversed: number
  readonly notes: RazorpayNotes
  readonly fees?: number
  readonly tax?: number
  readonly on_hold: boolean
  readonly on_hold_until?: number | null
  readonly transfer_status?: string
  readonly settlement_status?: string | null
  readonly recipient_settlement_id?: string | null
  readonly processed_at?: number | null
  readonly created_at: number
}

/** A Route product configuration (`product.route.*`); the samples carry no `entity`. */
export interface RazorpayMerchantProduct extends RazorpayObject {
  readonly merchant_id: string
  readonly activation_status: string
}

/** The entities a payload can carry, by the key they have in `payload`. */
export interface RazorpayEntities {
  readonly payment: RazorpayPayment
  readonly order: RazorpayOrder
  readonly refund: RazorpayRefund
  readonly subscription: RazorpaySubscription
  readonly dispute: RazorpayDispute
  readonly invoice: RazorpayInvoice
  readonly payment_link: RazorpayPaymentLink
  readonly settlement: RazorpaySettlement
  readonly 'payment.downtime': RazorpayDowntime
  readonly qr_code: RazorpayQrCode
  readonly virtual_account: RazorpayVirtualAccount
  readonly bank_transfer: RazorpayBankTransfer
  readonly upi_transfer: RazorpayUpiTransfer
  readonly merchant_product: RazorpayMerchantProduct
  readonly transfer: RazorpayTransfer
}

/** An entity as `payload` wraps it: `payload.payment.entity`. */
export interface RazorpayWrapped<T> {
  readonly entity: T
}

type OptionalEntities = { readonly [K in keyof RazorpayEntities]?: RazorpayWrapped<RazorpayEntities[K]> }

/**
 * A delivery's `payload` when the event is not narrowed: each entity it may carry, keyed by name and
 * wrapped in `{ entity }`, all optional; any other key is an object whose fields are `unknown`.
 */
export interface RazorpayPayload extends OptionalEntities {
  readonly [entity: string]: RazorpayWrapped<RazorpayObject> | undefined
}

/**
 * The entities each event's payload carries, from the sample payloads of Razorpay's webhook pages
 * (razorpay.com/docs/webhooks/payments, /orders, /refunds, /disputes, /invoices, /subscriptions,
 * /settlements, /route, /qr-codes, /smart-collect, /payment-links). Events whose page shows no sample
 * (`transfer.*`, `payment_link.partially_paid`, `account.app.authorization_revoked`) map to `never`:
 * their payload promises no entity (a `transfer` key, when there, is still typed by `RazorpayPayload`).
 */
export interface RazorpayEventEntities {
  readonly 'order.paid': 'payment' | 'order'
  readonly 'payment.authorized': 'payment'
  readonly 'payment.captured': 'payment'
  readonly 'payment.failed': 'payment'
  readonly 'payment.downtime.started': 'payment.downtime'
  readonly 'payment.downtime.resolved': 'payment.downtime'
  readonly 'payment.downtime.updated': 'payment.downtime'
  readonly 'refund.created': 'refund' | 'payment'
  readonly 'refund.processed': 'refund' | 'payment'
  readonly 'refund.failed': 'refund' | 'payment'
  readonly 'refund.speed_changed': 'refund' | 'payment'
  readonly 'payment.dispute.created': 'payment' | 'dispute'
  readonly 'payment.dispute.won': 'payment' | 'dispute'
  readonly 'payment.dispute.lost': 'payment' | 'dispute'
  readonly 'payment.dispute.closed': 'payment' | 'dispute'
  readonly 'payment.dispute.under_review': 'payment' | 'dispute'
  readonly 'payment.dispute.action_required': 'payment' | 'dispute'
  readonly 'invoice.partially_paid': 'payment' | 'order' | 'invoice'
  readonly 'invoice.paid': 'payment' | 'order' | 'invoice'
  readonly 'invoice.expired': 'invoice'
  readonly 'subscription.authenticated': 'subscription'
  readonly 'subscription.activated': 'subscription'
  readonly 'subscription.charged': 'subscription' | 'payment'
  readonly 'subscription.completed': 'subscription' | 'payment'
  readonly 'subscription.updated': 'subscription'
  readonly 'subscription.pending': 'subscription'
  readonly 'subscription.halted': 'subscription'
  readonly 'subscription.cancelled': 'subscription'
  readonly 'subscription.paused': 'subscription'
  readonly 'subscription.resumed': 'subscription'
  readonly 'transfer.processed': never
  readonly 'transfer.failed': never
  readonly 'settlement.processed': 'settlement'
  readonly 'product.route.under_review': 'merchant_product'
  readonly 'product.route.needs_clarification': 'merchant_product'
  readonly 'product.route.activated': 'merchant_product'
  readonly 'qr_code.created': 'qr_code'
  readonly 'qr_code.credited': 'payment' | 'qr_code'
  readonly 'qr_code.closed': 'qr_code'
  readonly 'virtual_account.created': 'virtual_account'
  /** Also `bank_transfer` or `upi_transfer`, by how the money came (optional keys of `RazorpayPayload`). */
  readonly 'virtual_account.credited': 'payment' | 'virtual_account'
  readonly 'virtual_account.closed': 'virtual_account'
  readonly 'payment_link.paid': 'payment_link' | 'order' | 'payment'
  readonly 'payment_link.partially_paid': never
  readonly 'payment_link.cancelled': 'payment_link'
  readonly 'payment_link.expired': 'payment_link'
  readonly 'account.app.authorization_revoked': never
}

/** The `payload` of event `E`: the entities its samples always carry are present, the others optional. */
export type RazorpayPayloadOf<E extends RazorpayEvent> = RazorpayPayload & {
  readonly [K in RazorpayEventEntities[E]]: RazorpayWrapped<RazorpayEntities[K]>
}

/** The body Razorpay posts: `{entity: "event", account_id, event, contains, payload, created_at}`. */
export interface RazorpayEventEnvelope<Name extends string = RazorpayEvent | (string & {}), Payload = RazorpayPayload> {
  readonly entity: 'event'
  readonly account_id?: string
  readonly event: Name
  /** The names of the entities in `payload`. */
  readonly contains: readonly string[]
  readonly payload: Payload
  readonly created_at: number
}

/** The form of a Razorpay name outside the catalog (every documented name is `<entity>.<action>`). */
export type RazorpayUncataloguedName = Uncatalogued<`${string}.${string}`>

/**
 * A verified delivery of the catalogued event `E`: `data` is its typed `payload`, `raw` its envelope. Given
 * several names (`RazorpayDeliveryOf<'refund.processed' | 'refund.failed'>`), a union of one member each.
 */
export type RazorpayDeliveryOf<E extends RazorpayEvent> = E extends RazorpayEvent
  ? DeliveryOf<'razorpay', E, RazorpayPayloadOf<E>, RazorpayEventEnvelope<E, RazorpayPayloadOf<E>>>
  : never

/** A verified delivery of an event outside the catalog: compare its `type` with `uncatalogued('…')`. */
export type RazorpayUncataloguedDelivery = UncataloguedDeliveryOf<
  'razorpay',
  `${string}.${string}`,
  RazorpayPayload,
  RazorpayEventEnvelope<RazorpayUncataloguedName, RazorpayPayload>
>

/**
 * A verified Razorpay delivery: a union discriminated by `type`. After `event.type === 'payment.captured'`
 * (or in that `case`), `event.data.payment.entity` is a `RazorpayPayment`.
 */
export type RazorpayDelivery = RazorpayDeliveryOf<RazorpayEvent> | RazorpayUncataloguedDelivery
