/**
 * Calypso's wire shapes. Calypso asks clients to ignore unknown response fields, and several fields are
 * documented loosely (the error dates are marked required but are empty until a delivery fails; whether
 * `notificationServiceTypes` is echoed is unknown), so only `requestId` and `url` are required here (the rest accept `null` or absence).
 * `publicKey` and `secretKey` are decoded straight into `Secret`s: from the boundary on, no decoded object
 * can print them.
 */

import { anything, array, DateFromIsoString, LooseBoolean, optional, secret, type Secret, struct } from '@unihook/core'
import { isRight } from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'

/** A string credential, wrapped as a `Secret` the moment it is decoded. */
export const SecretString: D.Decoder<unknown, Secret> = {
  decode: (u) => (typeof u === 'string' && u !== '' ? D.success(secret(u)) : D.failure(u, 'string (secret)')),
}

/** `WebhookChannelDTO`: one subscription, as list, create and change return it. */
export const WebhookChannel = /* @__PURE__ */ struct(
  {
    requestId: D.string,
    url: D.string,
    notificationEventTypes: optional(array(D.string)),
    notificationServiceTypes: optional(array(D.string)),
    publicKey: optional(SecretString),
    secretKey: optional(SecretString),
    createdDate: optional(DateFromIsoString),
    /** Enabled or disabled through the API. */
    enabled: optional(LooseBoolean),
    /** Calypso stopped delivering after too many failures in a row (unblocked in the web UI). */
    blockedByErrorCount: optional(LooseBoolean),
    /** Failed deliveries in a row. */
    errorCount: optional(D.number),
    errorFirstDate: optional(DateFromIsoString),
    errorLastDate: optional(DateFromIsoString),
  },
  'WebhookChannelDTO',
)
export type WebhookChannel = D.TypeOf<typeof WebhookChannel>

/** `WebhookChannelsDTO`: the list answer. */
export const WebhookChannels = /* @__PURE__ */ struct({ subscriptions: array(WebhookChannel) })

/**
 * The list answer read only as far as finding one subscription needs: each entry's `requestId`. The
 * entry found is then decoded whole (`WebhookChannel`), the rest never are.
 */
export const WebhookChannelIds = /* @__PURE__ */ struct({ subscriptions: array(struct({ requestId: D.string })) })

const WebhookChannelArray = /* @__PURE__ */ array(WebhookChannel)

/**
 * The change answer, whose shape is only inferred: a channel, a list of channels, or nothing useful.
 * Anything else is read as "nothing", and the adapter looks the subscription up.
 */
export const MaybeChannels: D.Decoder<unknown, readonly WebhookChannel[]> = {
  decode(u) {
    const list = WebhookChannels.decode(u)
    if (isRight(list)) return D.success(list.right.subscriptions)
    const channels = WebhookChannelArray.decode(u)
    if (isRight(channels)) return D.success(channels.right)
    const one = WebhookChannel.decode(u)
    return D.success(isRight(one) ? [one.right] : [])
  },
}

/** `PublicGatewayErrorResponse`. `errorCode` is a zero-padded string ("003"); a number is read padded. */
export const ErrorEnvelope = /* @__PURE__ */ struct({ errorCode: D.union(D.string, D.number), message: optional(D.string), traceId: optional(D.string) })
export type ErrorEnvelope = D.TypeOf<typeof ErrorEnvelope>

/** The body of a delivery Calypso POSTs to a subscription's URL. */
export const Delivery = /* @__PURE__ */ struct({
  id: D.union(D.number, D.string),
  eventType: D.string,
  /** The subscription that delivered it. */
  requestId: optional(D.string),
  /** Without a time zone and with microseconds (`2022-03-15T12:13:05.909616`); read as UTC. */
  createdDate: optional(DateFromIsoString),
  level: optional(D.string),
  service: optional(D.string),
  data: anything,
})
export type Delivery = D.TypeOf<typeof Delivery>

/** Anything, for answers without content (delete). */
export const NoContent = anything
