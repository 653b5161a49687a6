/**
 * `unihook webhooks list|get|create|update|delete|test|rotate-secret`: one provider's webhooks, through
 * its adapter. What a provider cannot do is the adapter's `Unsupported` error, shown as is.
 */

import { iterateAll, PaginationError, type Webhook } from '@unihook/core'
import { type Command, type Context, type Flags, REDELIVERY_OPTIONS, str } from '../command.js'
import { EXIT, toCliError, usageError } from '../errors.js'
import { fromAdapterError } from '../flag-issues.js'
import { credentialVariables, eventsOf, type ProviderName, providerName, providerNames, providers } from '../providers.js'
import { descriptorOf } from '../registry.js'
import { run } from '../session.js'
import { secretRecord, WEBHOOK_HEAD, type WebhookView, webhookRow, webhookView } from '../views.js'

const target = (c: Context) => {
  const provider = providerName(str(c.flags, 'provider'))
  const account = str(c.flags, 'account')
  return { provider, account, call: account === undefined ? {} : { account } }
}

/** The webhook a command names by id, and the adapter acting for its account. */
async function oneWebhook(c: Context, usage: string) {
  const [id, ...extra] = c.positionals
  if (!id || extra.length) throw usageError(`expected the webhook's ID as the one argument (webhooks list shows IDs): ${usage}`)
  const { provider, account, call } = target(c)
  return { id, provider, account, call, adapter: await c.session.adapter(provider, account) }
}

function csv(flags: Flags, name: string): string[] | undefined {
  const value = str(flags, name)
  if (value === undefined) return undefined
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (items.length === 0) throw usageError(`--${name} needs at least one name`)
  return items
}

function bool(flags: Flags, name: string): boolean | undefined {
  const value = str(flags, name)
  if (value === undefined) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw usageError(`--${name} must be true or false, not "${value}"`)
}

/** Every webhook of one provider (up to `limit`), as shown. */
async function listViews(c: Context, provider: ProviderName, account: string | undefined, limit: number): Promise<WebhookView[]> {
  const adapter = await c.session.adapter(provider, account)
  const webhooks: Webhook[] = []
  try {
    for await (const w of iterateAll(adapter, { maxItems: limit }, account === undefined ? {} : { account })) webhooks.push(w)
  } catch (error) {
    if (error instanceof PaginationError) throw fromAdapterError(error.error)
    throw error
  }
  return webhooks.map((w) => webhookView(w, c.flags['show-secret'] === true, account))
}

/** Every provider's specific fields, as options (`--alert-email`, `--services`, …). */
function fieldOptions(): Command['options'] {
  return Object.fromEntries(providers().flatMap((d) => d.fields.map((f) => [f.flag, { type: 'string' as const }])))
}

/** Every provider's specific fields, for a usage line: `[--alert-email E] [--services S,T]`. */
const fieldUsage = (): string =>
  providers()
    .flatMap((d) => d.fields.map((f) => `[--${f.flag} ${f.type === 'string-list' ? 'a,b' : 'V'}]`))
    .join(' ')

/** The options of `webhooks create` and `update`: the common settings, every provider's fields, and `extra`. */
function webhookOptions(extra: Command['options']): Command['options'] {
  return {
    ...fieldOptions(),
    ...PROVIDER,
    ...ACCOUNT,
    url: { type: 'string' },
    events: { type: 'string' },
    description: { type: 'string' },
    'allow-unknown': { type: 'boolean' },
    ...extra,
  }
}

/** The provider-specific fields given as flags; a flag of another provider's field is refused. */
function fieldValues(c: Context, provider: ProviderName): Record<string, string | string[]> {
  const own = descriptorOf(provider).fields
  const values: Record<string, string | string[]> = {}
  for (const d of providers()) {
    for (const field of d.fields) {
      const given = field.type === 'string-list' ? csv(c.flags, field.flag) : str(c.flags, field.flag)
      if (given === undefined) continue
      if (!own.some((f) => f.name === field.name)) throw usageError(`--${field.flag} is a ${d.title} option; ${provider} has none, drop it`)
      values[field.name] = given
    }
  }
  return values
}

/** Whether the fields given stand in for `--events` (`FieldSpec.coversEvents`: whole groups of events). */
const coversEvents = (provider: ProviderName, fields: Record<string, unknown>) =>
  descriptorOf(provider).fields.some((f) => f.coversEvents && fields[f.name] !== undefined)

