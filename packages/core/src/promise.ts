/**
 * The Promise facade, for callers who do not use fp-ts. One generic wrapper serves every provider
 * (and any object of TaskEither-returning methods, namespaces such as `webhookKeys` included): each
 * method becomes an async function that resolves with the value or rejects with an `UnihookError`
 * carrying the same tagged error.
 *
 * Recognising errors: an application can load two copies of core in one process (the ESM build through
 * `import`, the CJS build through a dependency's `require`), and classes are not shared between them. So
 * errors are recognised by a mark in the global symbol registry, not by class identity: use
 * `isUnihookError(e)` for a rejection of the facade, `isWebhookError(e)` for a `Left`'s value, and
 * `isVerificationError(e)` for a failed verification. `e instanceof UnihookError` answers the same as
 * `isUnihookError(e)`, whichever copy threw it.
 */

import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describeError, isWebhookError, type WebhookError } from './errors.js'
import { isSecret } from './secret.js'

const UNIHOOK_ERROR = /* @__PURE__ */ Symbol.for('unihook.error')

export class UnihookError extends Error {
  override readonly name = 'UnihookError'
  readonly _tag: WebhookError['_tag']
  constructor(readonly error: WebhookError) {
    super(describeError(error))
    this._tag = error._tag
    Object.defineProperty(this, UNIHOOK_ERROR, { value: true })
  }
  toJSON() {
    return { name: this.name, message: this.message, error: this.error }
  }
  /** `instanceof` by the shared mark, so it also holds for an error thrown by another copy of core. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isUnihookError(value)
  }
}

/** Whether a value is an `UnihookError` from any copy of core (ESM or CJS, any version of this package). */
export function isUnihookError(value: unknown): value is UnihookError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UNIHOOK_ERROR] === true && isWebhookError((value as UnihookError).error)
  )
}

/** Runs a TaskEither, resolving with its value or rejecting with an `UnihookError`. */
export async function runOrThrow<A>(task: TaskEither<WebhookError, A>): Promise<A> {
  const result = await task()
  if (E.isLeft(result)) throw new UnihookError(result.left)
  return result.right
}

/** Data that passes through unchanged: never a namespace of operations. */
type Plain = Date | RegExp | readonly unknown[] | ((...args: never[]) => unknown)

export type Promised<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer P) => TaskEither<WebhookError, infer A>
    ? (...args: P) => Promise<A>
    : T[K] extends Plain
      ? T[K]
      : T[K] extends object
        ? Promised<T[K]>
        : T[K]
}

/**
 * A namespace of operations (`webhookKeys`): a plain object holding methods, wrapped too. Plain data
 * (`capabilities`) has no methods and passes through as it is.
 */
const isNamespace = (value: unknown): value is object => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isSecret(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return (proto === Object.prototype || proto === null) && Object.values(value).some((v) => typeof v === 'function')
}

/**
 * Wraps every TaskEither-returning method of `target`, and of the plain objects it holds, however deep;
 * other properties pass through unchanged. The wrapper reads `target` live and never modifies it (frozen
 * targets are fine).
 */
export function promised<T extends object>(target: T): Promised<T> {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
    throw new TypeError('promised(): expects an adapter or another object of TaskEither-returning methods')
  }
  const wrap = (key: PropertyKey): unknown => {
    const value = Reflect.get(target, key) as unknown
    if (isNamespace(value)) return promised(value)
    if (typeof value !== 'function') return value
    return (...args: unknown[]) => {
      const result = (value as (...a: unknown[]) => unknown).apply(target, args)
      return typeof result === 'function' ? runOrThrow(result as TaskEither<WebhookError, unknown>) : result
    }
  }
  // The proxy's own target is an empty stand-in, so wrapping a frozen object breaks no proxy invariant.
  return new Proxy(Object.create(null) as object, {
    get: (_shadow, key) => wrap(key),
    has: (_shadow, key) => Reflect.has(target, key),
    ownKeys: () => Reflect.ownKeys(target),
    getOwnPropertyDescriptor: (_shadow, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key)
      return descriptor && { value: wrap(key), writable: false, enumerable: descriptor.enumerable ?? false, configurable: true }
    },
  }) as Promised<T>
}
