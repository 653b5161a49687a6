/**
 * An adapter's local `ValidationError` in the words of the command line: each issue names the flag that
 * holds the value (`--events`, not `events[0]`), what was typed where it is safe to repeat, and the flag
 * that fixes it (`--allow-unknown`, not the library's `allowUnknownEvents`).
 */

import { type Issue, redactUrl, type WebhookError } from '@unihook/core'
import { type CliError, fromWebhookError, usageError } from './errors.js'
import { descriptors } from './registry.js'
import { didYouMean } from './suggest.js'
import { MALFORMED_URL } from './validate-config.js'

const COMMON_FLAGS: Readonly<Record<string, string>> = {
  url: '--url',
  events: '--events',
  secret: '--secret',
  description: '--description',
  enabled: '--enabled',
  account: '--account',
  id: 'ID',
}

/** The values a field takes, for suggestions: the provider's events, or a provider-specific field's catalogue. */
function catalogOf(provider: string, field: string): readonly string[] {
  const d = descriptors().find((p) => p.name === provider)
  if (!d) return []
  return field === 'events' ? d.events : (d.fields.find((f) => f.name === field)?.values ?? [])
}

/** The flag of a provider-specific field (`alertEmail` → `--alert-email`). */
const providerFlag = (provider: string, field: string) => {
  const spec = descriptors()
    .find((d) => d.name === provider)
    ?.fields.find((f) => f.name === field)
  return spec && `--${spec.flag}`
}

/** One issue as a line about a flag. */
export function flagIssue(provider: string, issue: Issue): string {
  const field = issue.path.split(/[.[]/)[0] ?? ''
  const flag = COMMON_FLAGS[field] ?? providerFlag(provider, field) ?? issue.path
  let message = issue.message.replace(/set allowUnknownEvents( to)?/, 'pass --allow-unknown to')
  const unknown = /^unknown \w+ "([^"]*)"/.exec(message)
  if (unknown?.[1] !== undefined) message += didYouMean(unknown[1], catalogOf(provider, field))
  if (field === 'url' && MALFORMED_URL.test(message)) message += '; expected an absolute http(s) URL such as https://example.com/hooks'
  return flag ? `${flag}: ${message}` : message
}

/** A provider error as the CLI reports it; a local validation error becomes a usage error about flags. */
export function fromAdapterError(error: WebhookError): CliError {
  const issues = (error as { source?: string; issues?: readonly Issue[] }).source === 'local' ? (error as { issues?: readonly Issue[] }).issues : undefined
  if (error._tag !== 'ValidationError' || !issues?.length) return fromWebhookError(error)
  const lines = issues.map((issue) => flagIssue(error.provider, issue))
  return usageError(lines.length === 1 ? lines[0]! : `nothing was sent:\n  ${lines.join('\n  ')}`, 'ValidationError')
}

/** A URL as typed, safe to repeat: its credentials hidden, or nothing when it cannot be read as a URL but may hold some. */
export function typedUrl(text: string): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined
  if (protocol === 'http:' || protocol === 'https:') return `"${redactUrl(text)}"`
  // `user:password@host` reads as a URL of scheme `user:`, whose "path" is the password.
  return text.includes('@') ? '(not shown: it may hold credentials)' : `"${text}"`
}

/** Refuses anything but an absolute http(s) URL for `flag`. */
export function httpUrlFlag(flag: string, text: string, example = 'http://127.0.0.1:3000/hooks'): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined
  if (protocol === 'http:' || protocol === 'https:') return text
  throw usageError(`${flag} must be an absolute http(s) URL like ${example}, not ${typedUrl(text)}`)
}
