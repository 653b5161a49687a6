/**
 * Test helpers for TaskEither code: run a task and get the side you expect, or a thrown error that
 * shows what came instead. For your tests and ours.
 */

import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'

/** Runs `task` and returns its value; throws, showing the error, when it failed. */
export async function runRight<L, A>(task: TaskEither<L, A>): Promise<A> {
  const result = await task()
  if (E.isLeft(result)) throw new Error(`expected success, got ${inspect(result.left, { depth: 5 })}`)
  return result.right
}

/** Runs `task` and returns its error; throws, showing the value, when it succeeded. */
export async function runLeft<L, A>(task: TaskEither<L, A>): Promise<L> {
  const result = await task()
  if (E.isRight(result)) throw new Error(`expected an error, got success: ${inspect(result.right, { depth: 5 })}`)
  return result.left
}
