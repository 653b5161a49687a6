import { apply, type CallOptions, type DesiredWebhook, olderFirst, plan, type Webhook, type WebhookProvider } from '@unihook/core'
import { type MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { left, right } from './helpers.js'

type Ev = (typeof MEMORY_EVENTS)[number]
const url = (name: string) => `https://hooks.example.com/${name}`

/** A provider holding: a (created), b (created, "old"), c (created, updated), d (created, not desired). */
async function seeded(options: Parameters<typeof memoryProvider<Ev>>[0] = {}) {
  const provider = memoryProvider<Ev>(options)
  const make = (name: string, events: Ev[], description?: string) =>
    right(provider.create({ url: url(name), events, ...(description === undefined ? {} : { description }) }))
  const a = await make('a', ['thing.created'])
  const b = await make('b', ['thing.created'], 'old')
  const c = await make('c', ['thing.created', 'thing.updated'])
  const d = await make('d', ['thing.deleted'])
  return { provider, a, b, c, d }
}

const desired: DesiredWebhook<Ev>[] = [
  { url: url('a'), events: ['thing.created', 'thing.updated'] },
  { url: url('b'), events: ['thing.created'], description: 'new' },
  { url: url('c'), events: ['thing.updated', 'thing.created'] },
  { url: url('e'), events: ['thing.failed'], description: 'fresh' },
]

const writes = (provider: { calls: readonly { operation: string }[] }) => provider.calls.map((c) => c.operation).filter((op) => op !== 'list' && op !== 'get')

describe('plan', () => {
  it('sorts current webhooks into updates, unchanged and unmanaged, and desired ones into creates', async () => {
    const { provider, a, b, c, d } = await seeded()
    const p = await right(plan(provider, desired))
    expect(p.provider).toBe('memory')
    expect(p.creates.map((x) => x.url)).toEqual([url('e')])
    expect(p.updates.map((u) => [u.current.id, u.changes, u.patch])).toEqual([
      [a.id, ['events'], { url: url('a'), events: ['thing.created', 'thing.updated'] }],
      [b.id, ['description'], { url: url('b'), description: 'new' }],
    ])
    // Event order does not matter.
    expect(p.unchanged.map((w) => w.id)).toEqual([c.id])
    expect(p.unmanaged.map((w) => w.id)).toEqual([d.id])
    expect(p.deletes).toEqual([])
    expect(p.warnings).toEqual([])
    expect('account' in p).toBe(false)
    // Planning only reads.
    expect(writes(provider)).toEqual(['create', 'create', 'create', 'create'])
  })

  it('deletes only with prune', async () => {
    const { provider, d } = await seeded()
    const p = await right(plan(provider, desired, { prune: true }))
    expect(p.deletes.map((w) => w.id)).toEqual([d.id])
    expect(p.unmanaged).toEqual([])
  })

  it('flags a second webhook with a desired URL as a duplicate, and deletes it only with prune or fixDuplicates', async () => {
    const { provider, a } = await seeded()
    const twin = await right(provider.create({ url: url('a'), events: ['thing.created', 'thing.updated'] }))
    // The oldest is kept (created in the same millisecond, the smaller id): every operator keeps the same one.
    const [keep, extra] = [a, twin].sort(olderFirst) as [Webhook, Webhook]
    const kept = await right(plan(provider, desired))
    expect([...kept.updates.map((u) => u.current.id), ...kept.unchanged.map((w) => w.id)]).toContain(keep.id)
    expect(kept.duplicates.map((w) => w.id)).toEqual([extra.id])
    expect(kept.unmanaged.map((w) => w.id)).not.toContain(extra.id)
    expect(kept.deletes).toEqual([])
    const fixed = await right(plan(provider, desired, { fixDuplicates: true }))
    expect(fixed.deletes.map((w) => w.id)).toEqual([extra.id])
    const pruned = await right(plan(provider, desired, { prune: true }))
    expect(pruned.deletes.map((w) => w.id)).toEqual(expect.arrayContaining([extra.id]))
    expect(pruned.deletes.map((w) => w.id)).not.toContain(keep.id)
  })

  it('warns when a URL is declared twice, and the last declaration wins', async () => {
    const provider = memoryProvider<Ev>()
    const p = await right(
      plan(provider, [
        { url: url('x'), events: ['thing.created'] },
        { url: url('x'), events: ['thing.failed'] },
      ]),
    )
    expect(p.warnings).toEqual([`${url('x')} is declared more than once; the last declaration wins`])
    expect(p.creates).toEqual([{ url: url('x'), events: ['thing.failed'] }])
  })

  it('plans enabling and disabling', async () => {
    const { provider, a, b } = await seeded()
    await right(provider.update(b.id, { enabled: false }))
    const p = await right(
      plan(provider, [
        { url: url('a'), events: ['thing.created'], enabled: false },
        { url: url('b'), events: ['thing.created'], enabled: true },
        { url: url('c'), events: ['thing.created', 'thing.updated'], enabled: true },
      ]),
    )
    expect(p.updates.map((u) => [u.current.id, u.changes, u.patch])).toEqual([
      [a.id, ['enabled'], { url: url('a'), enabled: false }],
      [b.id, ['enabled'], { url: url('b'), enabled: true }],
    ])
    expect(p.unchanged).toHaveLength(1)
  })

  it('warns instead of planning writes to fields the provider cannot write', async () => {
    const { provider, a, b } = await seeded({
      provider: 'readonly-fields',
      capabilities: { writableFields: { description: false, enabled: false } },
    })
    const p = await right(
      plan(provider, [
        { url: url('a'), events: ['thing.created'], enabled: false },
        { url: url('b'), events: ['thing.created'], description: 'new' },
        { url: url('z'), events: ['thing.created'], enabled: false },
      ]),
    )
    expect(p.updates).toEqual([])
    expect(p.unchanged.map((w) => w.id)).toEqual([a.id, b.id])
    expect(p.warnings).toEqual([
      `readonly-fields cannot enable or disable a webhook through its API; ${url('a')} left as is`,
      `readonly-fields cannot store a description; ignored for ${url('b')}`,
      `readonly-fields cannot disable a webhook through its API; ${url('z')} will be created enabled`,
    ])
  })

  it('carries allowUnknownEvents into the patch and the account into the plan', async () => {
    const { provider, a } = await seeded()
    const p = await right(plan(provider, [{ url: url('a'), events: ['custom.event'], allowUnknownEvents: true }], { account: 'acct_1' }))
    expect(p.account).toBe('acct_1')
    expect(p.updates[0]).toMatchObject({ current: { id: a.id }, patch: { events: ['custom.event'], allowUnknownEvents: true } })
  })

  it("plans a change of a provider's own field alone (Webhook.providerFields), lists compared as sets", async () => {
    const { provider, a } = await seeded()
    // As an adapter reports them: Razorpay's alertEmail (null: none set), Calypso's services.
    const held = { alertEmail: 'ops@example.com', services: ['PAYOUT', 'INVOICE'], note: null }
    const withFields: WebhookProvider<Ev> = {
      ...provider,
      list: (query, opts) => async () => {
        const page = await provider.list(query, opts)()
        return page._tag === 'Left' ? page : { ...page, right: { ...page.right, items: page.right.items.map((w) => ({ ...w, providerFields: held })) } }
      },
    }
    const want = (fields: Record<string, unknown>) => [{ url: url('a'), events: ['thing.created' as const], ...fields }] as DesiredWebhook<Ev>[]
    const drift = await right(plan(withFields, want({ alertEmail: 'alerts@example.com', services: ['INVOICE', 'PAYOUT'] })))
    expect(drift.updates.map((u) => [u.current.id, u.changes, u.patch])).toEqual([[a.id, ['alertEmail'], { url: url('a'), alertEmail: 'alerts@example.com' }]])
    const services = await right(plan(withFields, want({ services: ['INVOICE'] })))
    expect(services.updates.map((u) => u.changes)).toEqual([['services']])
    const set = await right(plan(withFields, want({ note: 'now set' })))
    expect(set.updates.map((u) => u.patch)).toEqual([{ url: url('a'), note: 'now set' }])
    // Left out of the desired webhook, or not reported by the provider: left alone.
    expect((await right(plan(withFields, want({})))).unchanged.map((w) => w.id)).toContain(a.id)
    expect((await right(plan(provider, want({ alertEmail: 'alerts@example.com' })))).updates).toEqual([])
  })

  it('fails when the current webhooks cannot be listed', async () => {
    const { provider } = await seeded()
    provider.faults.failNext(1, { status: 401 }, { method: 'list' })
    const error = await left(plan(provider, desired))
    expect(error).toMatchObject({ _tag: 'AuthError', operation: 'list' })
  })

  it("reads current webhooks at the provider's largest page size", async () => {
    const provider = memoryProvider<Ev>({ capabilities: { pagination: { style: 'cursor', defaultPageSize: 2, maxPageSize: 5 } } })
    for (let i = 0; i < 7; i++) await right(provider.create({ url: url(`q${i}`), events: ['thing.created'] }))
    await right(plan(provider, []))
    const lists = provider.calls.filter((c) => c.operation === 'list')
    expect(lists.map((c) => (c.args[0] as { pageSize?: number }).pageSize)).toEqual([5, 5])
    await right(plan(provider, [], { pageSize: 3 }))
    expect(
      provider.calls
        .filter((c) => c.operation === 'list')
        .slice(2)
        .map((c) => (c.args[0] as { pageSize?: number }).pageSize),
    ).toEqual([3, 3, 3])
  })

  it('reads every page of current webhooks', async () => {
    const provider = memoryProvider<Ev>({ capabilities: { pagination: { style: 'cursor', defaultPageSize: 2, maxPageSize: 2 } } })
    for (let i = 0; i < 7; i++) await right(provider.create({ url: url(`p${i}`), events: ['thing.created'] }))
    const p = await right(plan(provider, [{ url: url('p6'), events: ['thing.created'] }]))
    expect(p.unchanged.map((w) => w.url)).toEqual([url('p6')])
    expect(p.unmanaged).toHaveLength(6)
    expect(p.creates).toEqual([])
  })
})

describe('apply', () => {
  it('carries a plan out (updates, then deletes, then creates) and converges', async () => {
    const { provider, a, b, d } = await seeded()
    const p = await right(plan(provider, desired, { prune: true }))
    const before = provider.calls.length
    const report = await apply(provider, p)()
    expect(report.complete).toBe(true)
    expect(report.failed).toEqual([])
    expect(report.succeeded.map((s) => [s.step.kind, s.step.url])).toEqual([
      ['update', url('a')],
      ['update', url('b')],
      ['delete', url('d')],
      ['create', url('e')],
    ])
    // The memory provider has no idempotent create: one listing confirms the create raced with nobody.
    expect(provider.calls.slice(before).map((c) => c.operation)).toEqual(['update', 'update', 'delete', 'create', 'list'])
    expect(report.raced).toBeUndefined()
    expect(report.succeeded[0]!.webhook?.events).toEqual(['thing.created', 'thing.updated'])
    expect(report.succeeded[2]!.webhook).toBeUndefined()

    const state = provider.snapshot()
    expect(state.map((w) => w.url)).toEqual([url('a'), url('b'), url('c'), url('e')])
    expect(state.find((w) => w.id === b.id)?.description).toBe('new')
    expect(state.find((w) => w.id === a.id)?.events).toEqual(['thing.created', 'thing.updated'])
    expect(state.some((w) => w.id === d.id)).toBe(false)

    const again = await right(plan(provider, desired, { prune: true }))
    expect([again.creates, again.updates, again.deletes]).toEqual([[], [], []])
    expect(again.unchanged).toHaveLength(4)
  })

  it('never deletes what was planned without prune', async () => {
    const { provider, d } = await seeded()
    const report = await apply(provider, await right(plan(provider, desired)))()
    expect(report.complete).toBe(true)
    expect(provider.snapshot().some((w) => w.id === d.id)).toBe(true)
    expect(report.succeeded.some((s) => s.step.kind === 'delete')).toBe(false)
  })

  it('reports a failed step in `failed` while the other steps succeed', async () => {
    const { provider } = await seeded()
    const p = await right(plan(provider, [...desired, { url: url('f'), events: ['thing.created'] }]))
    expect(p.creates.map((c) => c.url)).toEqual([url('e'), url('f')])
    provider.faults.failNext(1, { status: 500 }, { method: 'create' })
    const report = await apply(provider, p)()
    expect(report.complete).toBe(false)
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]!.step).toMatchObject({ kind: 'create', url: url('e') })
    expect(report.failed[0]!.error).toMatchObject({ _tag: 'ProviderError', status: 500, operation: 'create' })
    expect(report.succeeded.map((s) => [s.step.kind, s.step.url])).toEqual([
      ['update', url('a')],
      ['update', url('b')],
      ['create', url('f')],
    ])
    const urls = provider.snapshot().map((w) => w.url)
    expect(urls).toContain(url('f'))
    expect(urls).not.toContain(url('e'))
    expect(provider.faults.pending()).toBe(0)
  })

  it('creates a webhook desired disabled, then disables it', async () => {
    const provider = memoryProvider<Ev>()
    const p = await right(plan(provider, [{ url: url('off'), events: ['thing.created'], enabled: false }]))
    const report = await apply(provider, p)()
    expect(report.complete).toBe(true)
    expect(report.succeeded[0]!.webhook?.status).toBe('disabled')
    expect(provider.snapshot()[0]!.status).toBe('disabled')
    // `enabled` is not a create field: the create call does not carry it.
    const created = provider.calls.find((c) => c.operation === 'create')!
    expect(created.args[0]).not.toHaveProperty('enabled')
    const again = await right(plan(provider, [{ url: url('off'), events: ['thing.created'], enabled: false }]))
    expect(again.unchanged).toHaveLength(1)
  })

  it('reports the webhook left behind when disabling a fresh one fails', async () => {
    const provider = memoryProvider<Ev>()
    const p = await right(plan(provider, [{ url: url('off'), events: ['thing.created'], enabled: false }]))
    provider.faults.failNext(1, { status: 503 }, { method: 'update' })
    const report = await apply(provider, p)()
    expect(report.complete).toBe(false)
    expect(report.failed[0]).toMatchObject({ step: { kind: 'create' }, error: { _tag: 'ProviderError', operation: 'update' } })
    expect(report.failed[0]!.webhook?.url).toBe(url('off'))
    expect(provider.snapshot()[0]!.status).toBe('active')
  })

  it("uses the plan's account unless the call names one, and stops when aborted", async () => {
    const { provider } = await seeded()
    const seen: (CallOptions | undefined)[] = []
    const spied: WebhookProvider<Ev> = {
      ...provider,
      create: (input, opts) => (seen.push(opts), provider.create(input, opts)),
      update: (id, patch, opts) => (seen.push(opts), provider.update(id, patch, opts)),
    }
    const p = await right(plan(spied, desired, { account: 'acct_1' }))
    await apply(spied, p)()
    expect(seen.map((o) => o?.account)).toEqual(['acct_1', 'acct_1', 'acct_1'])

    seen.length = 0
    const p2 = await right(plan(spied, [{ url: url('g'), events: ['thing.created'] }], { account: 'acct_1' }))
    await apply(spied, p2, { account: 'acct_2' })()
    expect(seen.map((o) => o?.account)).toEqual(['acct_2'])

    const p3 = await right(plan(spied, [{ url: url('h'), events: ['thing.created'] }]))
    const aborted = await apply(spied, p3, { signal: AbortSignal.abort() })()
    expect(aborted).toEqual({ succeeded: [], failed: [], complete: false })
    expect(provider.snapshot().some((w) => w.url === url('h'))).toBe(false)
  })

  it('runs steps with bounded concurrency, reports progress, and keeps plan order in the report', async () => {
    const provider = memoryProvider<Ev>()
    let running = 0
    let peak = 0
    const slow: WebhookProvider<Ev> = {
      ...provider,
      create: (input, opts) => async () => {
        running++
        peak = Math.max(peak, running)
        await new Promise((r) => setTimeout(r, 5))
        running--
        return provider.create(input, opts)()
      },
    }
    const wanted = Array.from({ length: 10 }, (_, i) => ({ url: url(`c${i}`), events: ['thing.created'] as Ev[] }))
    const p = await right(plan(slow, wanted))
    const progress: [number, number, boolean][] = []
    const report = await apply(slow, p, { concurrency: 3, onProgress: (e) => progress.push([e.done, e.total, e.ok]) })()
    expect(report.complete).toBe(true)
    expect(peak).toBe(3)
    expect(progress.map(([done, total]) => [done, total])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]))
    expect(report.succeeded.map((s) => s.step.url)).toEqual(wanted.map((w) => w.url))
  })

  it('finishes updates and deletes before any create starts', async () => {
    const { provider } = await seeded()
    const p = await right(plan(provider, desired, { prune: true }))
    const before = provider.calls.length
    await apply(provider, p, { concurrency: 8 })()
    const ops = provider.calls.slice(before).map((c) => c.operation)
    expect(ops.indexOf('create')).toBeGreaterThan(ops.lastIndexOf('delete'))
    expect(ops.indexOf('create')).toBeGreaterThan(ops.lastIndexOf('update'))
  })

  it('falls back to the default concurrency for a value that is not a positive number', async () => {
    const provider = memoryProvider<Ev>()
    const p = await right(plan(provider, [{ url: url('n'), events: ['thing.created'] }]))
    const report = await apply(provider, p, { concurrency: Number.NaN })()
    expect(report.complete).toBe(true)
  })
})
