/**
 * Issue #9's adapter defects, per provider, against each fake: a bad baseUrl, lost updates under
 * concurrency, a DELETE whose answer was lost, null and mistyped input, options no request can carry,
 * over-long URLs, forged or foreign cursors, and the Conekta partial-create message.
 */

import { encodeCursor, isWebhookError, type WebhookError, type WebhookProvider } from '@unihook/core'
import { runLeft as left, runRight as right } from '@unihook/core/testing'
import { calypso } from '@unihook/calypso'
import { conekta } from '@unihook/conekta'
import { razorpay } from '@unihook/razorpay'
import { stripe } from '@unihook/stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Built, descriptorNamed, SUBJECTS, type Subject } from './subjects.js'

const PROVIDERS = ['conekta', 'razorpay', 'calypso', 'stripe'] as const

/** A provider at its default API version, built on its fake under msw, with room for many webhooks. */
type Harness = Built & Pick<Subject, 'name' | 'events' | 'url' | 'unknownId'>
async function harness(name: string): Promise<Harness> {
  const subject = SUBJECTS.find((s) => s.label === name) as Subject
  const built = await subject.build({ mount: 'msw', retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2_000, maxWebhooks: 1_000 })
  return { ...built, name: subject.name, events: subject.events, url: subject.url, unknownId: subject.unknownId }
}

const CREDENTIAL_BASE = 'http://user:hunter2pass@exa mple.com'

