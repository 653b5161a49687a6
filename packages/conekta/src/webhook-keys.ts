/**
 * `/webhook_keys`: the account-wide RSA key pairs Conekta signs deliveries with. Conekta keeps the
 * private key; the create answer carries the PEM public key (lists answer `public_key: null`, and the
 * single-key answer may omit it), so keep it from `create`. Rotation: create a new key, give its public
 * key to every receiver (`conektaVerifier` takes several), then deactivate the old one.
 */

import { type CallOptions, checkPageSize, guarded, type Page, type WebhookError } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { accountOf } from './account.js'
import type { ConektaClient } from './client.js'
import { WebhookKeyList, WebhookKeyResponse } from './codecs.js'
import { cursorScope, nextCursor, readCursor } from './pagination.js'
import { checkConektaId, MAX_PAGE_SIZE } from './validation.js'

/** A webhook signing key of the account, as `webhookKeys` returns it; `publicKey` is the PEM verifiers take. */
export interface WebhookKey {
  readonly id: string
  readonly active: boolean
  readonly livemode?: boolean
  readonly createdAt?: Date
  readonly deactivatedAt?: Date
  /** The PEM (SPKI) public key for `conektaVerifier`. Reliably present only in the `create` answer. */
  readonly publicKey?: string
  /** True in the answer to `delete`. */
  readonly deleted?: boolean
  readonly raw: unknown
}

/** Paging of `webhookKeys.list`. */
export interface WebhookKeyQuery {
  readonly pageSize?: number
  readonly cursor?: string
}

/**
 * The account's delivery-signing keys (`/webhook_keys`): Conekta signs every delivery with one account-
 * wide RSA key.
 */
export interface WebhookKeys {
  /** Creates a key pair; the answer is the only one sure to carry the public key. */
  create(input?: { readonly active?: boolean }, opts?: CallOptions): TE.TaskEither<WebhookError, WebhookKey>
  /** Reads one page of keys. */
  list(query?: WebhookKeyQuery, opts?: CallOptions): TE.TaskEither<WebhookError, Page<WebhookKey>>
  /** Reads one key. */
  get(id: string, opts?: CallOptions): TE.TaskEither<WebhookError, WebhookKey>
  /** `active` is required here: Conekta's own default for an update without it is to deactivate. */
  update(id: string, patch: { readonly active: boolean }, opts?: CallOptions): TE.TaskEither<WebhookError, WebhookKey>
  /** Stops signing with a key (it stays listed, with `deactivatedAt`). */
  deactivate(id: string, opts?: CallOptions): TE.TaskEither<WebhookError, WebhookKey>
  /** Deletes a key; answers the deleted key. */
  delete(id: string, opts?: CallOptions): TE.TaskEither<WebhookError, WebhookKey>
}

const fromSeconds = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000))

/** Maps a decoded Conekta webhook key to `WebhookKey` (dates from Unix seconds). */
export function toWebhookKey(wire: WebhookKeyResponse): WebhookKey {
  const key: Record<string, unknown> = {
    id: wire.id,
    // The create schema defaults `active` to true; an answer without it is a live key.
    active: wire.active ?? wire.deactivated_at === undefined,
    livemode: wire.livemode,
    createdAt: fromSeconds(wire.created_at),
    deactivatedAt: fromSeconds(wire.deactivated_at),
    publicKey: wire.public_key,
    deleted: wire.deleted,
    raw: wire,
  }
  for (const k of Object.keys(key)) if (key[k] === undefined) delete key[k]
  return Object.freeze(key) as unknown as WebhookKey
}

const idIssues = (id: unknown) => checkConektaId(id, 'webhook key id (24 hex characters)')

export function createWebhookKeys(client: ConektaClient, settings: { readonly account?: string }): WebhookKeys {
  const one = (value: WebhookKeyResponse) => toWebhookKey(value)
  const update: WebhookKeys['update'] = (id, patch, opts) => {
    const ctx = client.context('webhookKeys.update')
    const issues = [...idIssues(id), ...(typeof patch?.active === 'boolean' ? [] : [{ path: 'active', message: 'must be true or false' }])]
    return guarded(ctx, issues, () =>
      TE.map(one)(
        client.request({
          operation: 'webhookKeys.update',
          method: 'PUT',
          path: `/webhook_keys/${id}`,
          body: { active: patch.active },
          decode: WebhookKeyResponse,
          call: opts,
        }),
      ),
    )
  }
  return {
    create(given, opts) {
      const ctx = client.context('webhookKeys.create')
      const input = given ?? {}
      const issues = input.active === undefined || typeof input.active === 'boolean' ? [] : [{ path: 'active', message: 'must be true or false' }]
      return guarded(ctx, issues, () =>
        TE.map(one)(
          client.request({
            operation: 'webhookKeys.create',
            method: 'POST',
            path: '/webhook_keys',
            body: { active: input.active ?? true },
            decode: WebhookKeyResponse,
            call: opts,
          }),
        ),
      )
    },
    list(given, opts) {
      const ctx = client.context('webhookKeys.list')
      const query = given ?? {}
      const scope = cursorScope(accountOf(settings, opts).account, 'conekta.webhookKeys')
      const cursor = readCursor(query.cursor, scope, ctx)
      if (E.isLeft(cursor)) return TE.left(cursor.left)
      return guarded(ctx, checkPageSize(query.pageSize, MAX_PAGE_SIZE), () =>
        pipe(
          client.request({
            operation: 'webhookKeys.list',
            method: 'GET',
            path: '/webhook_keys',
            query: { limit: query.pageSize, next: cursor.right },
            decode: WebhookKeyList,
            call: opts,
          }),
          TE.map((value): Page<WebhookKey> => {
            const items = value.data.map(toWebhookKey)
            const next = nextCursor(value, scope)
            return next === undefined ? { items } : { items, nextCursor: next }
          }),
        ),
      )
    },
    get(id, opts) {
      return guarded(client.context('webhookKeys.get'), idIssues(id), () =>
        TE.map(one)(
          client.request({
            operation: 'webhookKeys.get',
            method: 'GET',
            path: `/webhook_keys/${id}`,
            decode: WebhookKeyResponse,
            call: opts,
          }),
        ),
      )
    },
    update,
    deactivate: (id, opts) => update(id, { active: false }, opts),
    delete(id, opts) {
      return guarded(client.context('webhookKeys.delete'), idIssues(id), () =>
        TE.map(one)(
          client.request({
            operation: 'webhookKeys.delete',
            method: 'DELETE',
            path: `/webhook_keys/${id}`,
            decode: WebhookKeyResponse,
            call: opts,
          }),
        ),
      )
    },
  }
}
