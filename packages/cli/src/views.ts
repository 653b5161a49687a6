/**
 * What the CLI shows of a webhook. URL credentials and secrets are hidden unless the user asks with
 * `--show-secret`; every secret handed out is also kept in the secrets file (secrets-file.ts).
 */

import { redactUrl, revealSecret, type SecretInfo, type Webhook } from '@unihook/core'

export interface WebhookView {
  readonly provider: string
  readonly id: string
  readonly account?: string
  readonly url: string
  readonly events: readonly string[]
  readonly status: string
  readonly description?: string
  readonly createdAt?: string
  readonly secret: { readonly kind: SecretInfo['kind']; readonly value?: string; readonly keyId?: string }
  readonly warnings?: readonly string[]
}

export function webhookView(webhook: Webhook, showSecret: boolean, account?: string): WebhookView {
  const acct = webhook.account ?? account
  const secret = webhook.secret ?? { kind: 'none' as const }
  return {
    provider: webhook.provider,
    id: webhook.id,
    ...(acct === undefined ? {} : { account: acct }),
    url: showSecret ? webhook.url : redactUrl(webhook.url),
    events: [...webhook.events],
    status: webhook.status,
    ...(webhook.description === undefined ? {} : { description: webhook.description }),
    ...(webhook.createdAt === undefined ? {} : { createdAt: webhook.createdAt.toISOString() }),
    secret:
      secret.kind === 'value' && showSecret
        ? { kind: 'value', value: revealSecret(secret.value), ...(secret.keyId === undefined ? {} : { keyId: secret.keyId }) }
        : { kind: secret.kind },
    ...(webhook.warnings?.length ? { warnings: webhook.warnings } : {}),
  }
}

export const webhookRow = (w: WebhookView): string[] => [w.provider, w.account ?? '', w.id, w.url, w.events.join(', '), w.status]
export const WEBHOOK_HEAD = ['provider', 'account', 'id', 'url', 'events', 'status']

export interface SecretRecord {
  readonly provider: string
  readonly account?: string
  readonly webhookId?: string
  readonly url?: string
  /** The signing secret (Razorpay, Calypso) */
  readonly secret: string
  /** Calypso: the public key sent as `Key` with deliveries signed by this secret. */
  readonly keyId?: string
}

/** A webhook's secret, when the provider (or unihook) handed it out, as a record for `--secrets-out`. */
export function secretRecord(webhook: Webhook, account?: string): SecretRecord | undefined {
  if (webhook.secret?.kind !== 'value') return undefined
  const acct = webhook.account ?? account
  return {
    provider: webhook.provider,
    ...(acct === undefined ? {} : { account: acct }),
    webhookId: webhook.id,
    url: webhook.url,
    secret: revealSecret(webhook.secret.value),
    ...(webhook.secret.keyId === undefined ? {} : { keyId: webhook.secret.keyId }),
  }
}

export { readSecretsFile, type SecretsFile } from './secrets-file.js'
