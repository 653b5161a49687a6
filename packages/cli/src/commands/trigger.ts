/**
 * `unihook trigger PROVIDER EVENT`: in the sandbox, the provider's fake delivers a sample of the event
 * (its documented payload shape) to every subscribed webhook, signed as the provider signs. With
 * `--to URL`, one delivery goes straight to that URL, signed with a secret or key the user supplies.
 */

import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { signedConektaDelivery } from '@unihook/conekta/testing'
import { redactUrl } from '@unihook/core'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { type Command, type Context, list, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import { EVENTS, type ProviderName, providerName } from '../providers.js'
import { acceptedInTheEnd, DEFAULT_SPEED, type Redelivery, redeliverRejected } from '../redelivery.js'
import { applyEdits, parseEdits, type SampleEdit } from '../sample-edits.js'
import { SANDBOX_ACCOUNTS, type SandboxFakes } from '../sandbox.js'
import { closest } from '../suggest.js'
import { httpUrlFlag } from '../flag-issues.js'
import { postFailure, targetOf } from '../http-target.js'
import { calypsoSample, conektaSample, razorpaySample } from '../samples.js'

export interface DeliveryRow {
  readonly webhookId?: string
  readonly url: string
  readonly status?: number
  readonly error?: string
  readonly ms?: number
}

/**
 * A Calypso event id (numeric, as Calypso's) unique across the commands that trigger on one sandbox: each
 * runs its own copy of the fake, whose counter would start at 1 every time. Every delivery of one event
 * (to each subscription, and any redelivery) carries the same id, so receivers can de-duplicate by it.
 */
const calypsoEventId = () => Date.now() * 1000 + randomInt(1000)

/** The sandbox's fake of `provider` delivers `event` to every subscribed webhook. */
export async function sandboxDeliver(
  fakes: SandboxFakes,
  provider: ProviderName,
  event: string,
  account?: string,
  edits: readonly SampleEdit[] = [],
): Promise<DeliveryRow[]> {
  const timed = (url: string) => fakes.deliveryTimes.get(url.replace(/\/\/[^@/]*@/, '//'))
  if (provider === 'razorpay') {
    const acct = account ?? SANDBOX_ACCOUNTS.razorpay
    const sent = await fakes.razorpay.deliver({ account: acct, event, payload: applyEdits(razorpaySample(event, acct), edits) })
    return sent.map((d) => ({ webhookId: d.webhookId, url: d.url, ...outcome(d), ...ms(timed(d.url)) }))
  }
  if (provider === 'conekta') {
    const sent = await fakes.conekta.deliver({ type: event, data: applyEdits(conektaSample(event), edits) })
    return sent.map((d) => ({ webhookId: d.webhookId, url: d.url, ...outcome(d.outcome), ...ms(timed(d.url)) }))
  }
  const sent = await fakes.calypso.deliver(
    { id: calypsoEventId(), eventType: event, data: applyEdits(calypsoSample(event), edits) },
    account === undefined ? {} : { account },
  )
  return sent.map((d) => ({
    webhookId: d.requestId,
    url: d.url,
    ...(d.status === undefined ? { error: d.error ?? 'not delivered' } : { status: d.status }),
    ...ms(timed(d.url)),
  }))
}

const outcome = (o: { status: number } | { error: string }) => ('status' in o ? { status: o.status } : { error: o.error })
const ms = (value: number | undefined) => (value === undefined ? {} : { ms: value })

/** One signed delivery straight to a URL, with the user's secret or key. */
async function deliverTo(
  c: Context,
  provider: ProviderName,
  event: string,
  url: string,
  account: string | undefined,
  edits: readonly SampleEdit[],
): Promise<DeliveryRow> {
  const secret = str(c.flags, 'secret')
  let signed: { body: string; headers: Readonly<Record<string, string>> }
  if (provider === 'razorpay') {
    if (!secret) throw usageError('trigger razorpay --to needs --secret (the webhook secret to sign with)')
    signed = signRazorpayDelivery({
      payload: razorpayEvent({ event, ...(account ? { account } : {}), payload: applyEdits(razorpaySample(event, account), edits) }),
      secret,
    })
  } else if (provider === 'conekta') {
    const keyFile = str(c.flags, 'private-key-file')
    if (!keyFile) throw usageError('trigger conekta --to needs --private-key-file (a PEM RSA private key to sign with)')
    let pem: string
    try {
      pem = readFileSync(keyFile, 'utf8')
    } catch (error) {
      throw usageError(`cannot read ${keyFile}: ${(error as Error).message}`)
    }
    try {
      signed = signedConektaDelivery({ type: event, data: applyEdits(conektaSample(event), edits) }, pem)
    } catch {
      throw usageError(`${keyFile} is not a PEM RSA private key`)
    }
  } else {
    const publicKey = str(c.flags, 'public-key')
    if (!secret || !publicKey) throw usageError('trigger calypso --to needs --public-key and --secret (the subscription keys to sign with)')
    signed = signCalypsoDelivery(calypsoDeliveryPayload({ id: calypsoEventId(), eventType: event, data: applyEdits(calypsoSample(event), edits) }), {
      publicKey,
      secretKey: secret,
    })
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
    'unihook trigger PROVIDER EVENT [--account A] [--override path=value]… [--add path=value]… [--redeliver [--speed N]] [--to URL (--secret S | --private-key-file F | --public-key K --secret S)]',
  summary: 'deliver a sample event, signed as the provider signs',
  options: {
    account: { type: 'string' },
    to: { type: 'string' },
    secret: { type: 'string' },
    'public-key': { type: 'string' },
    'private-key-file': { type: 'string' },
    'allow-unknown': { type: 'boolean' },
    override: { type: 'string', multiple: true },
    add: { type: 'string', multiple: true },
    redeliver: { type: 'boolean' },
    speed: { type: 'string' },
  },
  async run(c) {
    const [providerArg, event, ...extra] = c.positionals
    if (!providerArg || !event || extra.length)
      throw usageError(`expected a provider and an event, e.g. unihook trigger razorpay payment.captured --sandbox: ${this.usage}`)
    const provider = providerName(providerArg, 'trigger')
    if (!EVENTS[provider].includes(event) && c.flags['allow-unknown'] !== true) {
      const near = closest(event, EVENTS[provider])
      throw usageError(
        `"${event}" is not a ${provider} event${near ? ` (did you mean "${near}"?)` : `; for example ${EVENTS[provider].slice(0, 3).join(', ')}`}; pass --allow-unknown to send it anyway`,
      )
    }
    const account = str(c.flags, 'account')
    const given = str(c.flags, 'to')
    const to = given === undefined ? undefined : httpUrlFlag('--to', given)
    const edits = parseEdits(provider, list(c.flags, 'override'), list(c.flags, 'add'))
    const speed = speedOf(c)
    if (c.flags.speed !== undefined && c.flags.redeliver !== true) throw usageError('--speed sets the pace of --redeliver; pass --redeliver too')
    if (to && c.flags.redeliver === true) throw usageError('--redeliver is the sandbox redelivering its own deliveries; it cannot be combined with --to')
    const fakes = to ? undefined : c.session.fakes()
    const first = fakes ? await sandboxDeliver(fakes, provider, event, account, edits) : [await deliverTo(c, provider, event, to!, account, edits)]
    const rows: readonly (DeliveryRow & { readonly redeliveries?: readonly Redelivery[] })[] =
      fakes && c.flags.redeliver === true
        ? await redeliverRejected(provider, first, fakes.sent, {
            speed,
            signal: c.signal,
            onAttempt: (url, a) => c.out.note(`redelivered to ${redactUrl(url)} after ${a.after} s of the schedule: ${a.status ?? a.error}`),
          })
        : first
    const shown = rows.map((r) => ({ ...r, url: c.flags['show-secret'] === true ? r.url : redactUrl(r.url) }))
    const ok =
      rows.length > 0 &&
      rows.every((r) => (c.flags.redeliver === true ? acceptedInTheEnd(provider, r) : r.status !== undefined && r.status >= 200 && r.status < 300))
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
  },
}

/** `--speed N`: N seconds of the retry schedule pass in one second. */
function speedOf(c: Context): number {
  const text = str(c.flags, 'speed')
  if (text === undefined) return DEFAULT_SPEED
  const speed = Number(text)
  if (!Number.isFinite(speed) || speed < 1) throw usageError(`--speed must be a number ≥ 1 (seconds of the schedule per second), not "${text}"`)
  return speed
}
