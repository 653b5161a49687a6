/**
 * Property tests of bad input: any value in any argument of any operation (ids, inputs, patches, list
 * queries, call options) gives a result, never a throw or a rejection, and a local refusal sends
 * nothing. Quick in CI (fixed seed); `UNIHOOK_PROPERTIES=long` runs 10,000 cases per provider.
 */

import { isWebhookError } from '@unihook/core'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { runs, SUITE_TIMEOUT } from './settings.js'
import { SUBJECTS } from './subjects.js'

/** Values a caller may pass by mistake: nulls, wrong types, huge and odd strings, deep objects. */
const junk = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 42, true, '', ' ', '\n', '../../webhook_keys', 'x'.repeat(100_000)),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.anything({ maxDepth: 2 }),
  fc.func(fc.anything()),
)

/** Well-formed parts, so junk in one place meets valid values elsewhere. */
const plausible = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: junk })

describe('bad input never throws (properties)', { timeout: SUITE_TIMEOUT }, () => {
  for (const subject of SUBJECTS) {
    it(`${subject.label}: every operation answers any arguments with a result`, async () => {
      const built = await subject.build({ mount: 'direct', retry: { limit: 0 }, timeoutMs: 2_000 })
      try {
        const seeded = await built.provider.create({ url: subject.url(0), events: [subject.events[0]] })()
        if (E.isLeft(seeded)) throw new Error(seeded.left.message)
        const id = plausible(fc.constant(seeded.right.id))
        const events = plausible(fc.subarray([...subject.events], { minLength: 1 }))
        const url = plausible(fc.constant(subject.url(1)))
        const input = plausible(fc.record({ url, events, description: plausible(fc.string()), secret: plausible(fc.string()) }, { requiredKeys: [] }))
        const patch = plausible(fc.record({ url, events, enabled: plausible(fc.boolean()), description: plausible(fc.string()) }, { requiredKeys: [] }))
        const query = plausible(fc.record({ limit: plausible(fc.integer()), cursor: plausible(fc.string()), url }, { requiredKeys: [] }))
        const options = plausible(fc.record({ timeoutMs: plausible(fc.integer()), signal: junk, account: junk }, { requiredKeys: [] }))
        const call = fc.oneof(
          fc.tuple(fc.constant('create'), input, options),
          fc.tuple(fc.constant('get'), id, options),
          fc.tuple(fc.constant('list'), query, options),
          fc.tuple(fc.constant('update'), id, patch, options),
          fc.tuple(fc.constant('delete'), id, options),
          fc.tuple(fc.constant('test'), id, options),
          fc.tuple(fc.constant('rotateSecret'), id, options),
        )
        await fc.assert(
          fc.asyncProperty(call, async ([op, ...args]) => {
            built.fake.sent.length = 0
            const method = (built.provider as unknown as Record<string, (...a: unknown[]) => () => Promise<unknown>>)[op]!
            let task: () => Promise<unknown>
            try {
              task = method.apply(built.provider, args)
            } catch (thrown) {
              throw new Error(`${op}(${shown(args)}) threw ${String(thrown)}`)
            }
            expect(typeof task, `${op} returns a task`).toBe('function')
            const result = (await task().catch((rejected: unknown) => {
              throw new Error(`${op}(${shown(args)}) rejected with ${String(rejected)}`)
            })) as E.Either<unknown, unknown>
            if (E.isRight(result)) return
            expect(isWebhookError(result.left), `${op}(${shown(args)}) failed with a non-vocabulary error`).toBe(true)
            const error = result.left as { _tag: string; source?: string }
            if (error._tag === 'ValidationError' && error.source === 'local') expect(built.fake.sent, `${op}: refused locally yet sent`).toEqual([])
          }),
          runs(150, 10_000),
        )
      } finally {
        await built.close()
      }
    })
  }
})

/** The arguments of a failing call, short enough for a message. */
function shown(args: unknown[]): string {
  const one = (a: unknown) => {
    if (typeof a === 'string') return JSON.stringify(a.slice(0, 40))
    if (typeof a === 'function') return 'a function'
    try {
      return JSON.stringify(a)?.slice(0, 80) ?? String(a)
    } catch {
      return String(a)
    }
  }
  return args.map(one).join(', ')
}
