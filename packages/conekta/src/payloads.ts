/**
 * Types only: what each Conekta delivery carries, from Conekta's OpenAPI schemas (github.com/conekta/openapi:
 * `schemas/events/event_response.yml`, `schemas/orders/order_response.yml`, `schemas/charges/charge_response.yml`
 * and its `charge_payment_method_*_response.yml`, `schemas/subscriptions/subscription_response.yml`) and the
 * events of its mock (`mocks/conekta_api.json`). A field is required where the schema lists it as `required`,
 * optional otherwise; fields neither documents stay `unknown` (every object keeps an index signature).
 */

import type { DeliveryOf, Uncatalogued, UncataloguedDeliveryOf } from '@unihook/core/verify'
import type { ConektaEvent } from './events.js'

/** What every Conekta object carries (`id`, `object`); documented fields are typed, the rest stay `unknown`. */
export interface ConektaObject<Kind extends string = string> {
  readonly id: string
  readonly object: Kind
  readonly [field: string]: unknown
}

/** A paged list inside an object (`charges`, `refunds`, …): `schemas/pagination/pagination.yml` and `page.yml`. */
export interface ConektaList<Item> {
  readonly object: 'list'
  readonly has_more: boolean
  readonly next_page_url?: string | null
  readonly previous_page_url?: string | null
  readonly data?: readonly Item[]
  readonly [field: string]: unknown
}

/** What every charge payment method carries (`charge_payment_method_response.yml`): its kind in `object`. */
export interface ConektaPaymentMethodOf<Kind extends string> {
  readonly object: Kind
  readonly type?: string
  readonly [field: string]: unknown
}

/** A card payment (`charge_payment_method_card_response.yml`). */
export interface ConektaCardPayment extends ConektaPaymentMethodOf<'card_payment'> {
  readonly account_type?: string
  readonly auth_code?: string
  readonly brand?: string
  readonly contract_id?: string
  readonly country?: string
  readonly exp_month?: string
  readonly exp_year?: string
  readonly fraud_indicators?: readonly unknown[]
  readonly issuer?: string
  readonly last4?: string
  readonly name?: string
}

/** A cash payment at a store (`charge_payment_method_cash_response.yml`). */
export interface ConektaCashPayment extends ConektaPaymentMethodOf<'cash_payment'> {
  readonly agreement?: string
  readonly auth_code?: number | null
  readonly cashier_id?: string | null
  readonly reference?: string
  readonly barcode_url?: string
  readonly expires_at?: number
  readonly product_type?: string
  readonly service_name?: string
  readonly store?: string | null
  readonly store_name?: string
}

/** A bank transfer, SPEI (`charge_payment_method_bank_transfer_response.yml`). */
export interface ConektaBankTransferPayment extends ConektaPaymentMethodOf<'bank_transfer_payment'> {
  readonly bank?: string
  readonly clabe?: string
  readonly executed_at?: string | null
  readonly expires_at?: number
  readonly receiving_account_number?: string
  readonly receiving_account_bank?: string
  readonly reference_number?: string | null
  readonly tracking_code?: string | null
}

/** A charge's payment method, discriminated by `object` as the schema's discriminator maps it. */
export type ConektaPaymentMethod =
  | ConektaCardPayment
  | ConektaCashPayment
  | ConektaBankTransferPayment
  | ConektaPaymentMethodOf<'bnpl_payment'>
  | ConektaPaymentMethodOf<'pay_by_bank_payment'>

/** A charge (`charge.*` events' `data.object`; `charge_response.yml`). Amounts in cents, times in unix seconds. */
export interface ConektaCharge extends ConektaObject<'charge'> {
  readonly created_at: number
  readonly currency: string
  readonly livemode: boolean
  /** `pending_payment`, `paid`, `declined`, … (the schema gives no enum). */
  readonly status: string
  readonly order_id: string
  readonly amount?: number
  readonly customer_id?: string
  readonly description?: string
  readonly device_fingerprint?: string
  readonly failure_code?: string
  readonly failure_message?: string
  readonly paid_at?: number | null
  readonly payment_method?: ConektaPaymentMethod
  readonly reference_id?: string | null
  readonly refunds?: ConektaList<ConektaObject> | null
  readonly channel?: { readonly segment?: string; readonly checkout_request_id?: string; readonly checkout_request_type?: string; readonly id?: string }
}

/** An order's buyer (`order_customer_info_response.yml`). */
export interface ConektaCustomerInfo {
  readonly customer_id?: string
  readonly name?: string
  readonly email?: string
  readonly phone?: string
  readonly corporate?: boolean
  readonly customer_custom_reference?: string | null
  readonly [field: string]: unknown
}