/** `webhooks list` without `--provider`: every provider that has credentials (in the sandbox, all of them). */
async function listEveryProvider(c: Context, limit: number): Promise<number> {
  const reachable = (await Promise.all(providerNames().map(async (p) => ((await c.session.reachable(p)) ? [p] : [])))).flat()
  if (reachable.length === 0) {
    const needed = providerNames()
      .map((p) => credentialVariables(p).join(' and '))
      .join('; ')
    throw usageError(`no provider has credentials: set ${needed}, or pass --sandbox, or name one with --provider`, 'MissingCredentials')
  }
  const account = str(c.flags, 'account')
  const results = await Promise.all(
    reachable.map(async (provider) => {
      try {
        return { provider, views: await listViews(c, provider, account, limit) }
      } catch (error) {
        return { provider, views: [], error: toCliError(error) }
      }
    }),
  )
  const views = results.flatMap((r) => r.views)
  const errors = results.flatMap((r) => (r.error ? [{ provider: r.provider, tag: r.error.details.tag ?? 'Error', message: r.error.message }] : []))
  if (c.out.json) c.out.document({ providers: reachable, ...(account ? { account } : {}), webhooks: views, ...(errors.length ? { errors } : {}) })
  else {
    if (views.length === 0) c.out.line(`no webhooks (${reachable.join(', ')})`)
    else c.out.table(WEBHOOK_HEAD, views.map(webhookRow))
    for (const e of errors) c.out.note(c.out.c.red(`${e.provider}: ${e.tag}: ${e.message}`))
  }
  return errors.length ? EXIT.failure : EXIT.ok
}

/**
 * Prints one webhook. A secret handed out with it (a create's, a test's) is in the secrets file already:
 * the session's adapters wrote it as the answer arrived; `get` and the like hand out none.
 */
function showWebhook(c: Context, webhook: Webhook, account: string | undefined, extra: Record<string, unknown> = {}): number {
  const showSecret = c.flags['show-secret'] === true
  const view = webhookView(webhook, showSecret, account)
  const kept = secretRecord(webhook, account) && c.session.secrets.count('created') > 0 ? c.session.secrets.path : undefined
  if (c.out.json) {
    c.out.document({ webhook: view, ...extra, ...(kept ? { secretsWrittenTo: kept } : {}) })
    return EXIT.ok
  }
  c.out.table(WEBHOOK_HEAD, [webhookRow(view)])
  if (view.description) c.out.line(`description: ${view.description}`)
  for (const warning of view.warnings ?? []) c.out.note(c.out.c.yellow(`warning: ${warning}`))
  if (view.secret.value) c.out.line(`secret: ${view.secret.value}${view.secret.keyId ? ` (key ${view.secret.keyId})` : ''}`)
  if (kept) c.out.note(`secret written to ${kept}`)
  return EXIT.ok
}

const ACCOUNT = { account: { type: 'string' } } as const
const PROVIDER = { provider: { type: 'string', short: 'p' } } as const

