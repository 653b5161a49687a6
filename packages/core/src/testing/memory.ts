/**
 * `memoryProvider()`: an in-memory `WebhookProvider` with configurable capabilities. Users unit-test
 * their provider-neutral code against it; the contract suite proves itself on it before any real
 * adapter exists. It validates input like an adapter does, counts only the calls that would have reached
 * a provider, and turns the shared fault injector's faults into the errors a real transport would give.
 */

import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { Capabilities, OperationName } from '../capabilities.js'
import { type ErrorContext, isWebhookError, type WebhookError, unsupported, webhookError } from '../errors.js'
import { failureByStatus } from '../http-failure.js'
import { makeWebhook, type CallOptions, type CreateWebhook, type ListQuery, type Page, type UpdateWebhook, type Webhook } from '../model.js'
import { decodeCursor, encodeCursor } from '../pagination.js'
import type { WebhookProvider } from '../provider.js'
import { revealSecret, secret, type Secret } from '../secret.js'
import { checkEvents, checkListQuery, checkPatch, checkUrl, guarded } from '../validate.js'
import { type Clock, systemClock } from './clock.js'
import { createFaults, type Faults } from './faults.js'

/** The event catalog of `memoryProvider()` unless `events` gives another. */
export const MEMORY_EVENTS = ['thing.created', 'thing.updated', 'thing.deleted', 'thing.failed'] as const

/**
 * The capability table of `memoryProvider()` before `capabilities` overrides: every operation native,
 * cursor pages of at most 50, 20 webhooks.
 */
export const MEMORY_CAPABILITIES: Capabilities = {
  operations: { create: 'native', get: 'native', list: 'native', update: 'native', delete: 'native', test: 'native', rotateSecret: 'native' },
  pagination: { style: 'cursor', defaultPageSize: 10, maxPageSize: 50 },
  maxWebhooks: 20,
  eventFiltering: true,
  listFilters: ['url'],
  writableFields: { description: true, enabled: true },
  secret: { owner: 'caller', readable: false, rotation: 'webhook' },
  signature: { scheme: 'hmac-sha256-hex', headers: ['x-memory-signature'] },
  account: { scope: 'none', required: false },
  concurrency: { readModifyWrite: [] },
}

/** Settings of `memoryProvider()`: its name, event catalog and capabilities. */
export interface MemoryProviderOptions<E extends string> {
  readonly provider?: string
  readonly events?: readonly E[]
  /** Overrides of the capability table; an operation set to `absent` answers `Unsupported`. */
  readonly capabilities?: Partial<Omit<Capabilities, 'operations'>> & { readonly operations?: Partial<Capabilities['operations']> }
  /** The credential the provider expects, and the one the client sends. A mismatch gives `AuthError`. */
  readonly credentials?: { readonly expected: string; readonly sent: string | Secret }
  readonly faults?: Faults
  readonly clock?: Clock
}

/** One call the memory provider received: the operation and its arguments. */
export interface MemoryCall {
  readonly operation: OperationName
  readonly args: readonly unknown[]
}

/** An in-memory `WebhookProvider` that records its calls and takes the same faults as the HTTP fakes. */
export interface MemoryProvider<E extends string = string> extends WebhookProvider<E> {
  /** Calls that passed local validation, as a real adapter's requests would reach the provider. */
  readonly calls: readonly MemoryCall[]
  readonly faults: Faults
  /** Every stored webhook, in creation order. */
  snapshot(): readonly Webhook<E>[]
}

interface Stored {
  id: string
  url: string
  events: string[]
  description?: string
  enabled: boolean
  secret?: string
  createdAt: Date
  updatedAt: Date
}

/**
 * An in-memory `WebhookProvider` with configurable capabilities, for unit-testing provider-neutral code
 * without HTTP. It validates input as adapters do and answers `Unsupported` for operations set to
 * `absent`.
 */
