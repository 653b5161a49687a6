/**
 * Plans and apply reports keep desired secrets and URL credentials out of every rendering, and bad
 * input to plan, apply and listAll is a Left (or a refused report), never a throw.
 */

import { apply, type DesiredWebhook, listAll, plan, promised, secret } from '@unihook/core'
import { type MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { left, renderings, right } from './helpers.js'

type Ev = (typeof MEMORY_EVENTS)[number]
const PASSWORD = 'hunter2pass-9f8e'
const SECRET = 'whsec_planted_5be1c0ffee42'
const credentialUrl = (name: string) => `https://admin:${PASSWORD}@hooks.example.com/${name}`

const everyRendering = (value: unknown) => {
  const out = renderings(value)
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) out.push(...renderings(v))
  }
  return out
}

const expectHidden = (texts: readonly string[]) => {
  for (const text of texts) {
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(SECRET)
  }
}

describe('plan and apply results hide secrets', () => {
  const desired: DesiredWebhook<Ev>[] = [
    { url: credentialUrl('new'), events: ['thing.created'], secret: SECRET },
    { url: credentialUrl('sealed'), events: ['thing.created'], secret: secret(SECRET) },
    { url: credentialUrl('old'), events: ['thing.updated'] },
    { url: credentialUrl('old'), events: ['thing.created'], description: 'twice' },
  ]

  it('in the plan, its creates, updates and warnings, while apply still gets the real values', async () => {
    const provider = memoryProvider<Ev>({ capabilities: { writableFields: { description: false, enabled: true } } })
    await right(provider.create({ url: credentialUrl('old'), events: ['thing.updated'] }))
    const planned = await right(plan(provider, desired))
    expect(planned.creates.map((c) => c.url)).toEqual([credentialUrl('new'), credentialUrl('sealed')])
    expect(planned.creates[0]!.secret).toBe(SECRET)
    expect(planned.updates).toHaveLength(1)
    expect(planned.warnings.length).toBeGreaterThan(0)
    expectHidden([...everyRendering(planned), ...planned.creates.flatMap(everyRendering), ...planned.updates.flatMap(everyRendering), ...planned.warnings])
    expect(JSON.stringify(planned)).toContain('https://***@hooks.example.com/new')
    // The caller's own objects are left as they were.
    expect(Object.getOwnPropertyNames(desired[0])).not.toContain('toJSON')

    const report = await apply(provider, planned)()
    expect(report.complete).toBe(true)
    expect(report.succeeded.map((s) => s.step.url)).toContain(credentialUrl('new'))
    expectHidden([...everyRendering(report), ...report.succeeded.flatMap(everyRendering), ...report.succeeded.flatMap((s) => everyRendering(s.step))])
  })

  it('in the failed steps of a report', async () => {
    const provider = memoryProvider<Ev>()
    const planned = await right(plan(provider, desired.slice(0, 2)))
    provider.faults.failNext(2, { status: 500 }, { method: 'create' })
    const report = await apply(provider, planned)()
    expect(report.failed).toHaveLength(2)
    expect(report.failed[0]!.step.kind === 'create' && report.failed[0]!.step.desired.secret).toBe(SECRET)
    expectHidden([...everyRendering(report), ...report.failed.flatMap(everyRendering), ...report.failed.flatMap((f) => everyRendering(f.step))])
  })
})

describe('bad input to plan, apply and listAll', () => {
  const provider = memoryProvider<Ev>()

  it.each([
    ['null desired', null, 'desired'],
    ['a desired entry that is null', [null], 'desired[0]'],
    ['a desired entry without url', [{ events: ['thing.created'] }], 'desired[0].url'],
    ['events that are not an array', [{ url: 'https://a.example.com', events: 5 }], 'desired[0].events'],
  ])('plan refuses %s with a local ValidationError and reads nothing', async (_name, given, path) => {
    const before = provider.calls.length
    const error = await left(plan(provider, given as unknown as DesiredWebhook<Ev>[]))
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', provider: 'memory', operation: 'plan' })
    expect((error as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path)
    expect(provider.calls.length).toBe(before)
  })

  it('plan refuses a provider that is not one', async () => {
    expect(await left(plan(null as never, []))).toMatchObject({ _tag: 'ValidationError', provider: 'unknown', issues: [{ path: 'provider' }] })
  })

  it.each([-1, Number.NaN, '10'])('plan and listAll refuse maxItems %s with a Left', async (maxItems) => {
    expect(await left(plan(provider, [], { maxItems: maxItems as number }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'maxItems' }] })
    expect(await left(listAll(provider, { maxItems: maxItems as number }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'maxItems' }] })
  })

  it.each([
    ['null', null],
    ['an object without steps', {}],
  ])('apply of %s attempts nothing and says why in `refused`', async (_name, planned) => {
    const before = provider.calls.length
    const report = await apply(provider, planned as never)()
    expect(report).toMatchObject({ succeeded: [], failed: [], complete: false, refused: { _tag: 'ValidationError', operation: 'apply' } })
    expect(provider.calls.length).toBe(before)
  })

  it('plan and apply take null options as none', async () => {
    const planned = await right(plan(provider, [], null as never))
    expect((await apply(provider, planned, null as never)()).complete).toBe(true)
  })

  it('promised(null) is a deliberate TypeError', () => {
    expect(() => promised(null as never)).toThrow(new TypeError('promised(): expects an adapter or another object of TaskEither-returning methods'))
    expect(() => promised(undefined as never)).toThrow(TypeError)
  })
})
