/**
 * Razorpay's error answers as the fake sends them. Texts come from Razorpay's docs and SDK examples
 * where they are documented (auth, invalid URL, invalid event names, unknown id, unknown route); the
 * others follow the same Laravel-style validation wording Razorpay uses elsewhere.
 */

import { json } from '@unihook/core/testing'

export interface ErrorFields {
  readonly field?: string
  readonly source?: string
  readonly step?: string
  readonly reason?: string
}

export function razorpayError(status: number, description: string, fields: ErrorFields = {}): Response {
  const code = status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST_ERROR'
  return json(status, {
    error: {
      code,
      description,
      source: fields.source ?? (fields.field ? 'business' : 'NA'),
      step: fields.step ?? (fields.field ? 'payment_initiation' : 'NA'),
      reason: fields.reason ?? (fields.field ? 'input_validation_failed' : 'NA'),
      metadata: {},
      ...(fields.field ? { field: fields.field } : {}),
    },
  })
}

export const messages = {
  noKey: 'Please provide your api key for authentication purposes.',
  badKey: 'The api key provided is invalid',
  badSecret: 'The api secret provided is invalid',
  noRoute: 'The requested URL was not found on the server.',
  noSuchId: 'The id provided does not exist',
  invalidId: (id: string) => `${id} is not a valid id`,
  notJson: 'The request body is not valid JSON.',
  extraFields: (names: readonly string[]) => `${names.join(', ')} is/are not required and should not be sent`,
  required: (field: string) => `The ${field.replace(/_/g, ' ')} field is required.`,
  invalidUrl: 'The url is not a valid URL.',
  urlTooLong: (max: number) => `The url may not be greater than ${max} characters.`,
  eventsShape: 'The events must be an array.',
  invalidEvents: (names: readonly string[]) => `Invalid event name/names: ${names.join(', ')}`,
  invalidEmail: 'The alert email must be a valid email address.',
  notString: (field: string) => `The ${field.replace(/_/g, ' ')} must be a string.`,
  notBoolean: (field: string) => `The ${field} field must be true or false.`,
  notInteger: (field: string) => `The ${field} must be an integer.`,
  atLeast: (field: string, min: number) => `The ${field} must be at least ${min}.`,
  atMost: (field: string, max: number) => `The ${field} may not be greater than ${max}.`,
  // Not documented verbatim; the create page only says "You can create up to 30 webhooks for an account_id".
  limit: (max: number) => `Maximum number of webhooks allowed per account is ${max}`,
} as const
