/** Small helpers shared by the core unit tests. */

import { inspect } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import * as E from 'fp-ts/Either'
export { runLeft as left, runRight as right } from '@unihook/core/testing'

export function getRight<L, A>(result: E.Either<L, A>): A {
  if (E.isLeft(result)) throw new Error(`expected Right, got Left ${inspect(result.left, { depth: 5 })}`)
  return result.right
}

export function getLeft<L, A>(result: E.Either<L, A>): L {
  if (E.isRight(result)) throw new Error(`expected Left, got Right ${inspect(result.right, { depth: 5 })}`)
  return result.left
}

/** Every way an object can end up in a log. */
export const renderings = (value: unknown): string[] => [
  JSON.stringify(value) ?? '',
  inspect(value, { depth: 10 }),
  inspect(value, { depth: 10, showHidden: true }),
  String(value),
  `${String(value)}`,
]

export const elapsedSince = (start: number) => performance.now() - start

/**
 * A full garbage collection, on demand. Objects that are only weakly held (say, an AbortSignal that a
 * dropped Request followed) are collected, which is how real long-running processes behave.
 */
export function forceGc(): void {
  v8.setFlagsFromString('--expose-gc')
  ;(vm.runInNewContext('gc') as () => void)()
}
