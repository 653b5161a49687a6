/**
 * `unihook trigger PROVIDER EVENT`: in the sandbox, the provider's fake delivers a sample of the event
 * (its documented payload shape) to every subscribed webhook, signed as the provider signs. With
 * `--to URL`, one delivery goes straight to that URL, signed with a secret or key the user supplies.
 */

import { readFileSync } from 'node:fs'
import type { KeyInput } from '@unihook/core'
import { redactUrl } from '@unihook/core'
import { type Command, type Context, list, REDELIVERY_OPTIONS, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import { httpUrlFlag } from '../flag-issues.js'
import { postFailure, targetOf } from '../http-target.js'
import { eventsOf, type ProviderName, providerName, providers } from '../providers.js'
import { type Redelivery, type RedeliveryTask, retrySchedule } from '../redelivery.js'
import { descriptorOf } from '../registry.js'
import { parseEdits, type SampleEdit } from '../sample-edits.js'
import { runningSandbox } from '../sandbox.js'
import { closest } from '../suggest.js'
import { type DeliveryRow, editedPayload, sandboxDeliver } from '../sandbox-deliver.js'

/** The flag a signing input is passed with, and what it needs, in a message. */
const flagText = (inputs: readonly KeyInput[]) => inputs.map((i) => `--${i.flag}`).join(' and ')

/** The signing inputs of every provider, as options (`--secret`, `--private-key-file`, …). */
function signingOptions(): Command['options'] {
  return Object.fromEntries(providers().flatMap((d) => d.samples.input.map((i) => [i.flag, { type: 'string' as const }])))
}

/** One signed delivery straight to a URL, with the user's secret or key. */
async function deliverTo(
  c: Context,
  provider: ProviderName,
  event: string,
  url: string,
  account: string | undefined,
  edits: readonly SampleEdit[],
): Promise<DeliveryRow> {
  const { samples } = descriptorOf(provider)
  const input: Record<string, string> = {}
  for (const i of samples.input) {
    const given = str(c.flags, i.flag)
    if (!given) throw usageError(`trigger ${provider} --to needs ${flagText(samples.input)} (${samples.input.map((k) => k.description).join('; ')})`)
    if (!i.file) input[i.name] = given
    else {
      try {
        input[i.name] = readFileSync(given, 'utf8')
      } catch (error) {
        throw usageError(`cannot read ${given}: ${(error as Error).message}`)
      }
    }
  }
  let signed: { body: string; headers: Readonly<Record<string, string>> }
  try {
    signed = samples.sign(event, input, account, editedPayload(provider, event, account, edits))
  } catch (error) {
    if (error instanceof TypeError) throw usageError(`trigger ${provider} --to: ${error.message.replace(/^\w+:\s*/, '')} (${flagText(samples.input)})`)
    throw error
  }
  const started = performance.now()
  const target = targetOf(url)
  try {
    const headers = { ...signed.headers, ...target.headers }
    const response = await fetch(target.url, { method: 'POST', headers, body: signed.body, signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer().catch(() => undefined)
    return { url, status: response.status, ms: Math.round(performance.now() - started) }
  } catch (error) {
    throw failure(`could not deliver to ${redactUrl(url)}: ${postFailure(error, url)}`, { tag: 'NetworkError' })
  }
}

export const triggerCommand: Command = {
  name: 'trigger',
  usage:
    'unihook trigger PROVIDER EVENT [--account A] [--override path=value]… [--add path=value]… [--speed N | --no-redeliver] [--to URL (--secret S | --private-key-file F | --public-key K --secret S)]',
  summary: 'deliver a sample event, signed as the provider signs',
  get options() {
    return { ...signingOptions(), ...TRIGGER_OPTIONS }
  },
  async run(c) {
    return trigger(c, this.usage)
  },
}

const TRIGGER_OPTIONS: Command['options'] = {
  account: { type: 'string' },
  to: { type: 'string' },
  'allow-unknown': { type: 'boolean' },
  override: { type: 'string', multiple: true },
  add: { type: 'string', multiple: true },
  ...REDELIVERY_OPTIONS,
}

async function trigger(c: Context, usage: string): Promise<number> {
  const [providerArg, event, ...extra] = c.positionals
  if (!providerArg || !event || extra.length) {
    const [example] = providers()
    const hint = example ? `, e.g. unihook trigger ${example.name} ${example.samples.events[0]} --sandbox` : ''
    throw usageError(`expected a provider and an event${hint}: ${usage}`)
  }
  const provider = providerName(providerArg, 'trigger')
  const events = eventsOf(provider)
  if (!events.includes(event) && c.flags['allow-unknown'] !== true) {
    const near = closest(event, events)
    throw usageError(
      `"${event}" is not a ${provider} event${near ? ` (did you mean "${near}"?)` : `; for example ${events.slice(0, 3).join(', ')}`}; pass --allow-unknown to send it anyway`,
    )
  }
  const account = str(c.flags, 'account')
  const given = str(c.flags, 'to')
  const to = given === undefined ? undefined : httpUrlFlag('--to', given)
  const edits = parseEdits(provider, list(c.flags, 'override'), list(c.flags, 'add'))
  if (to && (c.flags.speed !== undefined || c.flags['no-redeliver'] === true))
    throw usageError('--speed and --no-redeliver set how the sandbox redelivers its own deliveries; a --to delivery is sent once')
  const fakes = to ? undefined : c.session.fakes()
  const scheduled: RedeliveryTask[] = []
  const unwatch = fakes?.redeliveries.watch((task) => scheduled.push(task))
  let first: DeliveryRow[]
  try {
    first = fakes ? await sandboxDeliver(fakes, provider, event, account, edits) : [await deliverTo(c, provider, event, to!, account, edits)]
  } finally {
    unwatch?.()
  }
  if (scheduled.length) {
    const running = runningSandbox(c.session.statePath)
    c.out.note(
      running
        ? `${scheduled.length} delivery(ies) not accepted: handing their redeliveries to the running sandbox (pid ${running.pid}), which retries them on ${provider}'s schedule at its own --speed and prints each`
        : `${scheduled.length} delivery(ies) not accepted: redelivering on ${provider}'s schedule (${scheduleText(provider, fakes!.redeliveries.settings.speed)}); Ctrl-C cancels`,
    )
    await Promise.all(scheduled.map((t) => t.done))
  }
  const rows = withRedeliveries(first, scheduled)
  const shown = rows.map((r) => ({ ...r, url: c.flags['show-secret'] === true ? r.url : redactUrl(r.url) }))
  const ok = rows.length > 0 && rows.every((r) => acceptedInTheEnd(provider, r))
  if (c.out.json) c.out.document({ provider, event, ...(account ? { account } : {}), deliveries: shown, delivered: ok })
  else if (rows.length === 0) c.out.line(`no ${provider} webhook${account ? ` of ${account}` : ''} is subscribed to ${event}: nothing was delivered`)
  else
    c.out.table(
      ['webhook', 'url', 'status', 'time'],
      shown.map((r) => [
        r.webhookId ?? '',
        r.url,
        `${r.status === undefined ? c.out.c.red(r.error ?? 'failed') : String(r.status)}${r.redeliveries?.length ? ` then ${r.redeliveries.map((a) => a.status ?? 'error').join(', ')} (redelivered)` : ''}`,
        r.ms === undefined ? '' : `${r.ms} ms`,
      ]),
    )
  return ok ? EXIT.ok : EXIT.failure
}

type RedeliveredRow = DeliveryRow & {
  readonly redeliveries?: readonly Redelivery[]
  readonly redelivery?: RedeliveryTask['state']
  readonly cancelled?: string
}

/** Each row the receiver did not accept, with its retries (its task: the first one scheduled to its URL not yet taken). */
function withRedeliveries(rows: readonly DeliveryRow[], tasks: readonly RedeliveryTask[]): RedeliveredRow[] {
  const left = [...tasks]
  return rows.map((row) => {
    const at = left.findIndex((t) => t.url === row.url.replace(/\/\/[^@/]*@/, '//'))
    if (at < 0) return row
    const [task] = left.splice(at, 1) as [RedeliveryTask]
    return { ...row, redeliveries: task.attempts, redelivery: task.state, ...(task.cancelled ? { cancelled: task.cancelled } : {}) }
  })
}

/** Whether a row was accepted in the end, at first or on a redelivery. */
function acceptedInTheEnd(provider: ProviderName, row: RedeliveredRow): boolean {
  const last = row.redeliveries?.at(-1)?.status ?? row.status
  return last !== undefined && retrySchedule(provider).succeeded(last)
}

/** `11 retries over 24 h, 10 s at --speed 8640` */
function scheduleText(provider: ProviderName, speed: number): string {
  const { delays } = retrySchedule(provider)
  const total = delays.reduce((a, b) => a + b, 0)
  const span = total >= 2 * 86_400 ? `${+(total / 86_400).toFixed(1)} days` : `${+(total / 3600).toFixed(1)} h`
  return `${delays.length} retries over ${span}, at most ${+(total / speed).toFixed(1)} s at --speed ${speed}`
}
