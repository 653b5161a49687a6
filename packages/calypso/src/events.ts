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

/** A Calypso event name from the documented catalog (`CALYPSO_EVENTS`). */
export type CalypsoEvent = (typeof CALYPSO_EVENTS)[number]

/** Whole groups of events a subscription can take at once. The docs also show a TOP-UP group, spelled nowhere. */
export const CALYPSO_SERVICES = ['INVOICE', 'PAYOUT', 'RECURRENT'] as const

/** A service group a subscription can take whole (`CALYPSO_SERVICES`). */
export type CalypsoService = (typeof CALYPSO_SERVICES)[number]

/** Severity of a delivered event. */
export const CALYPSO_LEVELS = ['SUCCESS', 'INFO', 'WARNING'] as const

/** A delivered event's severity (`CALYPSO_LEVELS`). */
export type CalypsoLevel = (typeof CALYPSO_LEVELS)[number]

/** The types of what each event delivers live in `payloads.ts` (types only); re-exported here for the modules that read deliveries. */
export type * from './payloads.js'
