/**
 * `@unihook/core/verify`: delivery verification and the receiver alone, for endpoints that only receive.
 * No HTTP client and no codec library: it runs on Web Crypto and standard globals (workers, Vercel edge,
 * Deno, Bun, browsers) and on `node:crypto` under Node.
 *
 * @module @unihook/core/verify
 */

export { type Either, isLeft, isRight, left, right } from './either.js'
export type * from './deliveries.js'
export * from './inputs.js'
export * from './receiver.js'
export * from './handlers.js'
export * from './seen-store.js'
export * from './memory-store.js'
export * from './node.js'
export * from './verification.js'
export * from '../dates.js'
export type { Uncatalogued, UncataloguedEvent } from '../model.js'
export { isSecret, revealSecret, type Secret, secret } from '../secret.js'
