/** Wire <-> model for Razorpay webhooks: the entity to a `Webhook`. */

import { makeWebhook, type Secret, type SecretInfo, type Webhook } from '@unihook/core'
import type { WireWebhook } from './codecs.js'
import type { RazorpayEvent } from './events.js'

export const PROVIDER = 'razorpay'

export interface MappingContext {
  /** The `acc_…` account the webhook was read from (the entity's `owner_id` lacks the prefix). */
  readonly account: string
  /** The secret unihook sent with this very call, returned once. */
  readonly secret?: Secret
  readonly warnings?: readonly string[]
}

/** What a read says of a secret Razorpay never shows again: one frozen value each, shared by every item of a list. */
const SECRET_PRESENT: SecretInfo = /* @__PURE__ */ Object.freeze({ kind: 'present' })
const NO_SECRET: SecretInfo = /* @__PURE__ */ Object.freeze({ kind: 'none' })

export function toWebhook(wire: WireWebhook, ctx: MappingContext): Webhook<RazorpayEvent> {
  // `active` is the switch; `disabled_at` only speaks when `active` is missing.
  const enabled = wire.active ?? wire.disabled_at === undefined
  const secret: SecretInfo = ctx.secret ? { kind: 'value', value: ctx.secret } : wire.secret_exists ? SECRET_PRESENT : NO_SECRET
  return makeWebhook<RazorpayEvent>({
    provider: PROVIDER,
    id: wire.id,
    url: wire.url,
    events: [...wire.events],
    status: enabled ? 'active' : 'disabled',
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    account: ctx.account,
    secret,
    warnings: ctx.warnings && ctx.warnings.length > 0 ? [...ctx.warnings] : undefined,
    // Razorpay returns `alert_email` whenever one is set, so its absence means none.
    providerFields: { alertEmail: wire.alert_email ?? null },
    raw: wire,
  })
}

/** Razorpay webhooks have no description field. */
export const DESCRIPTION_WARNING = 'Razorpay webhooks have no description; it was not stored'