export const webhooksCommands: Command[] = [
  {
    name: 'webhooks list',
    usage: 'unihook webhooks list [--provider P] [--account A] [--limit N]',
    summary: 'list every webhook (all pages) of one provider, or of every provider with credentials',
    options: { ...PROVIDER, ...ACCOUNT, limit: { type: 'string' } },
    async run(c) {
      const limitText = str(c.flags, 'limit')
      const limit = limitText === undefined ? Number.POSITIVE_INFINITY : Number(limitText)
      if (!(limit >= 1) || (limitText !== undefined && !Number.isInteger(limit))) throw usageError(`--limit must be a whole number ≥ 1, not "${limitText}"`)
      if (str(c.flags, 'provider') !== undefined) {
        const { provider, account } = target(c)
        const views = await listViews(c, provider, account, limit)
        if (c.out.json) c.out.document({ provider, ...(account ? { account } : {}), webhooks: views })
        else if (views.length === 0) c.out.line(`no ${provider} webhooks${account ? ` for ${account}` : ''}`)
        else c.out.table(WEBHOOK_HEAD, views.map(webhookRow))
        return EXIT.ok
      }
      return listEveryProvider(c, limit)
    },
  },
  {
    name: 'webhooks get',
    usage: 'unihook webhooks get ID --provider P [--account A]',
    summary: 'show one webhook',
    options: { ...PROVIDER, ...ACCOUNT },
    async run(c) {
      const { id, account, call, adapter } = await oneWebhook(c, this.usage)
      return showWebhook(c, await run(adapter.get(id, call)), account)
    },
  },
  {
    name: 'webhooks create',
    get usage() {
      return `unihook webhooks create --provider P --url U --events a,b [--account A] [--description D] ${fieldUsage()} [--secret S] [--allow-unknown]`
    },
    summary: 'create a webhook',
    get options() {
      return webhookOptions({ secret: { type: 'string' } })
    },
    async run(c: Context) {
      const { provider, account, call } = target(c)
      const url = str(c.flags, 'url')
      if (!url) throw usageError(`--url is required: where deliveries go, e.g. --url https://example.com/hooks; ${this.usage}`)
      const fields = fieldValues(c, provider)
      const events = csv(c.flags, 'events') ?? (coversEvents(provider, fields) ? [] : undefined)
      if (!events) {
        const standIns = descriptorOf(provider)
          .fields.filter((f) => f.coversEvents)
          .map((f) => `--${f.flag}`)
        throw usageError(
          `--events is required: comma-separated ${provider} event names, e.g. --events ${eventsOf(provider).slice(0, 2).join(',')}${standIns.length ? ` (or ${standIns.join(', ')})` : ''}; ${this.usage}`,
        )
      }
      const description = str(c.flags, 'description')
      const secret = str(c.flags, 'secret')
      const input = {
        url,
        events,
        ...(description === undefined ? {} : { description }),
        ...(secret === undefined ? {} : { secret }),
        ...fields,
        ...(c.flags['allow-unknown'] === true ? { allowUnknownEvents: true } : {}),
      }
      const adapter = await c.session.adapter(provider, account)
      return showWebhook(c, await run(adapter.create(input as never, call)), account)
    },
  },
  {
    name: 'webhooks update',
    get usage() {
      return `unihook webhooks update ID --provider P [--url U] [--events a,b] [--enabled true|false] [--description D] ${fieldUsage()} [--allow-unknown] [--account A]`
    },
    summary: 'change a webhook',
    get options() {
      return webhookOptions({ enabled: { type: 'string' } })
    },
    async run(c: Context) {
      const { id, account, call, adapter, provider } = await oneWebhook(c, this.usage)
      const url = str(c.flags, 'url')
      const events = csv(c.flags, 'events')
      const enabled = bool(c.flags, 'enabled')
      const description = str(c.flags, 'description')
      const fields = fieldValues(c, provider)
      const patch = {
        ...(url === undefined ? {} : { url }),
        ...(events === undefined ? {} : { events }),
        ...(enabled === undefined ? {} : { enabled }),
        ...(description === undefined ? {} : { description }),
        ...fields,
      }
      if (Object.keys(patch).length === 0) throw usageError(`nothing to change: ${this.usage}`)
      const allowUnknown = c.flags['allow-unknown'] === true ? { allowUnknownEvents: true } : {}
      return showWebhook(c, await run(adapter.update(id, { ...patch, ...allowUnknown } as never, call)), account)
    },
  },
  {
    name: 'webhooks delete',
    usage: 'unihook webhooks delete ID --provider P [--account A]',
    summary: 'delete a webhook',
    options: { ...PROVIDER, ...ACCOUNT },
    async run(c) {
      const { id, provider, account, call, adapter } = await oneWebhook(c, this.usage)
      await run(adapter.delete(id, call))
      if (c.out.json) c.out.document({ deleted: { provider, id, ...(account ? { account } : {}) } })
      else c.out.line(`deleted ${provider} webhook ${id}`)
      return EXIT.ok
    },
  },
  {
    name: 'webhooks test',
    usage: 'unihook webhooks test ID --provider P [--speed N | --no-redeliver]',
    summary: 'ask the provider for a test delivery (a ping, where the provider has one)',
    options: { ...PROVIDER, ...ACCOUNT, ...REDELIVERY_OPTIONS },
    async run(c) {
      const { id, provider, account, call, adapter } = await oneWebhook(c, this.usage)
      const webhook = await run(adapter.test(id, call))
      if (!c.out.json) c.out.line(`${provider} sent a test delivery to webhook ${id}`)
      return showWebhook(c, webhook, account, { tested: true })
    },
  },
  {
    name: 'webhooks rotate-secret',
    usage: 'unihook webhooks rotate-secret ID --provider P [--account A] [--show-secret | --secrets-out FILE]',
    summary: 'renew the signing secret',
    options: { ...PROVIDER, ...ACCOUNT },
    async run(c) {
      const showSecret = c.flags['show-secret'] === true
      // A rotation replaces the secret deliveries are signed with: where the new one goes is said up front.
      if (!c.interactive && !showSecret && str(c.flags, 'secrets-out') === undefined)
        throw usageError(
          `rotate-secret replaces the signing secret, so off a terminal it needs to be told where the new one goes: pass --secrets-out FILE (or --show-secret to print it): ${this.usage}`,
        )
      const { id, provider, account, call, adapter } = await oneWebhook(c, this.usage)
      const rotation = await run(adapter.rotateSecret(id, call))
      const revealed = rotation.secret?.reveal()
      const webhooks = (rotation.webhooks ?? []).map((w) => webhookView(w, showSecret, account))
      const kept = c.session.secrets.count('rotated') > 0 ? c.session.secrets.path : undefined
      const doc = {
        rotation: {
          provider,
          scope: rotation.scope,
          ...(rotation.webhookId ? { webhookId: rotation.webhookId } : {}),
          ...(revealed !== undefined && showSecret ? { secret: revealed } : {}),
          webhooks,
        },
        ...(kept ? { secretsWrittenTo: kept } : {}),
      }
      if (c.out.json) c.out.document(doc)
      else {
        c.out.line(`rotated the ${rotation.scope === 'account' ? "account's signing keys" : `secret of webhook ${rotation.webhookId ?? id}`}`)
        if (revealed !== undefined && showSecret) c.out.line(`secret: ${revealed}`)
        if (kept) c.out.note(`secrets written to ${kept}`)
      }
      return EXIT.ok
    },
  },
]
