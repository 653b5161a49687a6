/**
 * The CLI's failures and its exit codes. Every failure is one of these, rendered as a tag, a message and
 * (for provider errors) the provider's request id; a stack trace only with `--debug`.
 */

import { isWebhookError, redactText, type WebhookError } from '@unihook/core'

export const EXIT = {
  ok: 0,
  /** A command ran and something failed (a provider error, a delivery not verified, a step not applied). */
  failure: 1,
  /** `plan --detailed-exitcode` found changes. */
  changes: 2,
  /** The command line or the config is wrong: nothing was sent. */
  usage: 64,
} as const

export interface FailureDetails {
  readonly tag?: string
  readonly provider?: string
  readonly operation?: string
  readonly status?: number
  readonly requestId?: string
}

/** A command failed; `exitCode` says how. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly details: FailureDetails = {},
  ) {
    super(message)
  }
}

/** The command line (or the config it names) is wrong. */
export const usageError = (message: string, tag = 'UsageError') => new CliError(message, EXIT.usage, { tag })

export const failure = (message: string, details: FailureDetails = {}) => new CliError(message, EXIT.failure, details)

/** A provider's typed error, as the CLI reports it. A local `ValidationError` means the input was wrong. */
export function fromWebhookError(error: WebhookError): CliError {
  const details: FailureDetails = {
    tag: error._tag,
    provider: error.provider,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  }
  const local = error._tag === 'ValidationError' && (error as { source?: string }).source === 'local'
  return new CliError(error.message, local ? EXIT.usage : EXIT.failure, details)
}

/** Anything thrown while running a command, as a `CliError`; unknown throws keep their message, redacted. */
export function toCliError(error: unknown, secrets: readonly string[] = []): CliError {
  if (error instanceof CliError) return error
  if (isWebhookError(error)) return fromWebhookError(error)
  const tagged = error as { error?: unknown }
  if (tagged && isWebhookError(tagged.error)) return fromWebhookError(tagged.error)
  const message = error instanceof Error ? error.message : String(error)
  return new CliError(redactText(message, secrets), EXIT.failure, { tag: error instanceof Error ? error.name : 'Error' })
}
