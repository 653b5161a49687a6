/** The rules the adapter checks before any request: ids, URLs, text fields, metadata, API versions, idempotency keys. */

import { checkEvents, checkId, checkUrl, type Issue } from '@unihook/core'
import { MAX_IDEMPOTENCY_KEY_LENGTH, MAX_TEXT_LENGTH, METADATA_LIMITS, WEBHOOK_ENDPOINT_ID } from './endpoints.js'
import { STRIPE_EVENTS } from './events.js'

export const checkEndpointId = (id: unknown) => checkId(id, WEBHOOK_ENDPOINT_ID, 'Stripe webhook endpoint id (we_…)')

/** `url` is a string of at most 5000 characters in the OpenAPI description. */
export const checkEndpointUrl = (url: unknown, path = 'url'): Issue[] => checkUrl(url, { maxLength: MAX_TEXT_LENGTH }, path)

export function checkDescription(description: unknown): Issue[] {
  if (description === undefined) return []
  if (typeof description !== 'string') return [{ path: 'description', message: 'must be a string' }]
  return description.length > MAX_TEXT_LENGTH ? [{ path: 'description', message: `must be at most ${MAX_TEXT_LENGTH} characters` }] : []
}

/** Metadata as docs.stripe.com/metadata bounds it; `null` (or `''`) as a value unsets that key. */
export function checkMetadata(metadata: unknown): Issue[] {
  if (metadata === undefined) return []
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return [{ path: 'metadata', message: 'must be an object of strings' }]
  const entries = Object.entries(metadata)
  const issues: Issue[] = []
  if (entries.length > METADATA_LIMITS.keys) issues.push({ path: 'metadata', message: `may hold at most ${METADATA_LIMITS.keys} keys` })
  for (const [key, value] of entries) {
    const path = `metadata.${key}`
    if (key === '' || key.length > METADATA_LIMITS.keyLength || /[[\]]/.test(key)) {
      issues.push({ path, message: `keys must be 1 to ${METADATA_LIMITS.keyLength} characters without square brackets` })
    } else if (value !== null && typeof value !== 'string') issues.push({ path, message: 'must be a string (or null to unset it)' })
    else if (typeof value === 'string' && value.length > METADATA_LIMITS.valueLength) {
      issues.push({ path, message: `must be at most ${METADATA_LIMITS.valueLength} characters` })
    }
  }
  return issues
}

/** Stripe's version names: a date, and since 2024 a release name (`2026-11-18.endive`). Which exist is Stripe's to say. */
export const API_VERSION_FORM = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/

export function checkApiVersion(version: unknown): Issue[] {
  if (version === undefined) return []
  return typeof version === 'string' && API_VERSION_FORM.test(version)
    ? []
    : [{ path: 'apiVersion', message: 'must be a Stripe API version such as 2026-11-18.endive' }]
}

export function checkIdempotencyKey(key: unknown): Issue[] {
  if (key === undefined) return []
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x20-\x7e]+$/.test(key)
    ? []
    : [{ path: 'idempotencyKey', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters` }]
}

export const checkBoolean = (value: unknown, path: string): Issue[] =>
  value === undefined || typeof value === 'boolean' ? [] : [{ path, message: 'must be a boolean' }]

const SECRET_REFUSAL = "Stripe makes each endpoint's signing secret (whsec_…); it cannot be chosen"

/**
 * Everything `create` refuses before any request, account aside: the URL, the events, the description,
 * metadata, API version, `connect`, idempotency key and a chosen secret. Exported so that tools (the
 * CLI's `plan`) refuse what `create` would.
 */
export function checkCreateInput(input: unknown): Issue[] {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  return [
    ...checkEndpointUrl(given.url),
    ...checkEvents(given.events, STRIPE_EVENTS, { allowUnknown: given.allowUnknownEvents === true }),
    ...checkDescription(given.description),
    ...checkMetadata(given.metadata),
    ...checkApiVersion(given.apiVersion),
    ...checkBoolean(given.connect, 'connect'),
    ...checkIdempotencyKey(given.idempotencyKey),
    ...(given.secret === undefined ? [] : [{ path: 'secret', message: SECRET_REFUSAL }]),
  ]
}
