/**
 * The provider contract suite: the same behavioural checks for every adapter, with its fake, in each
 * mode the subject lists. A new adapter, in this repository or another, is done when it passes.
 */

import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../capabilities.js'
import { isWebhookError, type WebhookError } from '../../errors.js'
import type { CallOptions } from '../../model.js'
import { listAll } from '../../pagination.js'
import type { WebhookProvider } from '../../provider.js'
import { runLeft, runRight } from '../either.js'
import type { ContractHarness, ContractSubject, Mode } from './subject.js'

const right = runRight

/** The error of a failed task, which must belong to the closed vocabulary. */
async function left<A>(task: TaskEither<WebhookError, A>): Promise<WebhookError> {
  const error = await runLeft(task)
  expect(isWebhookError(error)).toBe(true)
  return error
}

/** Every way an object can end up in a log. */
const renderings = (value: unknown) => [JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: false }), String(value)]

/**
 * Declares the contract suite for one adapter in the calling vitest file: one `describe` per mode the
 * subject lists, each test on a fresh harness from `subject.setup(mode)`.
 */
export function runContractSuite<E extends string>(subject: ContractSubject<E>): void {
  for (const mode of subject.modes) describeMode(subject, mode)
}

function describeMode<E extends string>(subject: ContractSubject<E>, mode: Mode): void {
  describe(`${subject.name} contract (${mode})`, () => {
    let h: ContractHarness<E>
    let p: WebhookProvider<E>
    beforeEach(async () => {
      h = await subject.setup(mode)
      p = h.provider
    })
    afterEach(async () => {
      h.faults.clear()
      await h.close()
    })

    const [first, second] = subject.events
    const create = (n: number, events: readonly E[] = [first], opts?: CallOptions) => right(p.create({ url: subject.url(n), events }, opts))
    const caps = () => p.capabilities

    it('declares the v1 spec and a complete capability table', () => {
      expect(p.specificationVersion).toBe('v1')
      expect(p.provider).toBe(subject.name)
      for (const op of OPERATIONS) expect(['native', 'emulated', 'absent']).toContain(caps().operations[op])
      expect(p.events.length).toBeGreaterThan(1)
      for (const e of subject.events) expect(p.events).toContain(e)
    })

    it('round-trips create, get, list, update and delete', async () => {
      const created = await create(1, [first])
      expect(created.provider).toBe(subject.name)
      expect(created.url).toBe(subject.url(1))
      expect([...created.events].sort()).toEqual([first])

      const fetched = await right(p.get(created.id))
      expect(fetched.id).toBe(created.id)
      expect(fetched.url).toBe(subject.url(1))

      const page = await right(p.list())
      expect(page.items.map((w) => w.id)).toContain(created.id)

      const updated = await right(p.update(created.id, { events: [first, second] }))
      expect([...updated.events].sort()).toEqual([first, second].sort())
      const moved = await right(p.update(created.id, { url: subject.url(2) }))
      expect(moved.url).toBe(subject.url(2))
      expect([...moved.events].sort()).toEqual([first, second].sort())
      expect([...(await right(p.get(created.id))).events].sort()).toEqual([first, second].sort())

      await right(p.delete(created.id))
      const gone = await left(p.get(created.id))
      expect(gone._tag).toBe('NotFound')
      const after = await right(p.list())
      expect(after.items.map((w) => w.id)).not.toContain(created.id)
    })

    it('lists more webhooks than one page, each exactly once', async () => {
      const max = caps().maxWebhooks ?? 7
      const total = Math.min(max, 7)
      const ids: string[] = []
      for (let i = 0; i < total; i++) ids.push((await create(100 + i)).id)
      const paged = caps().pagination.style !== 'none'
      const all = await right(listAll(p, { maxItems: Infinity, ...(paged ? { pageSize: 2 } : {}) }))
      const seen = all.map((w) => w.id)
      expect(new Set(seen).size).toBe(seen.length)
      expect([...seen].sort()).toEqual([...ids].sort())
      if (paged) {
        const firstPage = await right(p.list({ pageSize: 2 }))
        expect(firstPage.items).toHaveLength(2)
        expect(firstPage.nextCursor).toBeTypeOf('string')
        const capped = await right(listAll(p, { maxItems: 3, pageSize: 2 }))
        expect(capped).toHaveLength(3)
      } else {
        expect((await right(p.list())).nextCursor).toBeUndefined()
      }
    })

    it('refuses bad credentials with AuthError', async () => {
      const error = await left(h.withBadCredentials.list())
      expect(error._tag).toBe('AuthError')
      expect(error.retryable).toBe(false)
      expect(error.provider).toBe(subject.name)
      expect(error.operation).toBe('list')
    })

    it('answers an unknown id with NotFound', async () => {
      const error = await left(p.get(subject.unknownId))
      expect(error._tag).toBe('NotFound')
      const deleted = await left(p.delete(subject.unknownId))
      expect(deleted._tag).toBe('NotFound')
    })

    it('rejects invalid input locally, before any request', async () => {
      const before = h.requestCount()
      const cases: TaskEither<WebhookError, unknown>[] = [
        p.create({ url: 'not a url', events: [first] }),
        p.create({ url: 'ftp://example.com/hook', events: [first] }),
        p.create({ url: subject.url(3), events: ['no.such_event' as E] }),
        p.create({ url: subject.url(3), events: [] }),
        p.update('whatever-id', { events: ['no.such_event' as E] }),
        p.list({ pageSize: 0 }),
      ]
      for (const task of cases) {
        const error = await left(task)
        expect(error._tag).toBe('ValidationError')
        if (error._tag === 'ValidationError') {
          expect(error.source).toBe('local')
          expect(error.issues.length).toBeGreaterThan(0)
          expect(error.issues[0]?.message).toBeTruthy()
        }
      }
      const max = caps().pagination.maxPageSize
      if (max !== undefined) expect((await left(p.list({ pageSize: max + 1 })))._tag).toBe('ValidationError')
      expect(h.requestCount()).toBe(before)
    })

    it('refuses a patch field of the wrong type locally, before any request', async () => {
      const webhook = await create(15)
      const before = h.requestCount()
      for (const patch of [{ enabled: 'yes' }, { description: 42 }]) {
        const error = await left(p.update(webhook.id, patch as never))
        // A provider that cannot write the field at all may say so instead.
        expect(['ValidationError', 'Unsupported']).toContain(error._tag)
        if (error._tag === 'ValidationError') expect(error.source).toBe('local')
      }
      expect(h.requestCount()).toBe(before)
    })

    it('accepts unknown event names only when the caller allows them', async () => {
      const before = h.requestCount()
      expect((await left(p.create({ url: subject.url(4), events: ['custom.event' as E] })))._tag).toBe('ValidationError')
      expect(h.requestCount()).toBe(before)
      const result = await p.create({ url: subject.url(4), events: ['custom.event' as E], allowUnknownEvents: true })()
      // The provider may still refuse the name; what matters is that the request was sent.
      expect(h.requestCount()).toBeGreaterThan(before)
      if (E.isLeft(result)) expect(result.left._tag).not.toBe('Unsupported')
    })

    it('reports Conflict when the webhook limit is reached', async () => {
      const max = caps().maxWebhooks
      if (max === undefined) return
      for (let i = 0; i < max; i++) await create(200 + i)
      const error = await left(p.create({ url: subject.url(300), events: [first] }))
      expect(error._tag).toBe('Conflict')
      if (error._tag === 'Conflict') expect(error.reason).toBe('limit')
    })

    it('reports RateLimited with retryAfterMs when Retry-After exceeds the cap', async () => {
      h.faults.failNext(1, { status: 429, retryAfter: 1000 })
      const before = h.requestCount()
      const error = await left(p.list())
      expect(error._tag).toBe('RateLimited')
      expect(error.status).toBe(429)
      expect(error.retryable).toBe(true)
      if (error._tag === 'RateLimited') expect(error.retryAfterMs).toBe(1_000_000)
      expect(h.requestCount() - before).toBe(1)
    })

    it('waits out a short Retry-After and succeeds', async () => {
      if (mode === 'memory') return
      h.faults.failNext(1, { status: 429, retryAfter: 0.05 })
      const before = h.requestCount()
      const started = Date.now()
      await right(p.list())
      expect(Date.now() - started).toBeGreaterThanOrEqual(45)
      expect(h.requestCount() - before).toBe(2)
    })

    it('retries server errors on reads, then surfaces ProviderError', async () => {
      if (mode === 'memory') {
        h.faults.failNext(1, { status: 503 })
        const error = await left(p.list())
        expect(error._tag).toBe('ProviderError')
        return
      }
      h.faults.failNext(1, { status: 503 })
      let before = h.requestCount()
      await right(p.list())
      expect(h.requestCount() - before).toBe(2)

      h.faults.failNext(10, { status: 500 })
      before = h.requestCount()
      const error = await left(p.list())
      h.faults.clear()
      expect(error._tag).toBe('ProviderError')
      expect(error.status).toBe(500)
      expect(error.retryable).toBe(true)
      expect(h.requestCount() - before).toBeGreaterThan(1)
    })

    it('never creates a webhook twice when a create fails with a server error', async () => {
      if (mode === 'memory') return
      h.faults.failNext(1, { status: 503 })
      const before = h.requestCount()
      const result = await p.create({ url: subject.url(5), events: [first] })()
      const createRequests = h.requestCount() - before
      const all = await right(listAll(p, { maxItems: Infinity }))
      const sameUrl = all.filter((w) => w.url === subject.url(5))
      if (subject.createRetry === 'never-retried') {
        expect(E.isLeft(result) && result.left._tag).toBe('ProviderError')
        expect(createRequests).toBe(1)
        expect(sameUrl).toHaveLength(0)
      } else {
        expect(E.isRight(result)).toBe(true)
        expect(createRequests).toBeGreaterThan(1)
        expect(sameUrl).toHaveLength(1)
      }
    })

    it('answers Unsupported for absent operations, without a request', async () => {
      const before = h.requestCount()
      const calls: Record<string, () => Promise<E.Either<WebhookError, unknown>>> = {
        test: p.test(subject.unknownId),
        rotateSecret: p.rotateSecret(subject.unknownId),
      }
      for (const op of OPERATIONS) {
        if (caps().operations[op] !== 'absent') continue
        const task = calls[op]
        if (!task) throw new Error(`the suite cannot call ${op} without a webhook: declare it present`)
        const result = await task()
        expect(E.isLeft(result) && result.left._tag).toBe('Unsupported')
      }
      expect(h.requestCount()).toBe(before)
    })

    it('performs every operation its capability table declares present', async () => {
      const webhook = await create(6)
      if (caps().operations.test !== 'absent') await right(p.test(webhook.id))
      if (caps().operations.rotateSecret !== 'absent') {
        const rotation = await right(p.rotateSecret(webhook.id))
        expect(rotation.scope).toBe(caps().secret.rotation)
      }
      expect(caps().operations.create).not.toBe('absent')
      expect(caps().operations.list).not.toBe('absent')
    })

    it('honours the writable fields its table declares, and never drops the others silently', async () => {
      const webhook = await create(14)
      const disabled = await p.update(webhook.id, { enabled: false })()
      if (caps().writableFields.enabled) {
        expect(E.isRight(disabled) && disabled.right.status).toBe('disabled')
        expect((await right(p.get(webhook.id))).status).toBe('disabled')
        expect((await right(p.update(webhook.id, { enabled: true }))).status).not.toBe('disabled')
      } else if (E.isRight(disabled)) {
        expect(disabled.right.warnings?.length ?? 0).toBeGreaterThan(0)
      } else {
        expect(['Unsupported', 'ValidationError']).toContain(disabled.left._tag)
      }
      const described = await p.update(webhook.id, { description: 'billing events' })()
      if (caps().writableFields.description) {
        expect(E.isRight(described) && described.right.description).toBe('billing events')
      } else if (E.isRight(described)) {
        expect(described.right.warnings?.length ?? 0).toBeGreaterThan(0)
      } else {
        expect(['Unsupported', 'ValidationError']).toContain(described.left._tag)
      }
    })

    it('refuses the list filters it does not support, before any request', async () => {
      const filters = { url: { url: subject.url(7) }, createdAfter: { createdAfter: new Date(0) }, createdBefore: { createdBefore: new Date() } }
      for (const [name, query] of Object.entries(filters)) {
        const before = h.requestCount()
        const result = await p.list(query)()
        if ((caps().listFilters as readonly string[]).includes(name)) expect(E.isRight(result)).toBe(true)
        else {
          expect(E.isLeft(result) && result.left._tag).toBe('Unsupported')
          expect(h.requestCount()).toBe(before)
        }
      }
    })

    it('applies the url filter where it supports one', async () => {
      if (!caps().listFilters.includes('url')) return
      await create(8)
      const target = await create(9)
      const page = await right(p.list({ url: subject.url(9) }))
      expect(page.items.map((w) => w.id)).toEqual([target.id])
    })

    it('never shows a secret in errors, webhooks or serialized objects', async () => {
      const collected: unknown[] = [p, h.withBadCredentials]
      collected.push(await left(h.withBadCredentials.list()))
      collected.push(await left(h.withBadCredentials.create({ url: subject.url(10), events: [first] })))
      const webhook = await create(11)
      collected.push(webhook, await right(p.list()), await left(p.get(subject.unknownId)))
      if (caps().operations.rotateSecret !== 'absent') collected.push(await right(p.rotateSecret(webhook.id)))
      h.faults.failNext(1, { status: 400, body: { error: 'bad' } })
      collected.push(await left(p.create({ url: subject.url(12), events: [first] })))
      for (const value of collected) {
        for (const text of renderings(value)) {
          for (const s of subject.secrets) expect(text).not.toContain(s)
        }
      }
    })

    it('keeps URL credentials out of serialized webhooks', async () => {
      const url = subject.url(13).replace('://', '://user:hunter2-password@')
      const result = await p.create({ url, events: [first] })()
      if (E.isLeft(result)) return // a provider may refuse credentials in URLs; then nothing is stored
      for (const text of renderings(result.right).slice(0, 2)) expect(text).not.toContain('hunter2-password')
      expect(result.right.url).toBe(url)
    })

    it('signs each attempt anew when the provider signs requests', async () => {
      if (!subject.requestSignature || !h.requests) return
      // A Retry-After makes the attempts at least 20 ms apart, so a millisecond timestamp must differ.
      h.faults.failNext(1, { status: 503, retryAfter: 0.02 })
      const before = h.requests().length
      await right(p.list())
      const attempts = h.requests().slice(before)
      expect(attempts).toHaveLength(2)
      for (const attempt of attempts) expect(subject.requestSignature(attempt)).toBe(true)
      // A fresh timestamp changes the signed bytes (body or headers), so the two attempts must differ.
      const signed = attempts.map((a) => JSON.stringify([a.body, [...a.headers.entries()].sort()]))
      expect(signed[0]).not.toBe(signed[1])
    })
  })
}
