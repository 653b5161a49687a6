/** The rules the adapter checks before any request: ids, URLs, alert emails and given secrets. */

import { checkId, type Issue, isSecret, revealSecret } from '@unihook/core'
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