describe('constructors refuse unusable settings deliberately', () => {
  const factories = {
    conekta: (o: unknown) => conekta(o as never),
    razorpay: (o: unknown) => razorpay(o as never),
    calypso: (o: unknown) => calypso(o as never),
    stripe: (o: unknown) => stripe(o as never),
  }
  // Each factory's options: the sandbox credentials (named as the factory names them) and its first sandbox account.
  const valid = Object.fromEntries(
    PROVIDERS.map((name) => {
      const { sandbox } = descriptorNamed(name)
      return [name, { ...sandbox.credentials, ...(sandbox.accounts[0] === undefined ? {} : { account: sandbox.accounts[0] }) }]
    }),
  ) as Record<(typeof PROVIDERS)[number], Record<string, string>>

  it.each(PROVIDERS)('%s: an unparsable baseUrl, without quoting it', (name) => {
    for (const baseUrl of [CREDENTIAL_BASE, 'not a url', 'ftp://files.example.com']) {
      let thrown: unknown
      try {
        factories[name]({ ...valid[name], baseUrl })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(TypeError)
      expect((thrown as Error).message).toBe(`${name}(): baseUrl must be an absolute http(s) URL`)
    }
  })

  it.each(PROVIDERS)('%s: null or missing options', (name) => {
    for (const options of [null, undefined, 42]) {
      expect(() => factories[name](options)).toThrow(new RegExp(`^${name}\\(\\): expects options`))
    }
  })
})

describe.each(PROVIDERS)('%s adapter defects', (name) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(name)
  })
  afterAll(async () => h.close())
  beforeEach(() => h.faults.clear())

  const create = async (n: number | string, provider: WebhookProvider = h.provider) => right(provider.create({ url: h.url(n), events: [h.events[0]] }))

  describe('a DELETE whose answer was lost', () => {
    it('is a success that says the first attempt deleted it', async () => {
      const webhook = await create('lost-delete')
      h.faults.loseNext(1, { method: 'DELETE' })
      const before = h.fake.sent.length
      const outcome = await right(h.provider.delete(webhook.id))
      expect(outcome).toMatchObject({ alreadyDeleted: true, id: webhook.id, note: expect.stringContaining('deleted it') })
      expect(h.fake.sent.length - before).toBe(2)
      expect(h.store().map((w) => w.id)).not.toContain(webhook.id)
    })

    it('while deleting what never existed stays NotFound', async () => {
      expect(await left(h.provider.delete(h.unknownId))).toMatchObject({ _tag: 'NotFound' })
    })
  })

  describe('null and mistyped input is a Left, and nothing is sent', () => {
    const calls: [string, (p: WebhookProvider) => () => Promise<{ readonly _tag: 'Left' | 'Right' }>][] = [
      ['create(null)', (p) => p.create(null as never)],
      ['create({ url: 5 })', (p) => p.create({ url: 5, events: 'x' } as never)],
      ['get(null)', (p) => p.get(null as never)],
      ['list(null) then a cursor of 42', (p) => p.list({ cursor: 42 } as never)],
      ['list("x")', (p) => p.list('x' as never)],
      ['update(id, null)', (p) => p.update(h.unknownId, null as never)],
      ['update(id, undefined)', (p) => p.update(h.unknownId, undefined as never)],
      ['update(id, 7)', (p) => p.update(h.unknownId, 7 as never)],
      ['delete(undefined)', (p) => p.delete(undefined as never)],
      ['test({})', (p) => p.test({} as never)],
      ['rotateSecret(null)', (p) => p.rotateSecret(null as never)],
      ['get with { account: 42 }', (p) => p.get(h.unknownId, { account: 42 } as never)],
      ['list with { signal: "x" }', (p) => p.list({}, { signal: 'x' } as never)],
      ['get with { timeoutMs: "soon" }', (p) => p.get(h.unknownId, { timeoutMs: 'soon' } as never)],
    ]
    it.each(calls)('%s', async (_label, call) => {
      const before = h.fake.sent.length
      const result = await call(h.provider)()
      expect(result._tag).toBe('Left')
      const error = (result as unknown as { left: WebhookError }).left
      expect(isWebhookError(error)).toBe(true)
      expect(['ValidationError', 'Unsupported']).toContain(error._tag)
      expect(h.fake.sent.length).toBe(before)
    })

    it('list(null) is the first page', async () => {
      await create('list-null')
      expect((await right(h.provider.list(null as never))).items.length).toBeGreaterThan(0)
    })
  })

  it('refuses a megabyte URL before sending it', async () => {
    const before = h.fake.sent.length
    const error = await left(h.provider.create({ url: `https://hooks.example.com/${'a'.repeat(1_000_000)}`, events: [h.events[0]] }))
    expect(error).toMatchObject({
      _tag: 'ValidationError',
      source: 'local',
      issues: [{ path: 'url', message: expect.stringMatching(/^must be at most \d+ characters/) }],
    })
    expect(h.fake.sent.length).toBe(before)
  })

  it('refuses forged cursors before sending anything', async () => {
    const before = h.fake.sent.length
    const forged = [
      encodeCursor({ next: '../../webhook_keys' }),
      encodeCursor({ next: '../../webhook_keys', by: 'conekta' }),
      encodeCursor({ skip: 1e20 }),
      encodeCursor({ skip: 1e20, by: 'razorpay', for: descriptorNamed('razorpay').sandbox.accounts[0]! }),
      'x'.repeat(10_000),
    ]
    for (const cursor of forged) expect(await left(h.provider.list({ cursor }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'cursor' }] })
    expect(h.fake.sent.length).toBe(before)
  })

  it('refuses a header value no request can carry as a local ValidationError, never a NetworkError', async () => {
    const before = h.fake.sent.length
    const error = await left(h.adapter({ headers: { 'x-note': 'Compañía 東京' } }).create({ url: h.url('header'), events: [h.events[0]] }))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local' })
    expect(error.message).not.toContain('looking it up')
    expect(h.fake.sent.length).toBe(before)
  })

  it('refuses a signal that is not an AbortSignal on create without claiming a look-up', async () => {
    const error = await left(h.provider.create({ url: h.url('signal'), events: [h.events[0]] }, { signal: {} as AbortSignal }))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'signal' }] })
    expect(error.message).not.toContain('looking it up failed too')
  })
})

