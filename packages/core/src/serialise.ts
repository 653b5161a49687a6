/**
 * Serialising read-modify-write operations. An update that reads a webhook and then resends fields it
 * did not change loses a concurrent update's change if the two interleave; running such operations on
 * one webhook one after another, within one adapter instance, prevents that. Other processes are not
 * covered: the providers offer no version check to detect a concurrent writer.
 */

import type { TaskEither } from 'fp-ts/TaskEither'

export interface KeyedQueue {
  /** Runs `task` after every task queued before it under the same key has finished, whatever its outcome. */
  run<E, A>(key: string, task: TaskEither<E, A>): TaskEither<E, A>
}

export function keyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run: (key, task) => async () => {
      const previous = tails.get(key) ?? Promise.resolve()
      const current = previous.then(() => task())
      // The chain continues whether this task fails or not; a rejection (a defect) must not block the key.
      const tail = current.catch(() => undefined)
      tails.set(key, tail)
      try {
        return await current
      } finally {
        if (tails.get(key) === tail) tails.delete(key)
      }
    },
  }
}
