/**
 * The Promise facade, for callers who do not use fp-ts. One generic wrapper serves every provider
 * (and any object of TaskEither-returning methods): each method becomes an async function that
 * resolves with the value or rejects with an `UnihookError` carrying the same tagged error.
 */

import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describeError, type WebhookError } from './errors.js'

export class UnihookError extends Error {
  override readonly name = 'UnihookError'
  readonly _tag: WebhookError['_tag']
  constructor(readonly error: WebhookError) {
    super(describeError(error))
    this._tag = error._tag
  }
  toJSON() {
    return { name: this.name, message: this.message, error: this.error }
  }
}

/** Runs a TaskEither, resolving with its value or rejecting with an `UnihookError`. */
export async function runOrThrow<A>(task: TaskEither<WebhookError, A>): Promise<A> {
  const result = await task()
  if (E.isLeft(result)) throw new UnihookError(result.left)
  return result.right
}

export type Promised<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer P) => TaskEither<WebhookError, infer A> ? (...args: P) => Promise<A> : T[K]
}

/** Wraps every TaskEither-returning method of `target`; other properties pass through unchanged. */
export function promised<T extends object>(target: T): Promised<T> {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
    throw new TypeError('promised(): expects an adapter or another object of TaskEither-returning methods')
  }
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args)
        return typeof result === 'function' ? runOrThrow(result as TaskEither<WebhookError, unknown>) : result
      }
    },
  }) as Promised<T>
}
