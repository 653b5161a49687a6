/**
 * Calypso's wire shapes. Calypso asks clients to ignore unknown response fields, and several fields are
 * documented loosely (the error dates are marked required but are empty until a delivery fails; whether
 * `notificationServiceTypes` is echoed is unknown), so only `requestId` and `url` are required here (the rest accept `null` or absence).
 * `publicKey` and `secretKey` are decoded straight into `Secret`s: from the boundary on, no decoded object
 * can print them.
 */

import { DateFromIsoString, isSecret, LooseBoolean, optional, secret, type Secret } from '@unihook/core'
import { isRight } from 'fp-ts/Either'
import * as t from 'io-ts'

/** A string credential, wrapped as a `Secret` the moment it is decoded. */
export const SecretString = new t.Type<Secret, string, unknown>(
  'string (secret)',
  isSecret,
  (u, c) => (typeof u === 'string' && u !== '' ? t.success(secret(u)) : t.failure(u, c)),
  (s) => s.reveal(),
)

/** `WebhookChannelDTO`: one subscription, as list, create and change return it. */
export const WebhookChannel = t.type(
  {
    requestId: t.string,
    url: t.string,
    notificationEventTypes: optional(t.array(t.string)),
    notificationServiceTypes: optional(t.array(t.string)),
    publicKey: optional(SecretString),
    secretKey: optional(SecretString),
    createdDate: optional(DateFromIsoString),
    /** Enabled or disabled through the API. */
    enabled: optional(LooseBoolean),
    /** Calypso stopped delivering after too many failures in a row (unblocked in the web UI). */
    blockedByErrorCount: optional(LooseBoolean),
    /** Failed deliveries in a row. */
    errorCount: optional(t.number),
    errorFirstDate: optional(DateFromIsoString),
    errorLastDate: optional(DateFromIsoString),
  },
  'WebhookChannelDTO',
)
export type WebhookChannel = t.TypeOf<typeof WebhookChannel>

/** `WebhookChannelsDTO`: the list answer. */
export const WebhookChannels = t.type({ subscriptions: t.array(WebhookChannel) })

/**
 * The list answer read only as far as finding one subscription needs: each entry's `requestId`. The
 * entry found is then decoded whole (`WebhookChannel`), the rest never are.
 */
export const WebhookChannelIds = t.type({ subscriptions: t.array(t.type({ requestId: t.string })) })

const WebhookChannelArray = t.array(WebhookChannel)

/**
 * The change answer, whose shape is only inferred: a channel, a list of channels, or nothing useful.
 * Anything else is read as "nothing", and the adapter looks the subscription up.
 */
export const MaybeChannels = new t.Type<readonly WebhookChannel[], unknown, unknown>(
  'WebhookChannelDTO | WebhookChannelsDTO | WebhookChannelDTO[] | empty',
  (u): u is readonly WebhookChannel[] => Array.isArray(u),
  (u) => {
    const list = WebhookChannels.decode(u)
    if (isRight(list)) return t.success(list.right.subscriptions)
    const array = WebhookChannelArray.decode(u)
    if (isRight(array)) return t.success(array.right)
    const one = WebhookChannel.decode(u)
    return t.success(isRight(one) ? [one.right] : [])
  },
  (a) => a,
)

/** `PublicGatewayErrorResponse`. `errorCode` is a zero-padded string ("003"); a number is read padded. */
export const ErrorEnvelope = t.intersection([
  t.type({ errorCode: t.union([t.string, t.number]) }),
  t.partial({ message: optional(t.string), traceId: optional(t.string) }),
])
export type ErrorEnvelope = t.TypeOf<typeof ErrorEnvelope>

/** The body of a delivery Calypso POSTs to a subscription's URL. */
export const Delivery = t.intersection([
  t.type({
    id: t.union([t.number, t.string]),
    eventType: t.string,
  }),
  t.partial({
    /** The subscription that delivered it. */
    requestId: optional(t.string),
    /** Without a time zone and with microseconds (`2022-03-15T12:13:05.909616`); read as UTC. */
    createdDate: optional(DateFromIsoString),
    level: optional(t.string),
    service: optional(t.string),
    data: t.unknown,
  }),
])
export type Delivery = t.TypeOf<typeof Delivery>

/** Anything, for answers without content (delete). */
export const NoContent = t.unknown
