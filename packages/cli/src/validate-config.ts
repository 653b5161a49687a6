/**
 * The config's entries checked the way the adapters' `create` checks its input (each descriptor's
 * `checkCreateInput`: URL, events, provider-specific fields, lengths), plus what only a whole config can get
 * wrong: the same webhook declared twice, an account of the wrong form. Every problem names the file,
 * the line (YAML and JSON) and the field path, so `plan` refuses what `apply` would fail on, before
 * anything is sent.
 */

import { relative } from 'node:path'
import type { Issue } from '@unihook/core'
import type { DesiredEntry } from './config.js'
import { type CliError, usageError } from './errors.js'
import { typedUrl } from './flag-issues.js'
import { descriptorOf } from './registry.js'
import { didYouMean } from './suggest.js'

export type FieldPath = readonly (string | number)[]

export interface Problem {
  readonly path: FieldPath
  readonly message: string
}

/** The line (1-based) where a field of the config is written, when the file's text tells. */
export type Locate = (path: FieldPath) => number | undefined

export const NOWHERE: Locate = () => undefined

/** `webhooks[1].events[0]`. */
export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '')

/** `events[0]` (an adapter issue's path) as `['events', 0]`. */
export const parsePath = (text: string): FieldPath =>
  text
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part))

/**
 * Finds fields in YAML or JSON text (JSON read as YAML, which it is), through the yaml library's node
 * ranges. Loaded only for those configs. The text is parsed on the first question only: a config's YAML
 * nodes take about 1.5 KB per entry, held for the whole run when nothing needs a line (at 10,000
 * accounts, tens of megabytes).
 */
export async function locatorFor(text: string): Promise<Locate> {
  const { LineCounter, parseDocument } = await import('yaml')
  let parsed: { lines: InstanceType<typeof LineCounter>; document: ReturnType<typeof parseDocument> } | undefined
  const parse = () => {
    if (parsed) return parsed
    const lines = new LineCounter()
    parsed = { lines, document: parseDocument(text, { lineCounter: lines }) }
    return parsed
  }
  return (path) => {
    const { lines, document } = parse()
    // The deepest node that exists: an unknown field's parent, a missing field's entry.
    for (let depth = path.length; depth > 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined
      if (node?.range) return lines.linePos(node.range[0]).line
    }
    return undefined
  }
}

/** The file as the user would name it: relative to the working directory when it is inside it. */
export function shownFile(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel && !rel.startsWith('..') ? rel : file
}

/** `unihook.config.yaml:7: webhooks[1].url: …`. */
export function describeProblem(file: string, locate: Locate, problem: Problem): string {
  const line = locate(problem.path)
  const where = `${shownFile(file)}${line === undefined ? '' : `:${line}`}`
  return problem.path.length ? `${where}: ${formatPath(problem.path)}: ${problem.message}` : `${where}: ${problem.message}`
}

/** One usage error listing every problem; nothing was sent. */
export function refuseConfig(file: string, locate: Locate, problems: readonly Problem[]): CliError {
  if (problems.length === 1) return usageError(`${describeProblem(file, locate, problems[0]!)}; nothing was sent`, 'ConfigError')
  const byLine = [...problems].sort((a, b) => (locate(a.path) ?? 0) - (locate(b.path) ?? 0))
  const lines = byLine.map((p) => `  ${describeProblem(file, locate, p)}`)
  return usageError(`${shownFile(file)} has ${problems.length} problems; nothing was sent:\n${lines.join('\n')}`, 'ConfigError')
}

const URL_EXAMPLE = 'expected an absolute http(s) URL such as https://example.com/hooks'
/** The URL issues of form (not of length or host), after which an example helps. */
export const MALFORMED_URL = /well-formed|must use|required/

/** The adapter's issue, in the config's terms: what was typed (never a URL's credentials), what is expected. */
function explain(entry: DesiredEntry, issue: Issue): string {
  const [field, index] = parsePath(issue.path)
  if (field === 'url') {
    return `${issue.message} (got ${typedUrl(entry.url)})${MALFORMED_URL.test(issue.message) ? `; ${URL_EXAMPLE}` : ''}`
  }
  const d = descriptorOf(entry.provider)
  const values = d.fields.find((f) => f.name === field)?.values
  if ((field === 'events' || values) && typeof index === 'number') {
    const typed = (entry as unknown as Record<string, unknown>)[String(field)]
    const item = Array.isArray(typed) ? typed[index] : undefined
    const catalog = field === 'events' ? d.events : (values ?? [])
    const message = issue.message.replace(/set allowUnknownEvents( to)?/, 'set allowUnknownEvents: true on the entry to')
    if (typeof item === 'string' && !catalog.includes(item)) return `${message}${didYouMean(item, catalog)}`
    return message
  }
  if (field === 'alertEmail') return `${issue.message}, like ops@example.com (several: comma-separated)`
  return issue.message
}

/** What the provider's own `create` would refuse in this entry. */
function createIssues(entry: DesiredEntry, sandbox: boolean): readonly Issue[] {
  const { provider: _provider, account: _account, enabled: _enabled, ...input } = entry
  return descriptorOf(entry.provider).checkCreateInput(input, { sandbox })
}

function accountProblem(entry: DesiredEntry): string | undefined {
  const { form } = descriptorOf(entry.provider).account
  if (entry.account === undefined || !form || form.pattern.test(entry.account)) return undefined
  return `"${entry.account}" is not a ${entry.provider} account id; expected ${form.expected}`
}

/**
 * Every problem of the entries: each checked as its provider's `create` checks it, and each webhook
 * (provider, account, URL) declared once.
 */
export function checkEntries(entries: readonly DesiredEntry[], settings: { readonly sandbox: boolean }): Problem[] {
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  entries.forEach((entry, i) => {
    const account = accountProblem(entry)
    if (account) problems.push({ path: ['webhooks', i, 'account'], message: account })
    for (const issue of createIssues(entry, settings.sandbox)) {
      problems.push({ path: ['webhooks', i, ...parsePath(issue.path)], message: explain(entry, issue) })
    }
    const key = `${entry.provider}\u0000${entry.account ?? ''}\u0000${entry.url}`
    const first = seen.get(key)
    if (first === undefined) seen.set(key, i)
    else
      problems.push({
        path: ['webhooks', i, 'url'],
        message: `declares the same webhook as webhooks[${first}] (same provider, account and URL); merge the two entries into one`,
      })
  })
  return problems
}
