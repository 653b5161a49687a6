/**
 * Calypso's event catalog (`notificationEventTypes`) and service groups (`notificationServiceTypes`),
 * as documented on the "Types of events" page. That page was cut off where it was read, so the catalog
 * is known to be incomplete (TOP-UP and RECURRENT events are missing): names outside it pass when the
 * call sets `allowUnknownEvents`.
 */

export const CALYPSO_EVENTS = [
  'INVOICE_CREATE_INVOICE',
  'INVOICE_CREATE_UNLIMITED_INVOICE',
  'INVOICE_FUNDS_RECEIVED_FOR_INVOICE',
  'INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED',
  'INVOICE_PENDING_INTERVENTION',
  'INVOICE_EXPIRED',
  'INVOICE_PAID',
  'INVOICE_MEMPOOL_FOUND',
  'INVOICE_PENDING_COMPLIANCE',
  'INVOICE_COMPLIANCE_DECLINED',
  'PAYOUT_CHANGE_STATUS',
  'PAYOUT_CONFIRMED',
  'PAYOUT_SPEEDED_UP',
  'PAYOUT_VALIDATION_ERROR',
  'PAYOUT_WITHDRAWALS_CREATING_VALIDATION_ERROR',
] as const

export type CalypsoEvent = (typeof CALYPSO_EVENTS)[number]

/** Whole groups of events a subscription can take at once. The docs also show a TOP-UP group, spelled nowhere. */
export const CALYPSO_SERVICES = ['INVOICE', 'PAYOUT', 'RECURRENT'] as const

export type CalypsoService = (typeof CALYPSO_SERVICES)[number]

/** Severity of a delivered event. */
export const CALYPSO_LEVELS = ['SUCCESS', 'INFO', 'WARNING'] as const

export type CalypsoLevel = (typeof CALYPSO_LEVELS)[number]

/**
 * The body Calypso posts to a subscription's URL, as its webhook docs show it:
 * `{requestId, id, createdDate, level, service, eventType, data}`. `createdDate` has no zone (UTC is
 * meant) and microseconds. `data` depends on the event and is not documented field by field.
 */
export interface CalypsoDeliveryEnvelope {
  /** The delivering subscription's id. */
  readonly requestId?: string
  /** The event's id, numeric in the docs: the key for de-duplicating redeliveries. */
  readonly id: number | string
  readonly createdDate?: string
  readonly level?: CalypsoLevel | (string & {})
  readonly service?: CalypsoService | (string & {})
  readonly eventType: CalypsoEvent | (string & {})
  readonly data?: unknown
}
