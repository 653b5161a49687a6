/**
 * The closed error vocabulary shared by every provider.
 *
 * Errors are plain, serialisable objects tagged by `_tag`, so they survive `JSON.stringify`, cross
 * realm boundaries and two installed copies of core. `isWebhookError` recognises them by shape and tag,
 * never by `instanceof`. Their messages are built from redacted text only; no field ever holds a secret.
 */

import { redactDeep, redactText, type Secret } from './secret.js'

/**
 * The operation an error came from: one of the `WebhookProvider` methods, or an adapter's own
 * (`webhookKeys.create`, say).
 */
export type Operation = 'create' | 'get' | 'list' | 'update' | 'delete' | 'test' | 'rotateSecret' | (string & {})

/** One problem with an input or a decoded response, located by a readable path (`events[2]`, `data.url`). */
export interface Issue {
  readonly path: string
  readonly message: string
}

interface Base<Tag extends string> {
  readonly _tag: Tag
  readonly provider: string
  readonly operation: Operation
  readonly message: string
  /** True when the same call may succeed if repeated later unchanged. */
  readonly retryable: boolean
  /** HTTP status of the response that caused the error, when there was one. */
  readonly status?: number
  /** The provider's id for the failed request (Conekta `log_id`, Calypso `traceId`, …). */
  readonly requestId?: string
  /** The provider's own error code (`resource_not_found_error`, `BAD_REQUEST_ERROR`, `003`, …). */
  readonly providerCode?: string
  /** The provider's error body, redacted. */
  readonly details?: unknown
}

/** The credentials were refused (401/403, a bad signature on a signed request). Not retryable. */
export interface AuthError extends Base<'AuthError'> {}
/** The webhook (or account) does not exist at the provider. */
export interface NotFound extends Base<'NotFound'> {
  readonly id?: string
  /**
   * Set when an earlier attempt of this same call got no clear answer (the connection broke, or a 5xx a
   * gateway may have sent after the provider acted): that attempt may be what removed the resource.
   */
  readonly afterUnansweredAttempt?: boolean
}
/**
 * The input was refused, by unihook before sending (`source: 'local'`) or by the provider, with one
 * `Issue` per problem.
 */
export interface ValidationError extends Base<'ValidationError'> {
  /** `local`: refused before any request was sent. `provider`: the provider refused it. */
  readonly source: 'local' | 'provider'
  readonly issues: readonly Issue[]
}
/**
 * The provider refused a write that clashes with its state: the webhook `exists` already, an account
 * `limit` is reached, or `other`.
 */
export interface Conflict extends Base<'Conflict'> {
  readonly reason: 'exists' | 'limit' | 'other'
}
/** The provider asked to slow down (429); `retryAfterMs` is how long it asked to wait, when it said. */
export interface RateLimited extends Base<'RateLimited'> {
  readonly retryAfterMs?: number
}
/** The provider failed (5xx, or an answer that is an error but fits no other tag). Retryable by default. */
export interface ProviderError extends Base<'ProviderError'> {
  /** How long the provider asked to wait (`Retry-After` on a 503, say) when that was longer than the retry policy waits. */
  readonly retryAfterMs?: number
}
/** No answer arrived: the connection failed or broke, or the caller aborted (`aborted: true`). */
export interface NetworkError extends Base<'NetworkError'> {
  /** True when the caller's own `AbortSignal` ended the request. */
  readonly aborted?: boolean
}
/** An attempt took longer than the transport's `timeoutMs`. */
export interface Timeout extends Base<'Timeout'> {
  readonly timeoutMs?: number
}
/** The provider answered, but not in the shape the operation expects; `issues` say where. */
export interface DecodeError extends Base<'DecodeError'> {
  readonly issues: readonly Issue[]
}
/** The provider has no such operation or setting (see its `capabilities`). Never a silent no-op. */
export interface Unsupported extends Base<'Unsupported'> {}

/** Every error an operation can return: a closed union discriminated by `_tag`, the same for every provider. */
export type WebhookError = AuthError | NotFound | ValidationError | Conflict | RateLimited | ProviderError | NetworkError | Timeout | DecodeError | Unsupported

/** The `_tag` of a `WebhookError`. */
export type WebhookErrorTag = WebhookError['_tag']

/** Every `WebhookErrorTag`, for exhaustive checks and for recognising errors by tag. */
export const ERROR_TAGS: readonly WebhookErrorTag[] = [
  'AuthError',
  'NotFound',
  'ValidationError',
  'Conflict',
  'RateLimited',
  'ProviderError',
  'NetworkError',
  'Timeout',
  'DecodeError',
  'Unsupported',
]

const RETRYABLE_BY_DEFAULT: Record<WebhookErrorTag, boolean> = {
  AuthError: false,
  NotFound: false,
  ValidationError: false,
  Conflict: false,
  RateLimited: true,
  ProviderError: true,
  NetworkError: true,
  Timeout: true,
  DecodeError: false,
  Unsupported: false,
}

