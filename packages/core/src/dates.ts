/**
 * Reading the providers' dates, shared by the codecs (`DateFromUnixSeconds`, `DateFromIsoString`) and the
 * verifiers' `createdAt`. Free of io-ts, so the `/verify` entries can use them.
 */

/** A date given in unix seconds (Razorpay's and Conekta's `created_at`), or undefined when it is not a finite number. */
export const dateFromUnixSeconds = (seconds: unknown): Date | undefined =>
  typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined

/**
 * A date from an ISO-8601 string, or undefined when it is not one. A date-time without a zone is read as
 * UTC (Calypso sends those), where JavaScript would read it as local time.
 */
export function dateFromIsoString(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(value)
  // A date and time, separated by `T` or a space.
  const hasTime = /^\d{4}-\d\d-\d\d[T ]\d/i.test(value)
  const date = new Date(hasZone || !hasTime ? value : `${value}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}
