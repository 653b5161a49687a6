/** How a recorded delivery is shown, by `events show` and by the inspector page alike. */

import { redactUrl } from '@unihook/core'
import { bodyBytes, type HistoryRecord, shownHeaders } from './store.js'

/** A delivery as one line of `events list` (and one row of the page's list). */
export type DeliverySummary = Pick<HistoryRecord, 'id' | 'receivedAt' | 'provider' | 'account' | 'eventId' | 'type' | 'verified' | 'reason'> & {
  readonly forward: string
}

export interface DeliveryView extends DeliverySummary {
  readonly path: string
  readonly message?: string
  readonly headers: Readonly<Record<string, string>>
  /** The body, indented when it is JSON; base64 when it is not text. */
  readonly body: string
  readonly bodyEncoding: HistoryRecord['bodyEncoding']
  readonly bodyBytes: number
  readonly bodyTruncated?: true
  readonly diagnosis?: HistoryRecord['diagnosis']
  readonly signedBy?: string
  readonly answered: number
}

/** `200 in 12 ms`, `failed: …`, `not forwarded (filtered)`. */
export function forwardText(forward: HistoryRecord['forward']): string {
  if ('skipped' in forward) return `not forwarded (${forward.skipped})`
  if ('error' in forward) return `forward failed: ${forward.error}`
  return `forwarded ${forward.status} in ${forward.ms} ms`
}

export function summary(record: HistoryRecord): DeliverySummary {
  return {
    id: record.id,
    receivedAt: record.receivedAt,
    provider: record.provider,
    ...(record.account === undefined ? {} : { account: record.account }),
    ...(record.eventId === undefined ? {} : { eventId: record.eventId }),
    ...(record.type === undefined ? {} : { type: record.type }),
    verified: record.verified,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    forward: forwardText(record.forward),
  }
}

export function prettyBody(record: HistoryRecord): string {
  if (record.bodyEncoding === 'base64') return bodyBytes(record).toString('base64')
  const text = bodyBytes(record).toString('utf8')
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

export function view(record: HistoryRecord, showSecret: boolean): DeliveryView {
  return {
    ...summary(record),
    forward: showSecret ? forwardText(record.forward) : redactUrl(forwardText(record.forward)),
    path: record.path,
    ...(record.message === undefined ? {} : { message: record.message }),
    headers: shownHeaders(record, showSecret),
    body: prettyBody(record),
    bodyEncoding: record.bodyEncoding,
    bodyBytes: record.bodyBytes,
    ...(record.bodyTruncated ? { bodyTruncated: true as const } : {}),
    ...(record.diagnosis ? { diagnosis: record.diagnosis } : {}),
    ...(record.signedBy ? { signedBy: record.signedBy.label } : {}),
    answered: record.answered,
  }
}
