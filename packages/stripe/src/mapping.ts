/**
 * Stripe's `webhook_endpoint` mapped onto the common `Webhook`, and the common inputs onto Stripe's
 * create and update parameters (form-encoded by the client).
 */

import { makeWebhook, type SecretInfo, type Webhook } from '@unihook/core'
import type { WireEndpoint } from './codecs.js'
import type { StripeEvent } from './events.js'
import type { FormValue } from './form.js'

export const PROVIDER = 'stripe'

/** Stripe returns the secret only when it creates the endpoint; afterwards a read can only say it exists. */
const SECRET_PRESENT: SecretInfo = /* @__PURE__ */ Object.freeze({ kind: 'present' })

export interface MappingContext {
  /** The connected account the call acted for (`Stripe-Account`); absent for the platform's own. */
  readonly account?: string
  readonly warnings?: readonly string[]
}

export function toWebhook(wire: WireEndpoint, ctx: MappingContext = {}): Webhook<StripeEvent> {
  return makeWebhook<StripeEvent>({
    provider: PROVIDER,
    id: wire.id,
    url: wire.url,
    events: [...wire.enabled_events],
    status: wire.status === 'disabled' ? 'disabled' : 'active',
    createdAt: wire.created,
    ...(wire.description ? { description: wire.description } : {}),
    ...(ctx.account === undefined ? {} : { account: ctx.account }),
    secret: wire.secret ? { kind: 'value', value: wire.secret } : SECRET_PRESENT,
    warnings: ctx.warnings && ctx.warnings.length > 0 ? [...ctx.warnings] : undefined,
    raw: wire,
  })
}

/** Metadata to send: a value of `null` unsets its key, as Stripe's empty string does. */
export type MetadataPatch = Readonly<Record<string, string | null>>

export interface CreateParams {
  readonly url: string
  readonly events: readonly string[]
  readonly description?: string
  readonly metadata?: MetadataPatch
  readonly apiVersion?: string
  readonly connect?: boolean
}

/** `POST /v1/webhook_endpoints` parameters. */
export const createParams = (input: CreateParams): Record<string, FormValue> => ({
  url: input.url,
  enabled_events: [...input.events],
  description: input.description,
  metadata: input.metadata,
  api_version: input.apiVersion,
  connect: input.connect,
})

export interface UpdateParams {
  readonly url?: string
  readonly events?: readonly string[]
  readonly description?: string
  readonly metadata?: MetadataPatch
  readonly enabled?: boolean
}

/** `POST /v1/webhook_endpoints/{id}` parameters: only the fields being changed (`disabled` is `!enabled`). */
export const updateParams = (patch: UpdateParams): Record<string, FormValue> => ({
  url: patch.url,
  enabled_events: patch.events === undefined ? undefined : [...patch.events],
  description: patch.description,
  metadata: patch.metadata,
  disabled: patch.enabled === undefined ? undefined : !patch.enabled,
})

export const changesSomething = (params: Record<string, FormValue>) => Object.values(params).some((v) => v !== undefined)