export function memoryProvider<E extends string = (typeof MEMORY_EVENTS)[number]>(options: MemoryProviderOptions<E> = {}): MemoryProvider<E> {
  const name = options.provider ?? 'memory'
  const events = (options.events ?? MEMORY_EVENTS) as readonly E[]
  const capabilities: Capabilities = {
    ...MEMORY_CAPABILITIES,
    ...options.capabilities,
    operations: { ...MEMORY_CAPABILITIES.operations, ...options.capabilities?.operations },
  }
  const faults = options.faults ?? createFaults()
  const clock = options.clock ?? systemClock
  const secrets = options.credentials ? [options.credentials.sent, options.credentials.expected] : []
  const store = new Map<string, Stored>()
  const calls: MemoryCall[] = []
  const ctx = (operation: OperationName): ErrorContext => ({ provider: name, operation, secrets })

  const toWebhook = (s: Stored): Webhook<E> =>
    makeWebhook<E>({
      provider: name,
      id: s.id,
      url: s.url,
      events: [...s.events],
      status: s.enabled ? 'active' : 'disabled',
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      description: s.description,
      secret: s.secret ? { kind: 'present' } : { kind: 'none' },
      raw: { ...s, secret: s.secret ? '[redacted]' : undefined },
    })

  /** The provider side of a call: auth, faults, then the operation itself. */
  const call =
    <A>(operation: OperationName, args: unknown[], run: () => A | WebhookError): TE.TaskEither<WebhookError, A> =>
    async () => {
      if (capabilities.operations[operation] === 'absent') return E.left(unsupported(ctx(operation)))
      calls.push({ operation, args })
      const c = ctx(operation)
      if (options.credentials && revealSecret(options.credentials.sent) !== options.credentials.expected) {
        return E.left(webhookError('AuthError', c, 'the credentials are not valid', { status: 401 }))
      }
      const fault = faults.take(operation, operation)
      if (fault?.kind === 'status') {
        const retryAfterMs = typeof fault.retryAfter === 'number' ? fault.retryAfter * 1000 : undefined
        return E.left(failureByStatus({ status: fault.status, headers: new Headers(), body: fault.body, retryAfterMs }, c, `injected HTTP ${fault.status}`))
      }
      if (fault?.kind === 'drop') return E.left(webhookError('NetworkError', c, 'connection dropped (injected)'))
      if (fault?.kind === 'lose') {
        run()
        return E.left(webhookError('NetworkError', c, 'carried out, then the connection dropped (injected)'))
      }
      if (fault?.kind === 'hang') return E.left(webhookError('Timeout', c, 'no answer (injected)'))
      if (fault?.kind === 'malformed')
        return E.left(webhookError('DecodeError', c, 'malformed body (injected)', { issues: [{ path: '', message: fault.mode }] }))
      const result = run()
      return isWebhookError(result) ? E.left(result) : E.right(result)
    }

  const notFound = (operation: OperationName, id: string) => webhookError('NotFound', ctx(operation), `no webhook ${id}`, { status: 404, id })
  const eventRules = (allowUnknown?: boolean) => ({ allowUnknown: allowUnknown === true })

  const provider: MemoryProvider<E> = {
    specificationVersion: 'v1',
    provider: name,
    capabilities,
    events,
    calls,
    faults,
    snapshot: () => [...store.values()].map(toWebhook),

    create(input: CreateWebhook<E>, _opts?: CallOptions) {
      const issues = [...checkUrl(input?.url), ...checkEvents(input?.events, events, eventRules(input?.allowUnknownEvents))]
      return guarded(ctx('create'), issues, () =>
        call('create', [input], () => {
          if (capabilities.maxWebhooks !== undefined && store.size >= capabilities.maxWebhooks) {
            return webhookError('Conflict', ctx('create'), `at most ${capabilities.maxWebhooks} webhooks are allowed`, { reason: 'limit', status: 400 })
          }
          const now = new Date(clock.now())
          const stored: Stored = {
            id: randomUUID(),
            url: input.url,
            events: [...input.events],
            enabled: true,
            createdAt: now,
            updatedAt: now,
            ...(input.description === undefined ? {} : { description: input.description }),
            ...(input.secret === undefined ? {} : { secret: revealSecret(input.secret) }),
          }
          store.set(stored.id, stored)
          return toWebhook(stored)
        }),
      )
    },

    get(id) {
      return call('get', [id], () => {
        const found = store.get(id)
        return found ? toWebhook(found) : notFound('get', id)
      })
    },

    list(query: ListQuery = {}) {
      const refused = checkListQuery(capabilities, query, ctx('list'))
      if (refused) return TE.left(refused)
      const position = query.cursor === undefined ? { offset: 0 } : decodeCursor(query.cursor)
      if (!position || typeof position.offset !== 'number') {
        return TE.left(
          webhookError('ValidationError', ctx('list'), 'the cursor is not one this provider issued', {
            source: 'local',
            issues: [{ path: 'cursor', message: 'unknown cursor' }],
          }),
        )
      }
      const offset = position.offset
      return call('list', [query], (): Page<Webhook<E>> => {
        const size = query.pageSize ?? capabilities.pagination.defaultPageSize ?? 10
        const all = [...store.values()].filter((s) => query.url === undefined || s.url === query.url)
        const items = all.slice(offset, offset + size).map(toWebhook)
        return offset + size < all.length ? { items, nextCursor: encodeCursor({ offset: offset + size }) } : { items }
      })
    },

    update(id, patch: UpdateWebhook<E>) {
      const issues = [...checkPatch(patch, events)]
      return guarded(ctx('update'), issues, () =>
        call('update', [id, patch], () => {
          const found = store.get(id)
          if (!found) return notFound('update', id)
          if (patch.url !== undefined) found.url = patch.url
          if (patch.events !== undefined) found.events = [...patch.events]
          if (patch.description !== undefined) found.description = patch.description
          if (patch.enabled !== undefined) found.enabled = patch.enabled
          found.updatedAt = new Date(clock.now())
          return toWebhook(found)
        }),
      )
    },

    delete(id) {
      return call('delete', [id], () => (store.delete(id) ? undefined : notFound('delete', id)))
    },

    test(id) {
      return call('test', [id], () => {
        const found = store.get(id)
        return found ? toWebhook(found) : notFound('test', id)
      })
    },

    rotateSecret(id) {
      return call('rotateSecret', [id], () => {
        const found = store.get(id)
        if (!found) return notFound('rotateSecret', id)
        const fresh = secret(randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''))
        found.secret = fresh.reveal()
        return { scope: 'webhook' as const, webhookId: id, secret: fresh, webhooks: [toWebhook(found)] }
      })
    },
  }
  return provider
}
