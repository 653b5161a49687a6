/**
 * `conekta(options)`: the Conekta webhooks adapter (API 2.1.0, decoding 2.2.0+ answers too).
 */

import {
  type CallOptions,
  checkEvents,
  checkPatch,
  checkListQuery,
  type CreateWebhook,
  guarded,
  type Issue,
  type ListQuery,
  localValidation,
  type Page,
  sameEvents,
  secret,
  type SecretRotation,
  type UpdateWebhook,
  unsupported,
  type Webhook,
  type WebhookError,
  type WebhookProvider,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import type { ChildCompanyHeader } from './account.js'
import { CONEKTA_CAPABILITIES } from './capabilities.js'
import { type ClientSettings, type ConektaClient, createConektaClient } from './client.js'
import { WebhookKeyResponse, WebhookList, WebhookResponse } from './codecs.js'
import { CONEKTA_EVENTS, type ConektaEvent } from './events.js'
import { createBody, type StatusSettings, toWebhook, updateBody, type UpdateEventsField } from './mapping.js'
import { nextCursor, readCursor } from './pagination.js'
import { type PartialCreate, partialCreateError } from './partial.js'
import { checkConektaId, checkWebhookUrl, type UrlPolicy } from './validation.js'
import { createWebhookKeys, type WebhookKeys } from './webhook-keys.js'

export interface ConektaOptions extends ClientSettings, StatusSettings {
  /** Your private API key, sent as `Authorization: Bearer`. Never appears in errors or logs. */
  readonly apiKey: ClientSettings['apiKey']
  /** Default `https://api.conekta.io`. */
  readonly baseUrl?: string
  /** `Accept-Language`: the language of Conekta's error messages. Default `es`. */
  readonly locale?: ClientSettings['locale']
  /** The child company to act for (`X-Child-Company-Id`); `CallOptions.account` overrides it per call. */
  readonly childCompanyId?: string
  /** Where the child-company header may go: only where API 2.1.0 declares it (default), or everywhere. */
  readonly childCompanyHeader?: ChildCompanyHeader
  /** The key that carries events on update: 2.1.0's `events` (default), 2.2.0's `subscribed_events`, or both. */
  readonly updateEventsField?: UpdateEventsField
  /**
   * Send `subscribed_events` on create (default true). API 2.1.0's create schema lacks the field; set false
   * if your account refuses it, and every create sets its events with a follow-up update.
   */
  readonly sendEventsOnCreate?: boolean
  /** What a create does when its second step (setting the events) fails: keep the webhook (default) or delete it. */
  readonly onPartialCreate?: 'keep' | 'rollback'
  /** Accept localhost/127.0.0.1 URLs; only for a fake started with `allowLocalhost` (Conekta refuses them). */
  readonly allowLocalhostUrls?: boolean
}

export interface ConektaProvider extends WebhookProvider<ConektaEvent> {
  /** The account-wide delivery-signing keys (`/webhook_keys`). */
  readonly webhookKeys: WebhookKeys
}

type W = Webhook<ConektaEvent>

const eventRules = (allowUnknown: boolean | undefined) => ({ allowUnknown: allowUnknown === true })

export function conekta(options: ConektaOptions): ConektaProvider {
  const client: ConektaClient = createConektaClient(options)
  const urlPolicy: UrlPolicy = { allowLocalhost: options.allowLocalhostUrls === true }
  const eventsField: UpdateEventsField = options.updateEventsField ?? 'events'
  const status: StatusSettings = { statusMap: options.statusMap, unknownStatus: options.unknownStatus }
  const asWebhook = (wire: WebhookResponse, account: string | undefined, warnings: readonly string[] = []): W =>
    toWebhook<ConektaEvent>(wire, { ...status, account, warnings })

  const getWire = (operation: 'get' | 'update' | 'rotateSecret', id: string, call?: CallOptions) =>
    client.request({ operation, route: 'GET /webhooks/{id}', path: `/webhooks/${id}`, decode: WebhookResponse, call })

  const deleteWire = (operation: 'delete' | 'create', id: string, call?: CallOptions) =>
    client.request({ operation, route: 'DELETE /webhooks/{id}', path: `/webhooks/${id}`, decode: t.unknown, call })

  /** The second step of a create: subscribe the new webhook to the events its answer lacks. */
  function setEventsAfterCreate(created: WebhookResponse, account: string | undefined, input: CreateWebhook<ConektaEvent>, warnings: string[], call?: CallOptions) {
    const update = client.request({
      operation: 'create',
      route: 'PUT /webhooks/{id}',
      path: `/webhooks/${created.id}`,
      body: updateBody(input.url, input.events, eventsField),
      decode: WebhookResponse,
      call,
    })
    return pipe(
      update,
      TE.map(({ value }) => {
        if (!sameEvents(value.subscribed_events ?? [], input.events)) {
          warnings.push('Conekta accepted the events update but its answer does not list the requested events; `events` shows what it holds')
        }
        return asWebhook(value, account, warnings)
      }),
      TE.orElse((cause) => {
        const base = { kind: 'partial-create' as const, webhookId: created.id, failedStep: 'set-events' as const, cause }
        const kept: PartialCreate = { ...base, state: 'kept', webhook: asWebhook(created, account) }
        if (options.onPartialCreate !== 'rollback') return TE.left(partialCreateError(kept))
        return async () => {
          const rollback = await deleteWire('create', created.id, call)()
          return E.left(
            partialCreateError(E.isRight(rollback) ? { ...base, state: 'rolled-back' } : { ...kept, state: 'rollback-failed', rollbackError: rollback.left }),
          )
        }
      }),
    )
  }

  const provider: ConektaProvider = {
    specificationVersion: 'v1',
    provider: 'conekta',
    capabilities: CONEKTA_CAPABILITIES,
    events: CONEKTA_EVENTS,

    create(input, opts) {
      const ctx = client.context('create')
      const issues: Issue[] = [
        ...checkWebhookUrl(input?.url, urlPolicy),
        ...checkEvents(input?.events, CONEKTA_EVENTS, eventRules(input?.allowUnknownEvents)),
        ...(input?.secret === undefined
          ? []
          : [{ path: 'secret', message: 'Conekta signs every delivery with an account-wide key (adapter.webhookKeys); a webhook cannot have its own secret' }]),
      ]
      const warnings = input?.description === undefined ? [] : ['Conekta API 2.1.0 cannot store a description; it was not sent']
      return guarded(ctx, issues, () =>
        pipe(
          client.request({
            operation: 'create',
            route: 'POST /webhooks',
            path: '/webhooks',
            body: createBody(input.url, options.sendEventsOnCreate === true ? input.events : undefined),
            decode: WebhookResponse,
            call: opts,
          }),
          TE.chain(({ value, account }) =>
            sameEvents(value.subscribed_events ?? [], input.events)
              ? TE.right(asWebhook(value, account, warnings))
              : setEventsAfterCreate(value, account, input, [...warnings], opts),
          ),
        ),
      )
    },

    get(id, opts) {
      return guarded(client.context('get'), checkConektaId(id), () =>
        TE.map(({ value, account }: { value: WebhookResponse; account?: string }) => asWebhook(value, account))(getWire('get', id, opts)),
      )
    },

    list(given?: ListQuery, opts?: CallOptions) {
      const ctx = client.context('list')
      const query: ListQuery = given ?? {}
      const refused = checkListQuery(CONEKTA_CAPABILITIES, query, ctx)
      if (refused) return TE.left(refused)
      if (query.url !== undefined && (typeof query.url !== 'string' || query.url.trim() === '')) {
        return TE.left(localValidation(ctx, [{ path: 'url', message: 'must be a non-empty URL to filter by' }]))
      }
      const next = readCursor(query.cursor, ctx)
      if (E.isLeft(next)) return TE.left(next.left)
      return pipe(
        client.request({
          operation: 'list',
          route: 'GET /webhooks',
          path: '/webhooks',
          query: { limit: query.pageSize, next: next.right, url: query.url },
          decode: WebhookList,
          call: opts,
        }),
        TE.map(({ value, account }): Page<W> => {
          const items = value.data.map((wire) => asWebhook(wire, account))
          const cursor = nextCursor(value)
          return cursor === undefined ? { items } : { items, nextCursor: cursor }
        }),
      )
    },

    update(id, given: UpdateWebhook<ConektaEvent>, opts) {
      const ctx = client.context('update')
      const patch: UpdateWebhook<ConektaEvent> = given ?? {}
      if (patch.enabled !== undefined) {
        return TE.left(unsupported(ctx, 'enabling or disabling a webhook (API 2.1.0 has no writable `active`)'))
      }
      const issues: Issue[] = [
        ...checkConektaId(id),
        ...checkPatch(patch, CONEKTA_EVENTS, { url: (url) => checkWebhookUrl(url, urlPolicy) }),
      ]
      const warnings = patch.description === undefined ? [] : ['Conekta API 2.1.0 cannot store a description; it was not sent']
      return guarded(ctx, issues, () => {
        if (patch.url === undefined && patch.events === undefined) {
          return TE.map(({ value, account }: { value: WebhookResponse; account?: string }) => asWebhook(value, account, warnings))(getWire('update', id, opts))
        }
        // 2.1.0 requires `url` on every update: keep the current one when the patch does not change it.
        const currentUrl: TE.TaskEither<WebhookError, string> =
          patch.url === undefined ? TE.map(({ value }: { value: WebhookResponse }) => value.url)(getWire('update', id, opts)) : TE.right(patch.url)
        return pipe(
          currentUrl,
          TE.chain((url) =>
            client.request({
              operation: 'update',
              route: 'PUT /webhooks/{id}',
              path: `/webhooks/${id}`,
              body: updateBody(url, patch.events, eventsField),
              decode: WebhookResponse,
              call: opts,
            }),
          ),
          TE.map(({ value, account }) => {
            const notes = [...warnings]
            if (patch.events !== undefined && !sameEvents(value.subscribed_events ?? [], patch.events)) {
              notes.push('Conekta accepted the update but its answer does not list the requested events; `events` shows what it holds')
            }
            if (patch.url !== undefined && value.url !== patch.url) {
              notes.push('Conekta accepted the update but its answer carries a different URL; `url` shows what it holds')
            }
            return asWebhook(value, account, notes)
          }),
        )
      })
    },

    delete(id, opts) {
      return guarded(client.context('delete'), checkConektaId(id), () => TE.map(() => undefined)(deleteWire('delete', id, opts)))
    },

    test(id, opts) {
      return guarded(client.context('test'), checkConektaId(id), () =>
        pipe(
          client.request({
            operation: 'test',
            route: 'POST /webhooks/{id}/test',
            path: `/webhooks/${id}/test`,
            // The spec declares no body; an empty object is accepted either way. A second ping is harmless, so it may be retried.
            body: {},
            idempotent: true,
            decode: WebhookResponse,
            call: opts,
          }),
          TE.map(({ value, account }) => asWebhook(value, account)),
        ),
      )
    },

    rotateSecret(id, opts) {
      const ctx = client.context('rotateSecret')
      return guarded(ctx, checkConektaId(id), () => {
        const refused = client.checkScope('rotateSecret', ['GET /webhooks/{id}', 'POST /webhook_keys'], opts)
        if (refused) return TE.left(refused)
        return pipe(
          getWire('rotateSecret', id, opts),
          TE.chain(() =>
            client.request({ operation: 'rotateSecret', route: 'POST /webhook_keys', path: '/webhook_keys', body: { active: true }, decode: WebhookKeyResponse, call: opts }),
          ),
          TE.map(({ value }): SecretRotation => ({
            scope: 'account',
            webhookId: id,
            // The new key's public half (PEM), which receivers need to verify deliveries; not confidential, wrapped like every rotation result.
            ...(value.public_key === undefined ? {} : { secret: secret(value.public_key) }),
          })),
        )
      })
    },

    webhookKeys: createWebhookKeys(client),
  }
  return provider
}
