/**
 * The static capability table every adapter declares. Provider-neutral code reads it instead of
 * guessing, and the contract suite checks that each adapter behaves as its table says.
 */

export type OperationName = 'create' | 'get' | 'list' | 'update' | 'delete' | 'test' | 'rotateSecret'

/** Every operation of `WebhookProvider`, in a fixed order. */
export const OPERATIONS: readonly OperationName[] = ['create', 'get', 'list', 'update', 'delete', 'test', 'rotateSecret']

/** `native`: one provider call. `emulated`: built from other calls (say, get through list). */
export type Support = 'native' | 'emulated' | 'absent'

/** A `list` filter a provider may support (`capabilities.filters`). */
export type ListFilter = 'url' | 'createdAfter' | 'createdBefore'

/** How a provider signs its deliveries. */
export type SignatureScheme = 'hmac-sha256-hex' | 'hmac-sha512-hex' | 'rsa-sha256-base64' | 'none'

/**
 * What a provider supports, as a static table on every adapter (`provider.capabilities`): operations,
 * pagination, limits, filters, signing and secret handling. Provider-neutral code reads it instead of
 * trying and failing.
 */
export interface Capabilities {
  readonly operations: Readonly<Record<OperationName, Support>>
  readonly pagination: {
    /** `cursor`: the provider returns a position. `offset`: count/skip. `none`: one page holds everything. */
    readonly style: 'cursor' | 'offset' | 'none'
    readonly defaultPageSize?: number
    readonly maxPageSize?: number
  }
  /** Most webhooks the provider allows per account or environment, where documented. */
  readonly maxWebhooks?: number
  /** Whether a webhook can be subscribed to a chosen set of events. */
  readonly eventFiltering: boolean
  /** Which `ListQuery` filters the provider applies. */
  readonly listFilters: readonly ListFilter[]
  /** Whether `description` and `enabled` can be written. */
  readonly writableFields: { readonly description: boolean; readonly enabled: boolean }
  readonly secret: {
    /** `caller`: the caller sets it. `provider`: the provider makes it. `account-key`: one key signs for the whole account. */
    readonly owner: 'caller' | 'provider' | 'account-key'
    /** Whether the provider ever returns the secret after setting it. */
    readonly readable: boolean
    /** What `rotateSecret` renews: one webhook's secret, every webhook's key of the account, or nothing. */
    readonly rotation: 'webhook' | 'account' | 'none'
  }
  readonly signature: {
    readonly scheme: SignatureScheme
    /** Delivery headers that carry the signature (and key id, where there is one). */
    readonly headers: readonly string[]
  }
  readonly account: {
    /** Where the account goes on the wire. */
    readonly scope: 'header' | 'path' | 'body' | 'none'
    /** Whether every call needs one. */
    readonly required: boolean
  }
  readonly concurrency: {
    /**
     * Operations that read the webhook and resend fields the call did not change (the provider's write
     * requires them). One adapter instance runs them one at a time per webhook, so its own concurrent
     * calls never undo each other; writers in other processes or adapter instances still can, since no
     * provider offers a version check to refuse a stale write.
     */
    readonly readModifyWrite: readonly OperationName[]
    /**
     * Whether `create` honours `CreateWebhook.idempotencyKey`: two creates with the same key make one
     * webhook, so concurrent applies cannot duplicate it. Without it, `apply` confirms its creates by a
     * listing afterwards (see `ApplyOptions.confirmCreates`).
     */
    readonly idempotentCreate?: boolean
  }
  /** The provider's documented request rate per credential, the default of `budgetFor`; absent where none is published. */
  readonly rateLimit?: { readonly requestsPerSecond: number }
}