/** An order (`order.*` events' `data.object`; `order_response.yml`). Amounts in cents, times in unix seconds. */
export interface ConektaOrder extends ConektaObject<'order'> {
  readonly amount: number
  readonly currency: string
  readonly livemode: boolean
  readonly created_at: number
  readonly updated_at?: number
  /** `pending_payment`, `paid`, `expired`, … (the schema gives no enum). */
  readonly payment_status?: string
  readonly amount_refunded?: number
  readonly is_refundable?: boolean
  readonly processing_mode?: string
  readonly customer_info?: ConektaCustomerInfo
  readonly charges?: ConektaList<ConektaCharge>
  readonly metadata?: Readonly<Record<string, unknown>>
}

/** A subscription (`subscription.*` events' `data.object`; `subscription_response.yml`, no field required). */
export interface ConektaSubscription extends ConektaObject<'subscription'> {
  /** `in_trial`, `active`, `past_due`, `paused`, `canceled`, … (the schema gives no enum). */
  readonly status?: string
  readonly plan_id?: string
  readonly customer_id?: string
  readonly customer_custom_reference?: string | null
  readonly card_id?: string
  readonly charge_id?: string | null
  readonly last_billing_cycle_order_id?: string | null
  readonly created_at?: number
  readonly subscription_start?: number
  readonly billing_cycle_start?: number | null
  readonly billing_cycle_end?: number | null
  readonly trial_start?: number | null
  readonly trial_end?: number | null
  readonly paused_at?: number | null
  readonly canceled_at?: number | null
  readonly canceled_reason?: string
}

/** A customer (`customer.*` events' `data.object`; `schemas/customers/customer_response.yml`). */
export interface ConektaCustomer extends ConektaObject<'customer'> {
  readonly name: string
  readonly livemode: boolean
  readonly created_at: number
  readonly email?: string
  readonly phone?: string
  readonly corporate?: boolean
  readonly custom_reference?: string
  readonly default_payment_source_id?: string | null
  readonly default_shipping_contact_id?: string
  readonly metadata?: Readonly<Record<string, unknown>>
}

/** An event's `data`: the object as it is now, and the fields an update changed, with their old values. */
export interface ConektaEventData<Object = ConektaObject> {
  readonly object: Object
  readonly previous_attributes?: Readonly<Record<string, unknown>>
}

/** The `data` of the test event `webhook_ping`: no object (`event_response.yml`'s example and the mock). */
export interface ConektaPingData {
  readonly action?: string
  readonly livemode?: boolean
  readonly [field: string]: unknown
}

/** The `data.object` of event `E`: an order, a charge (not a chargeback), a subscription or a customer; any other object is a `ConektaObject`. */
export type ConektaObjectOf<E extends ConektaEvent> = E extends `customer.${string}.${string}`
  ? ConektaObject
  : E extends `customer.${string}`
    ? ConektaCustomer
    : E extends `order.${string}`
      ? ConektaOrder
      : E extends `charge.chargeback.${string}`
        ? ConektaObject
        : E extends `charge.${string}`
          ? ConektaCharge
          : E extends `subscription.${string}`
            ? ConektaSubscription
            : ConektaObject

/** The `data` of event `E`. */
export type ConektaEventDataOf<E extends ConektaEvent> = E extends 'webhook_ping' ? ConektaPingData : ConektaEventData<ConektaObjectOf<E>>

/** The body Conekta posts (`object: "event"`, unix-second `created_at`). */
export interface ConektaEventEnvelope<Name extends string = ConektaEvent | (string & {}), Data = ConektaEventData> {
  readonly id: string
  readonly object: 'event'
  readonly type: Name
  readonly livemode?: boolean
  readonly created_at?: number
  readonly data: Data
  readonly webhook_status?: string
  readonly webhook_logs?: readonly unknown[]
}

/** The forms of a Conekta name outside the catalog (`<object>.<action>`, or `webhook_ping`-like). */
export type ConektaUncataloguedName = Uncatalogued<`${string}.${string}` | `${string}_${string}`>

/**
 * A verified delivery of the catalogued event `E`: `data` is its typed `data`, `raw` the whole event. Given
 * several names (`ConektaDeliveryOf<'order.paid' | 'order.expired'>`), a union of one member each.
 */
export type ConektaDeliveryOf<E extends ConektaEvent> = E extends ConektaEvent
  ? DeliveryOf<'conekta', E, ConektaEventDataOf<E>, ConektaEventEnvelope<E, ConektaEventDataOf<E>>>
  : never

/** A verified delivery of an event outside the catalog: compare its `type` with `uncatalogued('…')`. */
export type ConektaUncataloguedDelivery = UncataloguedDeliveryOf<
  'conekta',
  `${string}.${string}` | `${string}_${string}`,
  ConektaEventData,
  ConektaEventEnvelope<ConektaUncataloguedName>
>

/**
 * A verified Conekta delivery: a union discriminated by `type`. After `event.type === 'order.paid'`,
 * `event.data.object` is a `ConektaOrder`.
 */
export type ConektaDelivery = ConektaDeliveryOf<ConektaEvent> | ConektaUncataloguedDelivery
