/**
 * The rules Conekta's API applies to what it is sent, shared by the adapter (which refuses bad input
 * before any request) and the fake (which refuses it the way the API does).
 */

import { checkEvents, checkId, checkUrl, type Issue } from '@unihook/core'
import { CONEKTA_EVENTS } from './events.js'

/** Webhook, webhook-key and event ids look like MongoDB ObjectIds: 24 lowercase hex characters. */
export const CONEKTA_ID = /^[0-9a-f]{24}$/

/** The largest page (`limit`) Conekta's lists return. */
export const MAX_PAGE_SIZE = 250
export const DEFAULT_PAGE_SIZE = 20
/** How many webhooks a Conekta account may have. */
export const MAX_WEBHOOKS = 10

/**
 * The schema's `url` pattern, `^(?!.*(localhost|127\.0\.0\.1)).*$`, looks at the whole string (path and
 * query too), not just the host. Matched case-insensitively: a host is case-insensitive, and refusing a
 * little more than the API is safer than sending what it refuses.
 */
export const REFUSED_URL_TEXT = /localhost|127\.0\.0\.1/i

export interface UrlPolicy {
  /** Accept `localhost`/`127.0.0.1` URLs (only a fake started with `allowLocalhost` takes them). */
  readonly allowLocalhost?: boolean
}

export function checkWebhookUrl(url: unknown, policy: UrlPolicy = {}, path = 'url'): Issue[] {
  // Conekta documents no URL length limit: checkUrl's default (DEFAULT_MAX_URL_LENGTH, 2,048) applies.
  const issues = checkUrl(url, {}, path)
  if (issues.length > 0 || policy.allowLocalhost) return issues
  return REFUSED_URL_TEXT.test(url as string)
    ? [{ path, message: 'Conekta refuses URLs that contain localhost or 127.0.0.1; use a public URL or a tunnel' }]
    : []
}

export const checkConektaId = (id: unknown, what = 'Conekta id (24 hex characters)', path = 'id'): Issue[] => checkId(id, CONEKTA_ID, what, path)

const SECRET_REFUSAL = 'Conekta signs every delivery with an account-wide key (adapter.webhookKeys); a webhook cannot have its own secret'

/**
 * Everything `create` refuses before any request: the URL (under `policy`), the events and a chosen
 * secret. Exported so that tools (the CLI's `plan`) refuse what `create` would.
 */
export function checkCreateInput(input: unknown, policy: UrlPolicy = {}): Issue[] {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  return [
    ...checkWebhookUrl(given.url, policy),
    ...checkEvents(given.events, CONEKTA_EVENTS, { allowUnknown: given.allowUnknownEvents === true }),
    ...(given.secret === undefined ? [] : [{ path: 'secret', message: SECRET_REFUSAL }]),
  ]
}
