/**
 * `unihook events list|show|resend`: the delivery history `listen` keeps, filtered, opened (headers,
 * body, and why a failed one failed), and replayed.
 */

import { redactUrl } from '@unihook/core'
import { type Command, type Context, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import { resendRecord, resendTarget } from '../history/resend.js'
import { type HistoryRecord, historyMax, historyPath, openHistory } from '../history/store.js'
import { summary, view } from '../history/view.js'

const historyOf = (c: Context) => openHistory(historyPath(c.session.statePath, c.env), historyMax(c.env))

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `--since`/`--until`: an ISO date or time, or an age such as `30s`, `15m`, `2h`, `7d`. */
export function parseTime(text: string, flag: string, now = Date.now()): number {
  const age = text.match(/^(\d+)([smhd])$/)
  if (age) return now - Number(age[1]) * UNITS[age[2]!]!
  const at = Date.parse(text)
  if (Number.isNaN(at)) throw usageError(`${flag} must be an ISO date or time, or an age such as 15m, 2h, 7d; not "${text}"`)
  return at
}

function filters(c: Context): (r: HistoryRecord) => boolean {
  const provider = str(c.flags, 'provider')
  const type = str(c.flags, 'type')
  const verdict = str(c.flags, 'verdict')
  if (verdict !== undefined && verdict !== 'verified' && verdict !== 'failed') throw usageError(`--verdict must be verified or failed, not "${verdict}"`)
  const sinceText = str(c.flags, 'since')
  const untilText = str(c.flags, 'until')
  const since = sinceText === undefined ? undefined : parseTime(sinceText, '--since')
  const until = untilText === undefined ? undefined : parseTime(untilText, '--until')
  return (r) => {
    const at = Date.parse(r.receivedAt)
    return (
      (provider === undefined || r.provider === provider) &&
      (type === undefined || r.type === type) &&
      (verdict === undefined || r.verified === (verdict === 'verified')) &&
      (since === undefined || at >= since) &&
      (until === undefined || at <= until)
    )
  }
}

function limitOf(c: Context): number {
  const text = str(c.flags, 'limit')
  if (text === undefined) return 50
  const limit = Number(text)
  if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit must be a whole number ≥ 1, not "${text}"`)
  return limit
}

const verdictText = (c: Context, r: { verified: boolean; reason?: string }) => (r.verified ? c.out.c.green('verified') : c.out.c.red(`failed: ${r.reason}`))

export const eventsListCommand: Command = {
  name: 'events list',
  usage: 'unihook events list [--provider P] [--type T] [--verdict verified|failed] [--since T] [--until T] [--limit N]',
  summary: 'the deliveries listen received, newest first, filtered',
  options: {
    provider: { type: 'string' },
    type: { type: 'string' },
    verdict: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(c) {
    if (c.positionals.length) throw usageError(`unexpected argument "${c.positionals[0]}" (usage: ${this.usage})`)
    const keep = filters(c)
    const limit = limitOf(c)
    const history = historyOf(c)
    const shown = history.all().filter(keep).reverse().slice(0, limit).map(summary)
    if (c.out.json) c.out.document({ history: history.path, deliveries: shown })
    else if (shown.length === 0) c.out.line(`no deliveries match (history: ${history.path})`)
    else
      c.out.table(
        ['id', 'received', 'provider', 'type', 'event id', 'verdict', 'forward'],
        shown.map((d) => [d.id, d.receivedAt, d.provider, d.type ?? '-', d.eventId ?? '-', verdictText(c, d), redactUrl(d.forward)]),
      )
    return EXIT.ok
  },
}

function recordOf(c: Context, usage: string): HistoryRecord {
  const [id, ...extra] = c.positionals
  if (!id || extra.length) throw usageError(`expected one delivery id (usage: ${usage})`)
  const history = historyOf(c)
  const record = history.find(id)
  if (!record) throw failure(`no delivery ${id} in the history ${history.path} (see unihook events list)`, { tag: 'NotFound' })
  return record
}

export const eventsShowCommand: Command = {
  name: 'events show',
  usage: 'unihook events show ID',
  summary: 'one delivery: headers, body, and why it failed to verify',
  options: {},
  async run(c) {
    const shown = view(recordOf(c, this.usage), c.flags['show-secret'] === true)
    if (c.out.json) {
      c.out.document({ delivery: shown })
      return EXIT.ok
    }
    const { out } = c
    out.line(`${out.c.bold(shown.id)}  ${shown.receivedAt}  ${shown.provider} ${shown.type ?? '-'} ${shown.eventId ?? ''}`)
    out.line(`${verdictText(c, shown)}${shown.message ? `: ${shown.message}` : ''}${shown.signedBy ? ` (signed with ${shown.signedBy})` : ''}`)
    out.line(`POST ${shown.path} → answered ${shown.answered}; ${shown.forward}`)
    if (shown.diagnosis) {
      out.line()
      out.line(out.c.bold('Diagnosis'))
      for (const f of shown.diagnosis.findings) out.line(`  ${out.c.red(f.kind)}: ${f.message}`)
      for (const t of shown.diagnosis.tried) out.line(`  tried ${t}`)
    }
    out.line()
    out.line(out.c.bold('Headers'))
    for (const [k, v] of Object.entries(shown.headers)) out.line(`  ${k}: ${v}`)
    out.line()
    out.line(out.c.bold(`Body (${shown.bodyBytes} bytes${shown.bodyEncoding === 'base64' ? ', base64' : ''}${shown.bodyTruncated ? ', cut short' : ''})`))
    out.line(shown.body)
    return EXIT.ok
  },
}

export const eventsResendCommand: Command = {
  name: 'events resend',
  usage: 'unihook events resend ID [--to URL]',
  summary: 'send a recorded delivery again (a sandbox one signed again by the sandbox, others byte for byte)',
  options: { to: { type: 'string' } },
  async run(c) {
    const to = str(c.flags, 'to')
    if (to !== undefined && !/^https?:\/\//.test(to)) throw usageError(`--to must be an http(s) URL, not "${redactUrl(to)}"`)
    const record = recordOf(c, this.usage)
    const target = resendTarget(record, to)
    if (!target) throw usageError(`${record.id} was not forwarded anywhere (or its target held credentials): pass --to URL`)
    const result = await resendRecord(record, target, c.session.statePath)
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300
    if (c.out.json) c.out.document({ resent: result, delivered: ok })
    else
      c.out.line(
        `${result.id} → ${result.to}: ${result.status ?? c.out.c.red(result.error ?? 'failed')} in ${result.ms} ms (${result.resigned ? 'signed again by the sandbox' : 'byte for byte'})`,
      )
    return ok ? EXIT.ok : EXIT.failure
  },
}

export const eventsCommands: readonly Command[] = [eventsListCommand, eventsShowCommand, eventsResendCommand]
