/** The rules the adapter checks before any request: ids, URLs, alert emails and given secrets. */

import { checkEvents, checkId, checkUrl, type Issue, isSecret, revealSecret } from '@unihook/core'
import { RAZORPAY_EVENTS } from './events.js'
import { MAX_URL_LENGTH, WEBHOOK_ID } from './ids.js'

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/
export const URL_RULES = { maxLength: MAX_URL_LENGTH }

export const checkWebhookId = (id: unknown) => checkId(id, WEBHOOK_ID, 'Razorpay webhook id (14 letters or digits)')

/** `alert_email` may list several addresses, comma-separated. */
export const checkAlertEmail = (email: unknown, path = 'alertEmail'): Issue[] =>
  email === undefined || (typeof email === 'string' && email.split(',').every((part) => EMAIL.test(part.trim())))
    ? []
    : [{ path, message: 'must be an email address' }]

export const checkSecretValue = (value: unknown, path: string): Issue[] =>
  value === undefined || ((typeof value === 'string' || isSecret(value)) && revealSecret(value).trim() !== '')
    ? []
    : [{ path, message: 'must be a non-empty string or Secret' }]

/**
 * Everything `create` refuses before any request, the account aside: the URL, the events, the alert
 * email and a given secret. Exported so that tools (the CLI's `plan`) refuse what `create` would.
 */
export function checkCreateInput(input: unknown): Issue[] {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  return [
    ...checkUrl(given.url, URL_RULES),
    ...checkEvents(given.events, RAZORPAY_EVENTS, { allowUnknown: given.allowUnknownEvents === true }),
    ...checkAlertEmail(given.alertEmail),
    ...checkSecretValue(given.secret, 'secret'),
  ]
}
