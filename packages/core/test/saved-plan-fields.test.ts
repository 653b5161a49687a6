/**
 * A saved plan is applied only while what it was made from holds: a provider's own field
 * (`Webhook.providerFields`) changed on the account since is a change of the account, and the plan is
 * refused as stale rather than replanned into steps nobody reviewed.
 */

import { applySavedPlan, type DesiredWebhook, plan, type ProviderFields, savePlan, type WebhookProvider } from '@unihook/core'
import { type MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { describe, expect, it } from 'vitest'
import { right } from './helpers.js'

type Ev = (typeof MEMORY_EVENTS)[number]
const URL_A = 'https://hooks.example.com/a'

/** A memory provider whose webhooks report `held()` as their provider fields, the way Razorpay reports alertEmail. */
function withFields(held: () => ProviderFields) {
  const provider = memoryProvider<Ev>()
  const reporting: WebhookProvider<Ev> = {
    ...provider,
    list: (query, opts) => async () => {
      const page = await provider.list(query, opts)()
      return page._tag === 'Left' ? page : { ...page, right: { ...page.right, items: page.right.items.map((w) => ({ ...w, providerFields: held() })) } }
    },
  }
  return { provider, reporting }
}

describe('a saved plan and the provider fields', () => {
  it("is stale when the account's provider field changed since it was planned", async () => {
    let alertEmail: string | null = 'ops@example.com'
    const { provider, reporting } = withFields(() => ({ alertEmail }))
    await right(provider.create({ url: URL_A, events: ['thing.created'] }))
    const desired = wanting('alerts@example.com')
    const planned = await right(plan(reporting, desired))
    expect(planned.updates.map((u) => u.changes)).toEqual([['alertEmail']])
    const saved = await savePlan(planned, desired, await listed(reporting))

    // Someone else sets the same address meanwhile: the reviewed update is no longer what applying would do.
    alertEmail = 'alerts@example.com'
    const outcome = await applySavedPlan(reporting, saved, desired)
    expect(outcome).toMatchObject({ kind: 'stale', stale: { reason: 'current' } })
    expect(provider.calls.filter((c) => c.operation === 'update')).toEqual([])
  })

  it('still applies when nothing changed', async () => {
    const { provider, reporting } = withFields(() => ({ alertEmail: null }))
    await right(provider.create({ url: URL_A, events: ['thing.created'] }))
    const desired = wanting('alerts@example.com')
    const planned = await right(plan(reporting, desired))
    const saved = await savePlan(planned, desired, await listed(reporting))
    const outcome = await applySavedPlan(reporting, saved, desired)
    expect(outcome).toMatchObject({ kind: 'applied', report: { complete: true } })
    expect(provider.calls.filter((c) => c.operation === 'update').map((c) => c.args[1])).toEqual([{ url: URL_A, alertEmail: 'alerts@example.com' }])
  })
})

/** The desired webhook with Razorpay's kind of provider field, which core's type does not name. */
const wanting = (alertEmail: string) =>
  [{ url: URL_A, events: ['thing.created' as const], ...({ alertEmail } as Record<string, unknown>) }] as DesiredWebhook<Ev>[]

const listed = async (provider: WebhookProvider<Ev>) => (await right(provider.list({}))).items
