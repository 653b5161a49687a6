/**
 * Child companies. A holding company acts for one of its child companies with the `X-Child-Company-Id`
 * header, but API 2.1.0 declares that header only on some requests. Sending it elsewhere might be
 * honoured, ignored, or refused; omitting it would silently act for the holding company instead. So by
 * default a call scoped to a child company is refused (before any request) on the requests that do not
 * declare the header. There the child company's own private key (`childCompanyKeys`) acts for it with
 * no header at all, and `childCompanyHeader: 'always'` opts into sending the header everywhere.
 */

import {
  type CallAccount,
  type CallOptions,
  type ErrorContext,
  type HttpMethod,
  type Issue,
  localValidation,
  unsupported,
  type WebhookError,
} from '@unihook/core'
import * as E from 'fp-ts/Either'

/** A Conekta API route the adapter calls, as `METHOD /path`: the keys of `CHILD_COMPANY_ROUTES`. */
export type Route =
  | 'GET /webhooks'
  | 'POST /webhooks'
  | 'GET /webhooks/{id}'
  | 'PUT /webhooks/{id}'
  | 'DELETE /webhooks/{id}'
  | 'POST /webhooks/{id}/test'
  | 'GET /webhook_keys'
  | 'POST /webhook_keys'
  | 'GET /webhook_keys/{id}'
  | 'PUT /webhook_keys/{id}'
  | 'DELETE /webhook_keys/{id}'

/** The requests on which the 2.1.0 spec declares `X-Child-Company-Id`. */
export const CHILD_COMPANY_ROUTES: ReadonlySet<Route> = new Set<Route>(['GET /webhooks', 'GET /webhooks/{id}', 'PUT /webhooks/{id}', 'GET /webhook_keys'])

/**
 * Where `X-Child-Company-Id` is sent: only on the routes API 2.1.0 declares it for (`declared`, the
 * default), or on every route (`always`).
 */
export type ChildCompanyHeader = 'declared' | 'always'

function checkAccount(account: unknown): Issue[] {
  // It becomes a header value: a non-empty string of Latin-1 text without control characters.
  return typeof account !== 'string' || account.trim() === '' || /[^\u0020-\u007e\u00a0-\u00ff]/.test(account)
    ? [{ path: 'account', message: 'must be a non-empty Latin-1 child company id without control characters' }]
    : []
}

/** The route of a request: its method and its path with the id in place of `{id}`. */
export const routeOf = (method: HttpMethod, path: string): Route => `${method} ${path.replace(/^\/(webhooks|webhook_keys)\/[^/]+/, '/$1/{id}')}` as Route

/**
 * The child company a call acts for (its own `account`, else the adapter's `childCompanyId`), and what is
 * wrong with it; no account at all acts for the key's own company.
 */
export function accountOf(settings: { readonly account?: string }, call?: CallOptions): CallAccount<string | undefined> {
  const account = call?.account ?? settings.account
  return { account, issues: account === undefined ? [] : checkAccount(account) }
}

/**
 * How a request reaches a child company: with the holding company's key and `X-Child-Company-Id`
 * (`header`), or with the child company's own private key and no header (`key`), which acts for the
 * child on every route because the key is the child's.
 */
export type ChildCompanyVia = 'header' | 'key'

/**
 * How to send a request, or the error that refuses it. `account` is the per-call override or the
 * adapter's `childCompanyId`; `hasOwnKey` tells whether the adapter holds that child company's own key.
 * The header goes where the spec declares it (or everywhere under `always`); elsewhere the child's own
 * key is used when there is one, else the call is refused rather than silently act for the holding.
 */
export function childCompanyScope(
  route: Route,
  account: unknown,
  policy: ChildCompanyHeader,
  ctx: ErrorContext,
  hasOwnKey: (account: string) => boolean = () => false,
): E.Either<WebhookError, { readonly account?: string; readonly via?: ChildCompanyVia }> {
  if (account === undefined) return E.right({})
  const issues = checkAccount(account)
  if (issues.length) return E.left(localValidation(ctx, issues))
  const child = account as string
  if (policy === 'always' || CHILD_COMPANY_ROUTES.has(route)) return E.right({ account: child, via: 'header' })
  if (hasOwnKey(child)) return E.right({ account: child, via: 'key' })
  return E.left(
    unsupported(
      ctx,
      `acting for a child company on ${route}: API 2.1.0 declares X-Child-Company-Id only on ${[...CHILD_COMPANY_ROUTES].join(', ')}. ` +
        `Give the child company's own key in childCompanyKeys, call without an account, or set childCompanyHeader: 'always' to send the header anyway`,
    ),
  )
}
