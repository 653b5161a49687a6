/**
 * Local validation shared by adapters: each check returns the issues it found, so an adapter can gather
 * every problem of an input and refuse it with one `ValidationError` before any request is sent.
 */

import * as TE from 'fp-ts/TaskEither'
import type { Capabilities, ListFilter } from './capabilities.js'
import { type ErrorContext, type Issue, localValidation, unsupported, type WebhookError } from './errors.js'
import type { ListQuery, UpdateWebhook } from './model.js'

/** What a provider refuses in a webhook URL, for `checkUrl`. */
export interface UrlRules {
  /** Longest URL the provider accepts. */
  readonly maxLength?: number
  /** Hostnames the provider refuses (matched case-insensitively against the host). */
  readonly refusedHosts?: readonly RegExp[]
  /** Refuse `http:` and accept only `https:`. */
  readonly httpsOnly?: boolean
}

/**
 * The longest URL sent where a provider documents no limit: 2,048 characters, the longest URL that
 * browsers, proxies and servers commonly all accept. A longer one is refused before any request.
 */
export const DEFAULT_MAX_URL_LENGTH = 2048

/**
 * Issues for a webhook URL: missing, too long, not an absolute http(s) URL (https only with `httpsOnly`), on a
 * refused host, per the provider's rules.
 */
export function checkUrl(url: unknown, rules: UrlRules = {}, path = 'url'): Issue[] {
  if (typeof url !== 'string' || url.trim() === '') return [{ path, message: 'a URL is required' }]
  const maxLength = rules.maxLength ?? DEFAULT_MAX_URL_LENGTH
  if (url.length > maxLength) return [{ path, message: `must be at most ${maxLength} characters (got ${url.length})` }]
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return [{ path, message: 'is not a well-formed absolute URL' }]
  }
  if (parsed.protocol !== 'https:' && (rules.httpsOnly || parsed.protocol !== 'http:')) {
    return [{ path, message: `must use ${rules.httpsOnly ? 'https' : 'http or https'} (got ${parsed.protocol.replace(/:$/, '')})` }]
  }
  const host = parsed.hostname.toLowerCase()
  if (rules.refusedHosts?.some((pattern) => pattern.test(host))) {
    return [{ path, message: `the provider refuses the host ${host}` }]
  }
  return []
}

/**
 * Checks a list of names against a catalog: event names by default, or another kind of name
 * (`noun`, say Calypso's service groups), with `hint` replacing the advice on unknown names.
 */
export function checkEvents(
  events: unknown,
  catalog: readonly string[],
  options: { readonly allowUnknown?: boolean; readonly allowEmpty?: boolean; readonly noun?: string; readonly hint?: string } = {},
  path = 'events',
): Issue[] {
  const noun = options.noun ?? 'event'
  if (!Array.isArray(events)) return [{ path, message: `must be an array of ${noun} names` }]
  if (events.length === 0 && !options.allowEmpty) return [{ path, message: `must name at least one ${noun}` }]
  const issues: Issue[] = []
  const known = new Set(catalog)
  const seen = new Set<string>()
  const hint = options.hint ?? 'set allowUnknownEvents to send names outside the catalog'
  events.forEach((event, i) => {
    if (typeof event !== 'string' || event.trim() === '') issues.push({ path: `${path}[${i}]`, message: 'must be a non-empty string' })
    else if (seen.has(event)) issues.push({ path: `${path}[${i}]`, message: `${JSON.stringify(event)} is listed twice` })
    else if (!options.allowUnknown && !known.has(event)) {
      issues.push({ path: `${path}[${i}]`, message: `unknown ${noun} ${JSON.stringify(event)} (${hint})` })
    }
    if (typeof event === 'string') seen.add(event)
  })
  return issues
}

/**
 * The issues of an update's `url` and `events`, each checked only when the patch sets it. `url`
 * replaces the default URL check, for providers with rules of their own.
 */
export function checkPatch(
  given: unknown,
  catalog: readonly string[],
  options: { readonly url?: (url: string) => Issue[]; readonly allowEmptyEvents?: boolean } = {},
): Issue[] {
  if (typeof given !== 'object' || given === null) return [{ path: 'patch', message: 'must be an object of the fields to change' }]
  const patch = given as UpdateWebhook
  return [
    ...(patch.url === undefined ? [] : (options.url ?? ((url: string) => checkUrl(url)))(patch.url)),
    ...(patch.enabled === undefined || typeof patch.enabled === 'boolean' ? [] : [{ path: 'enabled', message: 'must be true or false' }]),
    ...(patch.description === undefined || typeof patch.description === 'string' ? [] : [{ path: 'description', message: 'must be a string' }]),
    ...(patch.events === undefined
      ? []
      : checkEvents(patch.events, catalog, { allowUnknown: patch.allowUnknownEvents === true, allowEmpty: options.allowEmptyEvents === true })),
  ]
}

/** Issues for a page size that is not a positive integer up to `max`; none when it is absent. */
export function checkPageSize(size: unknown, max: number | undefined, path = 'pageSize'): Issue[] {
  if (size === undefined) return []
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) return [{ path, message: 'must be a positive integer' }]
  if (max !== undefined && size > max) return [{ path, message: `must be at most ${max}` }]
  return []
}

/** Issues for an id that is not a string matching `pattern`; `what` names it in the message. */
export function checkId(id: unknown, pattern: RegExp, what: string, path = 'id'): Issue[] {
  if (typeof id !== 'string' || !pattern.test(id)) return [{ path, message: `is not a valid ${what}` }]
  return []
}

/** Refuses, as `Unsupported`, the list filters a provider cannot apply; checks the page size. */
export function checkListQuery(capabilities: Capabilities, given: ListQuery | null | undefined, ctx: ErrorContext): WebhookError | undefined {
  if (given !== undefined && given !== null && typeof given !== 'object') return localValidation(ctx, [{ path: 'query', message: 'must be an object' }])
  const query: ListQuery = given ?? {}
  const asked: ListFilter[] = (['url', 'createdAfter', 'createdBefore'] as const).filter((f) => query[f] !== undefined)
  const refused = asked.filter((f) => !capabilities.listFilters.includes(f))
  if (refused.length) return unsupported(ctx, `the list filter${refused.length > 1 ? 's' : ''} ${refused.join(', ')}`)
  const issues = [
    ...checkPageSize(query.pageSize, capabilities.pagination.maxPageSize),
    ...(['createdAfter', 'createdBefore'] as const).flatMap((f) =>
      query[f] !== undefined && !(query[f] instanceof Date && !Number.isNaN(query[f].getTime())) ? [{ path: f, message: 'must be a valid Date' }] : [],
    ),
  ]
  return issues.length ? localValidation(ctx, issues) : undefined
}

/** `TE.left(ValidationError)` when there are issues, otherwise runs the request. */
export function guarded<A>(ctx: ErrorContext, issues: readonly Issue[], run: () => TE.TaskEither<WebhookError, A>): TE.TaskEither<WebhookError, A> {
  return issues.length ? TE.left(localValidation(ctx, issues)) : run()
}
