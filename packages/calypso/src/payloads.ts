/**
 * Types only: what each Calypso delivery carries, from Calypso's "Webhook payload" page (the delivery
 * fields, and a table of `data` fields per event type), its "Payout webhooks" page and its unlimited-invoice
 * guide ("externalId is returned in all types of events in webhooks"). The `data` tables have no
 * "mandatory" column, so every `data` field is optional; fields they do not list stay `unknown`. Events
 * whose table was not readable keep only the fields every event shares.
 */

import type { DeliveryOf, Uncatalogued } from '@unihook/core/verify'
import type { CalypsoEvent, CalypsoLevel, CalypsoService } from './events.js'

/** The `data` fields every event shares. */
export interface CalypsoEventData<Type extends string = string> {
  /** The event type again. */
  readonly type?: Type
  /** The id the merchant gave the invoice or payout when creating it. */
  readonly externalId?: string
  readonly [field: string]: unknown
}

/** `INVOICE_CREATE_INVOICE`: a single invoice was created. */
export interface CalypsoInvoiceCreatedData extends CalypsoEventData<'INVOICE_CREATE_INVOICE'> {
  /** The invoice's amount, in units of `currency` (a decimal number: `0.01`). */
  readonly amount?: number
  /** The invoice's text. */
  readonly message?: string
  /** A crypto currency code: `BTC`, `ETH`, `USDT`, `USDT_TRX`, … */
  readonly currency?: string
  /** The fiat currency the invoice is priced in, in the page's example (`USD`). */
  readonly fiatcurrency?: string
  /** Calypso's own id of the invoice. */
  readonly parentExternalId?: number
  /** When the invoice was created: ISO-8601 without zone (UTC), with microseconds. */
  readonly createdDate?: string
  /** The idempotency key the invoice was created with through the API. */
  readonly idempotencyKey?: string
}

/** `INVOICE_CREATE_UNLIMITED_INVOICE`: an invoice without a fixed amount was created. */
export interface CalypsoUnlimitedInvoiceCreatedData extends CalypsoEventData<'INVOICE_CREATE_UNLIMITED_INVOICE'> {
  readonly message?: string
  readonly currency?: string
  readonly parentExternalId?: number
}

/** `PAYOUT_CHANGE_STATUS`: a payout moved to In Progress, Canceled, Failed, Partial or Completed. */
export interface CalypsoPayoutStatusData extends CalypsoEventData<'PAYOUT_CHANGE_STATUS'> {
  /** The blockchain transaction hash. */
  readonly hash?: string
  /** Calypso's own id of the payout. */
  readonly parentExternalId?: number
  readonly createdDate?: string
  /** The payout's current state. */
  readonly payoutStatus?: string
  readonly idempotencyKey?: string
  readonly currency?: string
}

/** The `data` of each catalogued event; the events not listed here carry `CalypsoEventData`. */
export interface CalypsoEventDataMap {
  readonly INVOICE_CREATE_INVOICE: CalypsoInvoiceCreatedData
  readonly INVOICE_CREATE_UNLIMITED_INVOICE: CalypsoUnlimitedInvoiceCreatedData
  readonly PAYOUT_CHANGE_STATUS: CalypsoPayoutStatusData
}

/** The `data` of event `E`. */
export type CalypsoDataOf<E extends CalypsoEvent> = E extends keyof CalypsoEventDataMap ? CalypsoEventDataMap[E] : CalypsoEventData<E>

/** The service group of event `E`: the "Types of events" page lists each event under its group. */
export type CalypsoServiceOf<E extends string> = E extends `INVOICE_${string}`
  ? 'INVOICE'
  : E extends `PAYOUT_${string}`
    ? 'PAYOUT'
    : CalypsoService | (string & {})

/**
 * The body Calypso posts to a subscription's URL: `{requestId, id, createdDate, level, service, eventType,
 * data}`, each marked mandatory on the "Webhook payload" page. `createdDate` has no zone (UTC is meant)
 * and microseconds.
 */
export interface CalypsoDeliveryEnvelope<Name extends string = CalypsoEvent | (string & {}), Data = unknown> {
  /** The delivering subscription's id. */
  readonly requestId: string
  /** The event's id, numeric in the docs: the key for de-duplicating redeliveries. */
  readonly id: number | string
  readonly createdDate: string
  readonly level: CalypsoLevel | (string & {})
  readonly service: CalypsoServiceOf<Name>
  readonly eventType: Name
  readonly data: Data
}

/** What a verified Calypso delivery adds to the common event: the delivery's own fields. */
export interface CalypsoDeliveryFields<Service extends string = CalypsoService | (string & {})> {
  /** The service group (`INVOICE`, `PAYOUT`, …). */
  readonly service?: Service
  readonly level?: CalypsoLevel | (string & {})
  /** The subscription that delivered it (its `requestId`). */
  readonly subscriptionId?: string
}

/**
 * A verified delivery of the catalogued event `E`: `data` is its typed `data`, `raw` the whole delivery.
 * Given several names, a union of one member each.
 */
export type CalypsoDeliveryOf<E extends CalypsoEvent> = E extends CalypsoEvent
  ? DeliveryOf<'calypso', E, CalypsoDataOf<E>, CalypsoDeliveryEnvelope<E, CalypsoDataOf<E>>> & CalypsoDeliveryFields<CalypsoServiceOf<E>>
  : never

/** The form of a Calypso name outside the catalog (every documented name is `GROUP_EVENT`, upper case). */
export type CalypsoUncataloguedName = Uncatalogued<`${string}_${string}`>

/** A verified delivery of an event outside the catalog: compare its `type` with `uncatalogued('…')`. */
export type CalypsoUncataloguedDelivery = DeliveryOf<
  'calypso',
  CalypsoUncataloguedName,
  CalypsoEventData,
  CalypsoDeliveryEnvelope<CalypsoUncataloguedName, CalypsoEventData>
> &
  CalypsoDeliveryFields

/**
 * A verified Calypso delivery: a union discriminated by `type`. After `event.type === 'PAYOUT_CHANGE_STATUS'`,
 * `event.data` is a `CalypsoPayoutStatusData` and `event.service` is `'PAYOUT'`.
 */
export type CalypsoDeliveryEvent = CalypsoDeliveryOf<CalypsoEvent> | CalypsoUncataloguedDelivery