/**
 * Whether a value is a `WebhookError`, judged by shape and tag (never `instanceof`), so errors from
 * another copy of core or parsed from JSON count too.
 */
export function isWebhookError(value: unknown): value is WebhookError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { _tag?: unknown; provider?: unknown; operation?: unknown }
  return typeof v._tag === 'string' && (ERROR_TAGS as readonly string[]).includes(v._tag) && typeof v.provider === 'string' && typeof v.operation === 'string'
}

type Extra<T extends WebhookError> = Omit<T, '_tag' | 'provider' | 'operation' | 'message' | 'retryable'> & {
  retryable?: boolean
}

/** The context every error is made in: which provider, which operation, which secrets to scrub. */
export interface ErrorContext {
  readonly provider: string
  readonly operation: Operation
  readonly secrets?: readonly (string | Secret)[]
}

/** The member of `WebhookError` with the given tag. */
export type ErrorOf<Tag extends WebhookErrorTag> = Extract<WebhookError, { _tag: Tag }>

/**
 * Builds any error of the vocabulary. The message and the provider details are redacted with the
 * context's secrets, so no code path can put a credential into an error by accident.
 */
export function webhookError<Tag extends WebhookErrorTag>(tag: Tag, ctx: ErrorContext, message: string, extra?: Extra<ErrorOf<Tag>>): ErrorOf<Tag> {
  const secrets = ctx.secrets ?? []
  const { retryable, details, ...rest } = (extra ?? {}) as Extra<ErrorOf<Tag>> & { details?: unknown }
  const error: Record<string, unknown> = {
    _tag: tag,
    provider: ctx.provider,
    operation: ctx.operation,
    message: redactText(message, secrets),
    retryable: retryable ?? RETRYABLE_BY_DEFAULT[tag],
  }
  for (const [k, v] of Object.entries(rest)) {
    if (v !== undefined) error[k] = typeof v === 'string' ? redactText(v, secrets) : redactDeep(v, secrets)
  }
  if (details !== undefined) error.details = redactDeep(details, secrets)
  return Object.freeze(error) as unknown as ErrorOf<Tag>
}

/** An `Unsupported` error for the context's operation, or for `what` when given (an option, a field). */
export const unsupported = (ctx: ErrorContext, what?: string): Unsupported =>
  webhookError('Unsupported', ctx, `${ctx.provider} does not support ${what ?? ctx.operation}`)

/** A `ValidationError` made before any request was sent (`source: 'local'`), listing every issue in its message. */
export const localValidation = (ctx: ErrorContext, issues: readonly Issue[]): ValidationError =>
  webhookError('ValidationError', ctx, `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, {
    source: 'local',
    issues,
  })

/** An answer that does not have the shape the operation expects, with its first issues in the message. */
export const decodeFailure = (ctx: ErrorContext, issues: Issue[], status?: number): DecodeError =>
  webhookError(
    'DecodeError',
    ctx,
    `the ${ctx.provider} response to ${ctx.operation} does not match the expected shape: ${issues
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .slice(0, 5)
      .join('; ')}`,
    status === undefined ? { issues } : { issues, status },
  )

/**
 * The same error with a note appended to its message: what the failed operation left behind, or what to
 * do next. Every other field, the tag included, is kept.
 */
export function withNote<T extends WebhookError>(error: T, note: string): T {
  return Object.freeze({ ...error, message: `${error.message} (${note})` })
}

/**
 * Whether the provider may have carried a failed request out anyway: the answer was lost (network,
 * timeout), unreadable after a 2xx, or a 5xx that a gateway may have sent after the provider acted.
 * Such a failure of a write leaves an unknown state that the caller must be told about.
 */
export function mayHaveTakenEffect(error: WebhookError): boolean {
  switch (error._tag) {
    case 'NetworkError':
    case 'Timeout':
      return true
    case 'DecodeError':
      return error.status === undefined || (error.status >= 200 && error.status < 300)
    case 'ProviderError':
      return (error.status ?? 500) >= 500
    default:
      return false
  }
}

/** A short, one-line description of an error, for logs. */
export function describeError(error: WebhookError): string {
  const parts = [`${error._tag} from ${error.provider}.${error.operation}`]
  if (error.status !== undefined) parts.push(`HTTP ${error.status}`)
  if (error.requestId) parts.push(`request ${error.requestId}`)
  return `${parts.join(', ')}: ${error.message}`
}

/**
 * The default classification of an HTTP failure by status alone, for providers (or parts of a response)
 * that say nothing more specific. Adapters refine it with their error envelope.
 */
export function tagForStatus(status: number): WebhookErrorTag {
  if (status === 401 || status === 403) return 'AuthError'
  if (status === 404 || status === 410) return 'NotFound'
  if (status === 409) return 'Conflict'
  if (status === 408) return 'Timeout'
  if (status === 429) return 'RateLimited'
  if (status === 400 || status === 422) return 'ValidationError'
  return 'ProviderError'
}
