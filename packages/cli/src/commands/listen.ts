/**
 * `unihook listen`: a local receiver for every registered provider (listener.ts). Each delivery is verified with the keys at
 * hand (environment, `--secrets FILE`, and the sandbox's own with `--sandbox`, re-read on every delivery
 * so webhooks created meanwhile verify too), printed as one line, and, when verified, forwarded to the
 * user's app with `--forward-to`.
 */

import { redactUrl } from '@unihook/core'
import { type Command, type Context, list, str } from '../command.js'
import { EXIT, usageError } from '../errors.js'
import { openDeliveryLog } from '../history/log.js'
import { DEFAULT_LISTEN_CONCURRENCY, DEFAULT_MAX_BODY, type ForwardTargets, parseForwardTargets, parseSize } from '../listen-bounds.js'
import { DEFAULT_LISTEN_PORT, describeDelivery, startListener } from '../listener.js'
import { loadState } from '../sandbox.js'
import { keysFromEnv, keysFromSandbox, keysFromSecretsFile, mergeKeys, NO_KEYS } from '../verification.js'
import { readSecretsFile } from '../views.js'

/** `--forward-to` targets as shown: credentials in the URLs hidden. */
const describeTargets = (t: ForwardTargets) =>
  [...(t.all ? [redactUrl(t.all)] : []), ...Object.entries(t.byProvider).map(([p, url]) => `${p}=${redactUrl(url)}`)].join(', ')

function wholeNumber(c: Context, flag: string, min: number, max: number, fallback: number): number {
  const text = str(c.flags, flag)
  if (text === undefined) return fallback
  const value = Number(text)
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(`--${flag} must be a whole number ${range}, not "${text}"`)
  return value
}

export const listenCommand: Command = {
  name: 'listen',
  usage:
    'unihook listen [--port N] [--forward-to [PROVIDER=]URL]… [--max-body SIZE] [--concurrency N] [--sandbox] [--secrets FILE] [--count N] [--events a,b] [--inspect [--inspect-port N]]',
  summary: 'receive deliveries locally, verify and print them, forward verified ones',
  options: {
    port: { type: 'string' },
    'forward-to': { type: 'string', multiple: true },
    secrets: { type: 'string' },
    count: { type: 'string' },
    'max-body': { type: 'string' },
    concurrency: { type: 'string' },
    events: { type: 'string', multiple: true },
    inspect: { type: 'boolean' },
    'inspect-port': { type: 'string' },
  },
  async run(c) {
    const port = wholeNumber(c, 'port', 0, 65535, DEFAULT_LISTEN_PORT)
    const countText = str(c.flags, 'count')
    const count = countText === undefined ? undefined : wholeNumber(c, 'count', 1, Number.MAX_SAFE_INTEGER, 1)
    const maxBodyText = str(c.flags, 'max-body')
    const maxBody = maxBodyText === undefined ? DEFAULT_MAX_BODY : parseSize(maxBodyText)
    const concurrency = wholeNumber(c, 'concurrency', 1, 1000, DEFAULT_LISTEN_CONCURRENCY)
    const forwardTo = parseForwardTargets(list(c.flags, 'forward-to'))
    const secretsFile = str(c.flags, 'secrets')
    const fixed = mergeKeys(keysFromEnv(c.env), secretsFile ? keysFromSecretsFile(readSecretsFile(secretsFile)) : NO_KEYS)
    const keys = () => {
      if (!c.session.sandbox) return fixed
      const state = loadState(c.session.statePath)
      return state ? mergeKeys(fixed, keysFromSandbox(state)) : fixed
    }
    const events = eventFilter(list(c.flags, 'events'))
    const inspectPort = portFlag(c.flags.inspect === true ? (str(c.flags, 'inspect-port') ?? '0') : undefined, '--inspect-port')
    const log = await openDeliveryLog(c, {
      ...(secretsFile ? { secretsFile } : {}),
      ...(forwardTo ? { forwardTo } : {}),
      ...(inspectPort === undefined ? {} : { inspectPort }),
    })
    let seen = 0
    let allVerified = true
    let finish: () => void = () => undefined
    const done = new Promise<void>((resolve) => (finish = resolve))
    c.signal.addEventListener('abort', () => finish())
    const listener = await startListener({
      port,
      keys,
      maxBody,
      concurrency,
      ...(forwardTo ? { forwardTo } : {}),
      ...(events ? { events } : {}),
      observe: log.observe,
      onDelivery: (record) => {
        seen++
        if (!record.verified) allVerified = false
        if (c.out.json) c.out.record({ delivery: record })
        else c.out.line(describeDelivery(c.out, record))
        if (count !== undefined && seen >= count) finish()
      },
    }).catch(async (error: unknown) => {
      await log.close()
      throw error
    })
    const forwarding = forwardTo ? describeTargets(forwardTo) : undefined
    if (c.out.json) c.out.record({ listening: listener.url, ...(forwarding ? { forwardTo: forwarding } : {}), maxBody, concurrency })
    else c.out.line(`listening on ${listener.url}${forwarding ? `, forwarding verified deliveries to ${forwarding}` : ''} (Ctrl-C to stop)`)
    if (log.inspectorUrl && c.out.json) c.out.record({ inspector: log.inspectorUrl })
    else if (log.inspectorUrl) c.out.line(`inspector: ${log.inspectorUrl}`)
    await done
    await listener.close()
    await log.close()
    return allVerified ? EXIT.ok : EXIT.failure
  },
}

/** `--events a,b` (repeatable): the event types to print and forward; undefined for all. */
function eventFilter(values: readonly string[]): ReadonlySet<string> | undefined {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  if (values.length && !names.length) throw usageError('--events needs event names, comma-separated')
  return names.length ? new Set(names) : undefined
}

function portFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`${flag} must be a port number, not "${text}"`)
  return port
}
