/**
 * The fake's request validation, in the order Razorpay reports problems: unexpected fields first, then
 * each field. Every check returns the first problem as `{description, field}` or nothing.
 */

import { messages } from './envelopes.js'

export interface Problem {
  readonly description: string
  readonly field?: string
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/
const TRUTHY = new Set<unknown>([true, 1, '1', 'true'])

export function extraFields(body: Record<string, unknown>, allowed: readonly string[]): Problem | undefined {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k))
  return extra.length ? { description: messages.extraFields(extra), field: extra[0] } : undefined
}

export function checkUrl(url: unknown, maxLength: number): Problem | undefined {
  if (url === undefined || url === null || url === '') return { description: messages.required('url'), field: 'url' }
  if (typeof url !== 'string') return { description: messages.invalidUrl, field: 'url' }
  if (url.length > maxLength) return { description: messages.urlTooLong(maxLength), field: 'url' }
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { description: messages.invalidUrl, field: 'url' }
  } catch {
    return { description: messages.invalidUrl, field: 'url' }
  }
  return undefined
}

/** Reads `events` as sent (an array, or the `{name: true}` map the docs' `object` label allows). */
export function readEvents(events: unknown, known: ReadonlySet<string>): { events: string[] } | Problem {
  if (events === undefined || events === null) return { description: messages.required('events'), field: 'events' }
  let names: unknown[]
  if (Array.isArray(events)) names = events
  else if (typeof events === 'object')
    names = Object.entries(events as Record<string, unknown>)
      .filter(([, v]) => TRUTHY.has(v))
      .map(([k]) => k)
  else return { description: messages.eventsShape, field: 'events' }
  if (names.length === 0) return { description: messages.required('events'), field: 'events' }
  const invalid = names.filter((n) => typeof n !== 'string' || !known.has(n)).map(String)
  if (invalid.length) return { description: messages.invalidEvents(invalid), field: 'events' }
  return { events: [...new Set(names as string[])] }
}

export function checkEmail(email: unknown): Problem | undefined {
  if (email === undefined || email === null) return undefined
  if (typeof email !== 'string' || !email.split(',').every((part) => EMAIL.test(part.trim()))) {
    return { description: messages.invalidEmail, field: 'alert_email' }
  }
  return undefined
}

export function checkString(value: unknown, field: string): Problem | undefined {
  return value === undefined || value === null || typeof value === 'string' ? undefined : { description: messages.notString(field), field }
}

export function readBoolean(value: unknown, field: string): { value: boolean | undefined } | Problem {
  if (value === undefined || value === null) return { value: undefined }
  if (value === true || value === 'true' || value === 1 || value === '1') return { value: true }
  if (value === false || value === 'false' || value === 0 || value === '0') return { value: false }
  return { description: messages.notBoolean(field), field }
}

/** A query parameter that must be a whole number within bounds; absent gives the default. */
export function readInteger(
  raw: string | null,
  field: string,
  min: number,
  max: number | undefined,
  fallback: number | undefined,
): { value: number | undefined } | Problem {
  if (raw === null || raw === '') return { value: fallback }
  if (!/^-?\d+$/.test(raw)) return { description: messages.notInteger(field), field }
  const value = Number(raw)
  if (value < min) return { description: messages.atLeast(field, min), field }
  if (max !== undefined && value > max) return { description: messages.atMost(field, max), field }
  return { value }
}

export const isProblem = (value: object): value is Problem => 'description' in value
