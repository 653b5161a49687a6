/**
 * `apply` never drops the secret of a create that may have happened: the caller's, when the answer was
 * lost, and the adapter's, attached with `withPossibleSecret`; none when the create surely did not happen.
 */

import { inspect } from 'node:util'
import { apply, plan, possibleSecretOf, secret, webhookError, withPossibleSecret } from '@unihook/core'
import { memoryProvider } from '@unihook/core/testing'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'

const desired = (n: number) => ({ url: `https://shop.example.com/${n}`, events: ['thing.created' as const], secret: `caller-secret-${n}` })

describe('a create that may have happened', () => {
  it('is reported with the secret it sent; one refused outright is not', async () => {
    const provider = memoryProvider()
    provider.faults.loseNext(1, { method: 'create', path: 'create' })
    provider.faults.failNext(1, { status: 400 }, { method: 'create', path: 'create' })
    const planned = await plan(provider, [desired(1), desired(2), desired(3)])()
    if (E.isLeft(planned)) throw new Error(planned.left.message)
    const report = await apply(provider, planned.right, { concurrency: 1 })()
    const [lost, refused] = report.failed
    expect(lost?.step.url).toBe('https://shop.example.com/1')
    expect(lost?.secret?.reveal()).toBe('caller-secret-1')
    expect(refused?.step.url).toBe('https://shop.example.com/2')
    expect(refused?.secret).toBeUndefined()
    for (const view of [JSON.stringify(report), inspect(report, { depth: 20, showHidden: true })]) expect(view).not.toContain('caller-secret-1')
  })

  it('carries a secret attached by the adapter, out of every view of the error', () => {
    const error = withPossibleSecret(
      webhookError('NetworkError', { provider: 'memory', operation: 'create' }, 'aborted', { aborted: true }),
      secret('made-by-adapter'),
    )
    expect(possibleSecretOf(error)?.reveal()).toBe('made-by-adapter')
    expect(JSON.stringify(error)).not.toContain('made-by-adapter')
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('made-by-adapter')
    expect(possibleSecretOf({ ...error })).toBeUndefined()
  })
})
