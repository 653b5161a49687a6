/**
 * The fake's answers in Conekta's shapes: its error envelope (with `message` in the request's
 * `Accept-Language` and `debug_message` in English, as the API does) and its response headers.
 */

import { json } from '@unihook/core/testing'

export type Locale = 'es' | 'en'

export const localeOf = (header: string | null): Locale => (header?.trim().toLowerCase().startsWith('en') ? 'en' : 'es')

const HEADERS = {
  'content-type': 'application/vnd.conekta-v2.1.0+json; charset=utf-8',
  'conekta-media-type': 'conekta-v2.1.0; format=application/json',
}

export const ok = (body: unknown) => json(200, body, HEADERS)

export interface Detail {
  readonly code: string
  readonly param: string | null
  readonly message: Readonly<Record<Locale, string>>
  readonly debug: string
}

export function errorResponse(status: number, type: string, details: readonly Detail[], locale: Locale, logId: string): Response {
  return json(
    status,
    {
      object: 'error',
      type,
      log_id: logId,
      details: details.map((d) => ({ code: d.code, param: d.param, message: d.message[locale], debug_message: d.debug })),
    },
    HEADERS,
  )
}

/** Conekta's documented 401 body; the fake answers it for a missing and for a wrong key alike. */
export const AUTH_DETAIL: Detail = {
  code: 'conekta.errors.authentication.missing_key',
  param: null,
  message: { es: 'Acceso no autorizado.', en: 'Unauthorized access.' },
  debug: 'Please include your access key in your request.',
}

export const notFoundDetail = (kind: string, id: string): Detail => ({
  code: 'conekta.errors.resource_not_found.entity',
  param: null,
  message: { es: 'El recurso no ha sido encontrado.', en: 'The resource was not found.' },
  debug: `The object ${kind} "${id}" could not be found.`,
})

export const invalidParam = (param: string, reason: string, en: string, es: string): Detail => ({
  code: `conekta.errors.parameter_validation.${param.replace(/\W+/g, '_')}.${reason}`,
  param,
  message: { es, en },
  debug: en,
})

export const malformed = (code: string, en: string, es: string): Detail => ({
  code: `conekta.errors.malformed_request.${code}`,
  param: null,
  message: { es, en },
  debug: en,
})

/** The error the 11th webhook gets. Conekta documents the limit but not this answer; the wording is the fake's. */
export const webhookLimitDetail = (max: number): Detail => ({
  code: 'conekta.errors.parameter_validation.webhooks.limit_exceeded',
  param: null,
  message: {
    es: `Solo puedes tener un máximo de ${max} webhooks por ambiente.`,
    en: `You can have at most ${max} webhooks per environment.`,
  },
  debug: `The webhook limit of ${max} per environment was reached.`,
})