describe.each(['conekta', 'razorpay'] as const)('%s: concurrent read-modify-write of one webhook through one adapter', (name) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(name)
  })
  afterAll(async () => h.close())
  beforeEach(() => h.faults.clear())

  // Conekta reads before it writes only on 2.1.0, whose update requires the URL.
  const adapter = () => (name === 'conekta' ? h.adapter({ apiVersion: '2.1.0' }) : h.provider)

  it('declares the operations that read before they write', () => {
    expect(adapter().capabilities.concurrency.readModifyWrite).toContain('update')
  })

  it('keeps both changes of two concurrent updates', async () => {
    const provider = adapter()
    for (let round = 0; round < 3; round++) {
      const webhook = await right(provider.create({ url: h.url(`race-${round}`), events: [h.events[0]] }))
      // Writes are slow, so both updates would read the old state before either write lands if they were not serialised.
      h.faults.latency(40, { method: name === 'conekta' ? 'PUT' : 'PATCH' })
      const newUrl = h.url(`race-${round}-moved`)
      const [a, b] = await Promise.all([provider.update(webhook.id, { events: [h.events[1]] })(), provider.update(webhook.id, { url: newUrl })()])
      h.faults.clear()
      expect(a._tag).toBe('Right')
      expect(b._tag).toBe('Right')
      const now = await right(provider.get(webhook.id))
      expect(now.url).toBe(newUrl)
      expect([...now.events]).toEqual([h.events[1]])
    }
  })

  if (name === 'razorpay') {
    it('does not let a rotation racing an update revert it', async () => {
      const webhook = await right(h.provider.create({ url: h.url('rotate-race'), events: [h.events[0]] }))
      h.faults.latency(40, { method: 'PATCH' })
      const [rotated, updated] = await Promise.all([h.provider.rotateSecret(webhook.id)(), h.provider.update(webhook.id, { events: [h.events[1]] })()])
      h.faults.clear()
      expect(rotated._tag).toBe('Right')
      expect(updated._tag).toBe('Right')
      expect([...(await right(h.provider.get(webhook.id))).events]).toEqual([h.events[1]])
    })

    it('refuses a cursor issued for another account', async () => {
      for (let i = 0; i < 3; i++) await right(h.provider.create({ url: h.url(`page-${i}`), events: [h.events[0]] }))
      const page = await right(h.provider.list({ pageSize: 1 }))
      expect(page.nextCursor).toBeDefined()
      const other = await left(h.provider.list({ cursor: page.nextCursor }, { account: 'acc_OtherAccount01' }))
      expect(other).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'cursor', message: expect.stringContaining('another account') }] })
    })
  }
})

describe('conekta specifics', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness('conekta')
  })
  afterAll(async () => h.close())
  beforeEach(() => h.faults.clear())

  it('refuses a child company id with non-Latin-1 characters as account, before any request', async () => {
    const before = h.fake.sent.length
    for (const account of ['Compañía東京', 'a\nb', 42]) {
      expect(await left(h.provider.list({}, { account } as never))).toMatchObject({ _tag: 'ValidationError', source: 'local', issues: [{ path: 'account' }] })
    }
    expect(h.fake.sent.length).toBe(before)
  })

  it('refuses a cursor issued for another child company', async () => {
    const cursor = encodeCursor({ next: '0123456789abcdef01234567', by: 'conekta', for: 'child_a' })
    expect(await left(h.provider.list({ cursor }))).toMatchObject({ issues: [{ path: 'cursor', message: expect.stringContaining('another account') }] })
  })

  it('does not claim the default events when the answer to setting the events was lost', async () => {
    const adapter = h.adapter({ apiVersion: '2.1.0' })
    h.faults.loseNext(3, { method: 'PUT' })
    const error = await left(adapter.create({ url: h.url('partial-lost'), events: [h.events[0], h.events[1]] }))
    expect(error._tag).toBe('NetworkError')
    expect(error.message).toContain('whether its events were set is unknown')
    expect(error.message).not.toMatch(/subscribed to \d+ events/)
  })

  it('still states the events when the follow-up was refused outright', async () => {
    const adapter = h.adapter({ apiVersion: '2.1.0' })
    h.faults.failNext(1, { status: 422, body: { type: 'parameter_validation_error', details: [{ message: 'no' }] } }, { method: 'PUT' })
    const error = await left(adapter.create({ url: h.url('partial-refused'), events: [h.events[0], h.events[1]] }))
    expect(error.message).toMatch(/subscribed to \d+ events/)
  })
})
