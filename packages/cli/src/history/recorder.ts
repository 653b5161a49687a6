/**
 * What `listen` keeps of each delivery: the record written to the history (with a diagnosis when it did
 * not verify, and the key that signed it when it did), passed on to the inspector page when one is open.
 */

import { redactUrl } from '@unihook/core'
import type { Verified } from '../verification.js'
import { diagnose, signingKeyOf } from './diagnose.js'
import type { LabelledKey } from './keys.js'
import { signatureFacts } from './signatures.js'
import { type ForwardOutcome, type HistoryRecord, newDeliveryId, storableBody, storableHeaders } from './store.js'

/** One delivery as `listen` saw it. */
export interface Observed {
  readonly receivedAt: Date
  readonly path: string
  readonly headers: Headers
  readonly body: Uint8Array
  readonly result: Verified
  /** Absent when the delivery was not forwarded. */
  readonly forwarded?: { readonly status: number } | { readonly error: string }
  readonly forwardTo?: string
  readonly forwardMs: number
  /** Verified, but of a type `--events` leaves out. */
  readonly filtered: boolean
  readonly answered: number
}

function forwardOutcome(o: Observed): ForwardOutcome {
  const url = o.forwardTo === undefined ? undefined : redactUrl(o.forwardTo)
  const at = url === undefined ? {} : { url }
  if (!o.result.verified) return { skipped: 'not verified', ...at }
  if (o.filtered) return { skipped: 'filtered', ...at }
  if (o.forwarded === undefined || url === undefined) return { skipped: 'no target' }
  return 'status' in o.forwarded ? { url, status: o.forwarded.status, ms: o.forwardMs } : { url, error: o.forwarded.error, ms: o.forwardMs }
}

export async function toHistoryRecord(o: Observed, keys: readonly LabelledKey[]): Promise<HistoryRecord> {
  const base = {
    id: newDeliveryId(o.receivedAt.getTime()),
    receivedAt: o.receivedAt.toISOString(),
    provider: o.result.provider,
    path: o.path,
    headers: storableHeaders(o.headers),
    ...storableBody(o.body),
    forward: forwardOutcome(o),
    answered: o.answered,
  }
  if (o.result.verified) {
    const { event } = o.result
    const key = await signingKeyOf(o.result.provider, o.body, o.headers, keys)
    return {
      ...base,
      verified: true,
      eventId: event.id,
      type: event.type,
      ...(event.account === undefined ? {} : { account: event.account }),
      ...(key ? { signedBy: { origin: key.origin, label: key.label, ...(key.ref === undefined ? {} : { ref: key.ref }) } } : {}),
    }
  }
  const { reason, message } = o.result
  const diagnosis = await diagnose({ provider: o.result.provider, reason, message, headers: o.headers, body: o.body }, keys)
  return { ...base, ...unverifiedIdentity(o.result.provider, o.body, o.headers), verified: false, reason, message, diagnosis }
}

/** What an unverified delivery says of itself (its event id and type), shown but not trusted. */
function unverifiedIdentity(provider: string, body: Uint8Array, headers: Headers): Pick<HistoryRecord, 'eventId' | 'type'> {
  const header = signatureFacts(provider)?.eventIdHeader
  const fromHeader = header === undefined ? undefined : (headers.get(header) ?? undefined)
  try {
    const payload = JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>
    const type = [payload.event, payload.type, payload.eventType].find((v) => typeof v === 'string') as string | undefined
    const id = [payload.id].find((v) => typeof v === 'string' || typeof v === 'number')
    const eventId = fromHeader ?? (id === undefined ? undefined : String(id))
    return { ...(type === undefined ? {} : { type }), ...(eventId === undefined ? {} : { eventId }) }
  } catch {
    return fromHeader === undefined ? {} : { eventId: fromHeader }
  }
}
