/**
 * Ctrl-C (SIGINT) and SIGTERM. The first one stops the command from starting anything new: calls already
 * sent finish (each bounded by the request timeout), their secrets are written, and the command reports
 * what was done and what was not, then exits 130. A second one exits at once: every secret handed out is
 * on disk already (see secrets-file.ts), so nothing is lost by not waiting.
 */

import { webhookError, type WebhookError, type WebhookProvider } from '@unihook/core'

export const INTERRUPTED_EXIT = 130

/** Installs the handlers; `first` is aborted on the first signal. */
export function installInterrupts(onSecond: () => void = exitNow): AbortController {
  const first = new AbortController()
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (first.signal.aborted) onSecond()
      else first.abort()
    })
  }
  return first
}

function exitNow(): never {
  process.stderr.write(
    'interrupted again: exiting now. Calls in flight may or may not have happened; every secret they set is on disk already (marked pending). Run the command again (or plan) to see where things stand.\n',
  )
  process.exit(INTERRUPTED_EXIT)
}

/** The calls a command has in flight, so that an interrupt can say how many it waits for. */
export interface InFlight {
  readonly count: number
}

const NOT_SENT = 'not sent: the command was interrupted before this call started'

/** Whether a call failed because it was never sent (the command had been interrupted). */
export const notSent = (error: WebhookError): boolean => (error.details as { notSent?: boolean } | undefined)?.notSent === true

const GATED = ['list', 'get', 'create', 'update', 'delete', 'test', 'rotateSecret'] as const

/**
 * The same provider, refusing every call that starts after `stop` is aborted (`notSent`), and counting
 * the calls in flight. Wrapped inside the command's limiter, so calls queued for a slot are refused too.
 */
export function gateProvider<P extends WebhookProvider>(provider: P, stop: AbortSignal, inFlight: { count: number }): P {
  const gated: Record<string, unknown> = {}
  for (const name of GATED) {
    const operation = (provider[name] as (...args: unknown[]) => () => Promise<unknown>).bind(provider)
    gated[name] =
      (...args: unknown[]) =>
      async () => {
        if (stop.aborted) {
          const error = webhookError('NetworkError', { provider: provider.provider, operation: name }, NOT_SENT, { aborted: true, details: { notSent: true } })
          return { _tag: 'Left', left: error }
        }
        inFlight.count++
        try {
          return await operation(...args)()
        } finally {
          inFlight.count--
        }
      }
  }
  return { ...provider, ...gated } as P
}
