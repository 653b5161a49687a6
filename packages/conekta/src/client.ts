/**
 * The one place that talks HTTP to Conekta: the core transport configured with bearer auth, the
 * pinned API version's `Accept` header, the adapter's `User-Agent`, the locale, the child-company scoping and the error envelope mapping.
 * The webhook operations and the webhook-keys resource both go through it.
 */

import {
  type AdapterClient,
  type CallOptions,
  createTransport,
  transportSettingsOf,
  type Operation,
  revealSecret,
  type Secret,
  type TransportSettings,
  type WebhookError,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { accountOf, type ChildCompanyHeader, childCompanyScope, type Route, routeOf } from './account.js'
import { mapConektaFailure } from './errors.js'
import { PRODUCT } from './product.js'
import { acceptFor, CONEKTA_API_VERSIONS, type ConektaApiVersion, DEFAULT_API_VERSION } from './versions.js'

/** Conekta's API root, used unless `baseUrl` points elsewhere (a fake, a proxy). */
export const CONEKTA_BASE_URL = 'https://api.conekta.io'

/** The languages Conekta writes its error messages in (`Accept-Language`). */
export type ConektaLocale = 'es' | 'en'

export interface ClientSettings extends TransportSettings {
  readonly apiKey: string | Secret
  readonly apiVersion?: ConektaApiVersion
  readonly baseUrl?: string
  readonly locale?: ConektaLocale
  readonly childCompanyId?: string
  readonly childCompanyHeader?: ChildCompanyHeader
  /** Child companies' own private keys, by child company id: used where the header is not declared. */
  readonly childCompanyKeys?: Readonly<Record<string, string | Secret>>
}

export interface ConektaClient extends AdapterClient {
  /** The API version every request pins with `Accept`. */
  readonly apiVersion: ConektaApiVersion
  /** Refuses, before any request, a call whose account cannot be sent on one of these routes. */
  checkScope(operation: Operation, routes: readonly Route[], call?: CallOptions): WebhookError | undefined
}

export function createConektaClient(settings: ClientSettings): ConektaClient {
  const key: unknown = settings.apiKey === undefined || settings.apiKey === null ? '' : revealSecret(settings.apiKey)
  if (typeof key !== 'string' || key.trim() === '') {
    throw new TypeError('conekta(): apiKey is required (your private key, key_…)')
  }
  const locale = settings.locale ?? 'es'
  if (locale !== 'es' && locale !== 'en') throw new TypeError(`conekta(): locale must be 'es' or 'en' (got ${String(locale)})`)
  const apiVersion = settings.apiVersion ?? DEFAULT_API_VERSION
  if (!(CONEKTA_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw new TypeError(`conekta(): apiVersion must be one of ${CONEKTA_API_VERSIONS.join(', ')} (got ${String(apiVersion)})`)
  }
  const accept = acceptFor(apiVersion)
  const policy = settings.childCompanyHeader ?? 'declared'
  const childKeys = new Map(Object.entries(settings.childCompanyKeys ?? {}))
  for (const [child, childKey] of childKeys) {
    const revealed: unknown = childKey === undefined || childKey === null ? '' : revealSecret(childKey)
    if (typeof revealed !== 'string' || revealed.trim() === '')
      throw new TypeError(`conekta(): childCompanyKeys.${child} must be that child company's private key`)
  }
  const secrets = [settings.apiKey, ...childKeys.values()]
  const transportWith = (apiKey: string | Secret) =>
    createTransport({
      provider: 'conekta',
      baseUrl: settings.baseUrl ?? CONEKTA_BASE_URL,
      secrets,
      ...transportSettingsOf(settings),
      // The version and the locale are the same on every request: set once with the transport's headers
      // (after the user's, which they override as they did per request), not again on each call.
      headers: { ...settings.headers, accept, 'accept-language': locale },
      product: PRODUCT,
      authenticate: (outgoing) => outgoing.headers.set('authorization', `Bearer ${revealSecret(apiKey)}`),
      mapFailure: mapConektaFailure,
    })
  const transport = transportWith(settings.apiKey)
  // One transport per child company's own key, made on its first use.
  const childTransports = new Map<string, ReturnType<typeof createTransport>>()
  const transportFor = (child: string) => {
    let found = childTransports.get(child)
    if (!found) childTransports.set(child, (found = transportWith(childKeys.get(child) as string | Secret)))
    return found
  }
  const hasOwnKey = (child: string) => childKeys.has(child)
  const defaults = { account: settings.childCompanyId }
  const scopeOf = (operation: Operation, route: Route, call?: CallOptions) =>
    childCompanyScope(route, accountOf(defaults, call).account, policy, transport.context(operation), hasOwnKey)

  return {
    apiVersion,
    context: transport.context,
    checkScope(operation, routes, call) {
      for (const route of routes) {
        const scope = scopeOf(operation, route, call)
        if (E.isLeft(scope)) return scope.left
      }
      return undefined
    },
    // Core's request, with the version, the locale and the child company's header where its route allows
    // it; a child company with its own key is sent with that key instead.
    request(spec) {
      const scope = scopeOf(spec.operation, routeOf(spec.method, spec.path), spec.call)
      if (E.isLeft(scope)) return TE.left(scope.left)
      const { account, via } = scope.right
      const sender = via === 'key' && account !== undefined ? transportFor(account) : transport
      return sender.request(via === 'header' ? { ...spec, headers: { ...spec.headers, 'x-child-company-id': account } } : spec)
    },
  }
}
