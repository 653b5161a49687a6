/**
 * Sending a recorded delivery again. A delivery the sandbox signed is signed again by the sandbox, with
 * the key that signed it as that key is now (a rotated secret signs the resend, so it verifies); anything
 * else goes byte for byte, body and headers as received (credentials a request carried were never kept).
 */

import { REDACTED, redactUrl } from '@unihook/core'
import { failure } from '../errors.js'
import { descriptorOf } from '../registry.js'
import { loadState, type SandboxState } from '../sandbox.js'
import { bodyBytes, type HistoryRecord } from './store.js'

export interface ResendResult {
  readonly id: string
  /** The target, credentials hidden. */
  readonly to: string
  readonly resigned: boolean
  readonly status?: number
  readonly error?: string
  readonly ms: number
}

const NOT_RESENT = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'expect'])

/** The signature headers the sandbox would put on this body now, for the key that signed it. */
function resign(record: HistoryRecord, state: SandboxState): Record<string, string> {
  const ref = record.signedBy?.ref
  const body = bodyBytes(record)
  const gone = () =>
    failure(`the sandbox no longer holds the key that signed ${record.id} (${record.signedBy?.label}); resend it with --to and no re-signing is possible`)
  const { sandbox } = descriptorOf(record.provider)
  const saved = state[record.provider]
  const headers = saved === undefined || ref === undefined ? undefined : sandbox.resign?.(saved, ref, new Uint8Array(body))
  if (!headers) throw gone()
  return { ...headers }
}

export async function resendRecord(record: HistoryRecord, to: string, statePath: string): Promise<ResendResult> {
  if (record.bodyTruncated) throw failure(`${record.id} was stored cut short (${record.bodyBytes} bytes); it cannot be replayed`)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(record.headers)) if (!NOT_RESENT.has(name) && value !== REDACTED) headers[name] = value
  let resigned = false
  if (record.signedBy?.origin === 'sandbox') {
    const state = loadState(statePath)
    if (!state) throw failure(`no sandbox state at ${statePath} to sign ${record.id} again`)
    Object.assign(headers, resign(record, state))
    resigned = true
  }
  const started = performance.now()
  const base = { id: record.id, to: redactUrl(to), resigned }
  try {
    const response = await fetch(to, { method: 'POST', headers, body: new Uint8Array(bodyBytes(record)), signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer().catch(() => undefined)
    return { ...base, status: response.status, ms: Math.round(performance.now() - started) }
  } catch (error) {
    return { ...base, error: ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message, ms: Math.round(performance.now() - started) }
  }
}

/** Where a resend goes: `--to`, else where `listen` forwarded the delivery (when its URL held no credentials). */
export function resendTarget(record: HistoryRecord, to: string | undefined): string | undefined {
  if (to !== undefined) return to
  const url = 'url' in record.forward ? record.forward.url : undefined
  return url !== undefined && !url.includes('***@') ? url : undefined
}
