/** What `conekta()` takes. Types only, so that the context and the operations need not import the adapter. */

import type { ChildCompanyHeader } from './account.js'
import type { ClientSettings } from './client.js'
import type { StatusSettings } from './mapping.js'

/**
 * Settings of `conekta()`: the private API key, the API version, the language of errors, the child
 * company to act for, and the transport settings every adapter takes.
 */
export interface ConektaOptions extends ClientSettings, StatusSettings {
  /** Your private API key, sent as `Authorization: Bearer`. Never appears in errors or logs. */
  readonly apiKey: ClientSettings['apiKey']
  /** Default `https://api.conekta.io`. */
  readonly baseUrl?: string
  /** `Accept-Language`: the language of Conekta's error messages. Default `es`. */
  readonly locale?: NonNullable<ClientSettings['locale']>
  /** The child company to act for (`X-Child-Company-Id`); `CallOptions.account` overrides it per call. */
  readonly childCompanyId?: string
  /** Where the child-company header may go: only where API 2.1.0 declares it (default), or everywhere. */
  readonly childCompanyHeader?: ChildCompanyHeader
  /**
   * Child companies' own private keys, by child company id. A call for a child company on a request
   * that does not declare `X-Child-Company-Id` (create, delete, test) is sent with that child's key
   * instead of being refused. Never appear in errors or logs.
   */
  readonly childCompanyKeys?: ClientSettings['childCompanyKeys']
  /**
   * The API version every request pins (`Accept: application/vnd.conekta-v<version>+json`): `'2.3.0'`
   * (default, the newest with a published webhook schema), `'2.2.0'` or `'2.1.0'`. Request bodies and
   * the capability table follow it.
   */
  readonly apiVersion?: NonNullable<ClientSettings['apiVersion']>
  /** 2.1.0 only: what a create does when its second step (setting the events) fails: keep the webhook (default) or delete it. */
  readonly onPartialCreate?: 'keep' | 'rollback'
  /** Accept localhost/127.0.0.1 URLs; only for a fake started with `allowLocalhost` (Conekta refuses them). */
  readonly allowLocalhostUrls?: boolean
}
