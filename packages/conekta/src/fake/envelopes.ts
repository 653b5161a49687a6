/**
 * The fake's answers in Conekta's shapes: its error envelope (with `message` in the request's
 * `Accept-Language` and `debug_message` in English, as the API does) and its response headers.
 */

import { json } from '@unihook/core/testing'
import type { FakeApiVersion } from './versions.js'

export type Locale = 'es' | 'en'

export const localeOf = (header: string | null): Locale => (header?.trim().toLowerCase().startsWith('en') ? 'en' : 'es')

/**
 * Conekta answers `Content-Type: application/json; charset=utf-8` and names the version it spoke in
 * `Conekta-Media-Type` (as its own mock's logged responses show). An answer to a request that named no
 * usable version carries no `Conekta-Media-Type`.
 */
const headersFor = (version: FakeApiVersion | undefined): Record<string, string> => ({
  'content-type': 'application/json; charset=utf-8',
  ...(version === undefined ? {} : { 'conekta-media-type': `conekta-v${version}; format=application/json` }),
})

export const ok = (body: unknown, version: FakeApiVersion) => json(200, body, headersFor(version))

export interface Detail {
  readonly code: string
  readonly param: string | null
  readonly message: Readonly<Record<Locale, string>>
  readonly debug: string
}

export function errorResponse(status: number, type: string, details: readonly Detail[], locale: Locale, logId: string, version?: FakeApiVersion): Response {
  return json(
    status,
    {
      object: 'error',
      type,
      log_id: logId,
      details: details.map((d) => ({ code: d.code, param: d.param, message: d.message[locale], debug_message: d.debug })),
    },
    headersFor(version),
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

/** A field the request's version does not know. The code's last segment is the fake's choice (see the provider page). */
export const unknownField = (param: string): Detail => ({
  code: `conekta.errors.parameter_validation.${param.replace(/\W+/g, '_')}.unknown`,
  param,
  message: { es: `El parámetro ${param} no es válido para esta versión de la API.`, en: `${param} is not a parameter of this API version.` },
  debug: `${param} is not a parameter of this API version.`,
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
