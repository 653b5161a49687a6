/** The rules the adapter checks before any request: subscription ids and service groups. */

import { checkEvents, checkId, type Issue } from '@unihook/core'
import { SUBSCRIPTION_ID_PATTERN } from './endpoints.js'
import { CALYPSO_SERVICES } from './events.js'

export const checkSubscriptionId = (id: unknown) => checkId(id, SUBSCRIPTION_ID_PATTERN, 'Calypso subscription id (a UUID requestId)')

/** Service groups are optional and may be empty (events alone can make the subscription). */
export const checkServices = (services: unknown, allowUnknown: boolean): Issue[] =>
  services === undefined
    ? []
    : checkEvents(services, CALYPSO_SERVICES, {
        allowUnknown,
        allowEmpty: true,
        noun: 'service',
        hint: `known: ${CALYPSO_SERVICES.join(', ')}; set allowUnknownEvents to send others`,
      }, 'services')
