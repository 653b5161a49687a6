/**
 * `@unihook/core`: the common model, the error vocabulary, capabilities, the HTTP transport, pagination,
 * reconciliation (`plan`/`apply`), delivery verification and the receiver, shared by every adapter.
 *
 * @module @unihook/core
 */

export * from './accounts.js'
export * from './capabilities.js'
export * from './decode.js'
export * from './errors.js'
export * from './http.js'
export * from './http-failure.js'
export * from './idempotency.js'
export * from './journal.js'
export * from './duplicates.js'
export * from './limit.js'
export * from './model.js'
export * from './pagination.js'
export * from './promise.js'
export * from './provider.js'
export * from './rate-budget.js'
export * from './reconcile.js'
export * from './saved-plan.js'
export * from './secret.js'
export * from './serialise.js'
export * from './shard.js'
export * from './unconfirmed.js'
export * from './validate.js'
export type * from './verify/deliveries.js'
export * from './verify/inputs.js'
export * from './verify/receiver.js'
export * from './verify/verification.js'
export * from './dates.js'
export type * from './descriptor.js'
