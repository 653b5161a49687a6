/**
 * fp-ts's `Either` values, built here by hand in fp-ts's own shape (`{ _tag: 'Left', left }`), so they
 * are fp-ts `Either`s to every caller. Importing `fp-ts/Either` instead would put its whole module
 * (instances built at load, which bundlers must keep) into every verifier bundle: about a third of the
 * 2 KB budget.
 */

import type { Either, Left, Right } from 'fp-ts/Either'

/** A failed `Either`, the same value fp-ts makes. */
export const left = <E>(error: E): Either<E, never> => ({ _tag: 'Left', left: error })

/** A successful `Either`, the same value fp-ts makes. */
export const right = <A>(value: A): Either<never, A> => ({ _tag: 'Right', right: value })

/** Whether an `Either` is a failure. */
export const isLeft = <E, A>(either: Either<E, A>): either is Left<E> => either._tag === 'Left'

/** Whether an `Either` is a success. */
export const isRight = <E, A>(either: Either<E, A>): either is Right<A> => either._tag === 'Right'

export type { Either } from 'fp-ts/Either'
