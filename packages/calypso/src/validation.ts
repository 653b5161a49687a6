/** The rules the adapter checks before any request: subscription ids and service groups. */

import { checkEvents, checkId, checkUrl, DEFAULT_MAX_URL_LENGTH, type Issue } from '@unihook/core'
import { SUBSCRIPTION_ID_PATTERN } from './endpoints.js'
import { CALYPSO_SERVICES } from './events.js'

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
