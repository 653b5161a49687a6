/**
 * What the CLI shows of a webhook. URL credentials and secrets are hidden unless the user asks with
 * `--show-secret`; every secret handed out is also kept in the secrets file (secrets-file.ts).
 */

import { type DesiredWebhook, type PlannedUpdate, redactUrl, revealSecret, type SecretInfo, type Webhook } from '@unihook/core'
import { providers } from './providers.js'

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
  /** A provider's own fields (its descriptor's `fields`, from `Webhook.providerFields`; `null`: not set). */
  readonly [providerField: string]: unknown
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
    ...(webhook.providerFields ?? {}),
    ...(webhook.createdAt === undefined ? {} : { createdAt: webhook.createdAt.toISOString() }),
    secret:
      secret.kind === 'value' && showSecret
        ? { kind: 'value', value: revealSecret(secret.value), ...(secret.keyId === undefined ? {} : { keyId: secret.keyId }) }
        : { kind: secret.kind },
    ...(webhook.warnings?.length ? { warnings: webhook.warnings } : {}),
  }
}

export const webhookRow = (w: WebhookView): string[] => [w.provider, w.account ?? '', w.id, w.url, w.events.join(', '), w.status, settingsText(w).trim()]
export const WEBHOOK_HEAD = ['provider', 'account', 'id', 'url', 'events', 'status', 'settings']

/** The writable settings beyond URL and events that a webhook view or a planned create carries: the common ones, then the registered providers' fields. */
const settings = (): readonly string[] => [...new Set(['description', 'enabled', ...providers().flatMap((d) => d.fields.map((f) => f.name))])]

/** ` description=orders tag=[a, b]`: the settings shown after a webhook's events. */
export function settingsText(view: Readonly<Record<string, unknown>>): string {
  const shown = settings()
    .filter((key) => view[key] !== undefined && view[key] !== null)
    .map((key) => {
      const value = view[key]
      return `${key}=${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`
    })
  return shown.length ? ` ${shown.join(' ')}` : ''
}

/** A desired webhook (a planned create) with every writable field it sets; its URL is the caller's to redact. */
export function desiredView(d: DesiredWebhook): Pick<DesiredWebhook, 'url' | 'events'> & Readonly<Record<string, unknown>> {
  const given = d as unknown as Readonly<Record<string, unknown>>
  const set = settings().filter((key) => given[key] !== undefined)
  return { url: d.url, events: d.events, ...Object.fromEntries(set.map((key) => [key, given[key]])) }
}

/** One planned change of a field, from what the provider holds to what the config wants. */
export function changeView(u: PlannedUpdate, field: string): { field: string; from: unknown; to: unknown } {
  const desired = u.desired as unknown as Readonly<Record<string, unknown>>
  if (field === 'events') return { field, from: u.current.events, to: u.desired.events }
  if (field === 'description') return { field, from: u.current.description ?? null, to: u.desired.description }
  if (field === 'enabled') return { field, from: u.current.status !== 'disabled', to: u.desired.enabled }
  return { field, from: u.current.providerFields?.[field] ?? null, to: desired[field] }
}

export interface SecretRecord {
  readonly provider: string
  readonly account?: string
  readonly webhookId?: string
  readonly url?: string
  /** The signing secret, where the provider (or unihook) hands it out. */
  readonly secret: string
  /** The key id sent with deliveries signed by this secret, where the provider sends one (`SecretInfo.keyId`). */
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
