/** The rules the adapter checks before any request: subscription ids and service groups. */

import { checkEvents, checkId, checkUrl, DEFAULT_MAX_URL_LENGTH, type Issue } from '@unihook/core'
import { SUBSCRIPTION_ID_PATTERN } from './endpoints.js'
import { CALYPSO_EVENTS, CALYPSO_SERVICES } from './events.js'

/** Calypso documents no URL length limit: core's default (2,048 characters) keeps megabyte URLs from being sent. */
export const MAX_URL_LENGTH = DEFAULT_MAX_URL_LENGTH

export const checkWebhookUrl = (url: unknown): Issue[] => checkUrl(url, { maxLength: MAX_URL_LENGTH })

export const checkSubscriptionId = (id: unknown) => checkId(id, SUBSCRIPTION_ID_PATTERN, 'Calypso subscription id (a UUID requestId)')

/** Service groups are optional and may be empty (events alone can make the subscription). */
export const checkServices = (services: unknown, allowUnknown: boolean): Issue[] =>
  services === undefined
    ? []
    : checkEvents(
        services,
        CALYPSO_SERVICES,
        {
          allowUnknown,
          allowEmpty: true,
          noun: 'service',
          hint: `known: ${CALYPSO_SERVICES.join(', ')}; set allowUnknownEvents to send others`,
        },
        'services',
      )

/**
 * Everything `create` refuses before any request, the account aside: the URL, events and services (one
 * of them non-empty), a chosen id, a chosen secret. Exported so that tools (the CLI's `plan`) refuse what
 * `create` would.
 */
export function checkCreateInput(input: unknown): Issue[] {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const allowUnknown = given.allowUnknownEvents === true
  const hasServices = Array.isArray(given.services) && given.services.length > 0
  return [
    ...checkWebhookUrl(given.url),
    ...(Array.isArray(given.events) && given.events.length === 0 && !hasServices
      ? [{ path: 'events', message: 'must name at least one event (or set services)' }]
      : checkEvents(given.events, CALYPSO_EVENTS, { allowUnknown, allowEmpty: true })),
    ...checkServices(given.services, allowUnknown),
    ...(given.requestId === undefined ? [] : checkSubscriptionId(given.requestId).map((i) => ({ ...i, path: 'requestId' }))),
    ...(given.secret === undefined ? [] : [{ path: 'secret', message: "Calypso generates each subscription's secret key; it cannot be chosen" }]),
  ]
}
