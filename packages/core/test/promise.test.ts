import { isWebhookError, promised, runOrThrow, UnihookError, webhookError } from '@unihook/core'
import { memoryProvider } from '@unihook/core/testing'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'

const notFound = webhookError('NotFound', { provider: 'memory', operation: 'get' }, 'no webhook x', { status: 404, id: 'x' })

describe('runOrThrow', () => {
  it('resolves with the value', async () => {
    await expect(runOrThrow(TE.right(42))).resolves.toBe(42)
  })

  it('rejects with an UnihookError carrying the tagged error', async () => {
    const rejection = await runOrThrow(TE.left(notFound)).catch((e: unknown) => e)
    expect(rejection).toBeInstanceOf(UnihookError)
    expect(rejection).toBeInstanceOf(Error)
    const error = rejection as UnihookError
    expect(error.name).toBe('UnihookError')
    expect(error._tag).toBe('NotFound')
    expect(error.error).toBe(notFound)
    expect(error.message).toBe('NotFound from memory.get, HTTP 404: no webhook x')
    expect(error.stack).toContain('UnihookError')
  })

  it('serialises to JSON with the tagged error inside', () => {
    const json = JSON.parse(JSON.stringify(new UnihookError(notFound))) as { name: string; error: unknown }
    expect(json.name).toBe('UnihookError')
    expect(isWebhookError(json.error)).toBe(true)
  })
})

describe('promised', () => {
  it('turns every TaskEither method of a provider into an async function', async () => {
    const provider = promised(memoryProvider())
    const created = await provider.create({ url: 'https://hooks.example.com/p', events: ['thing.created'] })
    expect(created.url).toBe('https://hooks.example.com/p')
    const fetched = await provider.get(created.id)
    expect(fetched.id).toBe(created.id)
    const page = await provider.list()
    expect(page.items.map((w) => w.id)).toEqual([created.id])
    await expect(provider.delete(created.id)).resolves.toBeUndefined()
  })

  it('rejects with UnihookError (and _tag) on failure', async () => {
    const provider = promised(memoryProvider())
    const rejection = await provider.get('missing').catch((e: unknown) => e)
    expect(rejection).toBeInstanceOf(UnihookError)
    expect(rejection).toMatchObject({ _tag: 'NotFound', error: { _tag: 'NotFound', id: 'missing', status: 404 } })

    const invalid = await provider.create({ url: 'not a url', events: [] }).catch((e: unknown) => e)
    expect(invalid).toMatchObject({ _tag: 'ValidationError', error: { source: 'local' } })
  })

  it('passes other properties and plain methods through, keeping `this`', async () => {
    const base = memoryProvider()
    const provider = promised(base)
    expect(provider.provider).toBe('memory')
    expect(provider.capabilities).toBe(base.capabilities)
    await provider.create({ url: 'https://hooks.example.com/q', events: ['thing.created'] })
    expect(provider.snapshot()).toHaveLength(1)
  })

  it('works on any object of TaskEither methods, with `this` bound to the target', async () => {
    const target = {
      factor: 3,
      times(n: number) {
        return TE.right(n * this.factor)
      },
      fail() {
        return TE.left(notFound)
      },
    }
    const wrapped = promised(target)
    await expect(wrapped.times(5)).resolves.toBe(15)
    await expect(wrapped.fail()).rejects.toBeInstanceOf(UnihookError)
    expect(wrapped.factor).toBe(3)
  })
})
