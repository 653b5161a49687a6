/**
 * Child companies of a holding company: the fake keeps one store per company, and the adapter acts for
 * a child with the header where the spec declares it and with the child's own key elsewhere.
 */

import { plan, reconcileAccounts } from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { conekta } from '../src/index.js'
import { API_KEY, BASE, left, right, url, useMsw, withFake } from './helpers.js'

useMsw()

const A = '6441b6376b60c3a638da80a1'
const B = '6441b6376b60c3a638da80b2'
const C = '6441b6376b60c3a638da80c3'
const CHILD_KEYS = { [A]: 'key_child_A_PLANTED0001', [B]: 'key_child_B_PLANTED0002', [C]: 'key_child_C_PLANTED0003' }

describe('the fake: one store per child company', () => {
  it('keeps what one child company creates out of the others and out of the holding company', async () => {
    const { fake } = withFake({ childCompanies: [A, B, C] })
    const everywhere = conekta({ apiKey: API_KEY, baseUrl: BASE, childCompanyHeader: 'always' })
    await right(everywhere.create({ url: url(1), events: ['order.paid'] }, { account: A }))
    expect(fake.webhooks(A).map((w) => w.url)).toEqual([url(1)])
    expect(fake.webhooks(B)).toEqual([])
    expect(fake.webhooks()).toEqual([])
    // B and C still need the webhook: a plan for them creates it.
    for (const account of [B, C]) {
      const planned = await plan(everywhere, [{ url: url(1), events: ['order.paid'] }], { account })()
      expect(E.isRight(planned) && planned.right.creates.map((c) => c.url)).toEqual([url(1)])
    }
  })

  it('answers 404 for a child company the holding company does not have', async () => {
    withFake({ childCompanies: [A] })
    const adapter = conekta({ apiKey: API_KEY, baseUrl: BASE })
    expect((await left(adapter.list(undefined, { account: B })))._tag).toBe('NotFound')
  })
})

describe('the adapter: creating for child companies', () => {
  it("sends a child's create, delete and test with the child's own key and no header, and lists with the header", async () => {
    const { fake, adapter } = withFake({ childCompanyKeys: CHILD_KEYS }, { childCompanyKeys: CHILD_KEYS })
    const created = await right(adapter.create({ url: url(1), events: ['order.paid'] }, { account: A }))
    await right(adapter.test(created.id, { account: A }))
    const listed = await right(adapter.list(undefined, { account: A }))
    await right(adapter.delete(created.id, { account: A }))
    expect(listed.items.map((w) => w.id)).toEqual([created.id])
    expect(fake.requests.map((r) => [r.method, r.headers.get('authorization'), r.headers.get('x-child-company-id')])).toEqual([
      ['POST', `Bearer ${CHILD_KEYS[A]}`, null],
      ['POST', `Bearer ${CHILD_KEYS[A]}`, null],
      ['GET', `Bearer ${API_KEY}`, A],
      ['DELETE', `Bearer ${CHILD_KEYS[A]}`, null],
    ])
    expect(created.account).toBe(A)
  })

  it('still refuses a child without its own key where the header is not declared, and never shows a key', async () => {
    const { fake, adapter } = withFake({ childCompanyKeys: { [A]: CHILD_KEYS[A] } }, { childCompanyKeys: { [A]: 'key_child_A_WRONG_PLANTED' } })
    const unsupported = await left(adapter.create({ url: url(1), events: ['order.paid'] }, { account: B }))
    expect(unsupported._tag).toBe('Unsupported')
    expect(unsupported.message).toContain('childCompanyKeys')
    const refused = await left(adapter.create({ url: url(1), events: ['order.paid'] }, { account: A }))
    expect(refused._tag).toBe('AuthError')
    expect(JSON.stringify(refused)).not.toContain('WRONG_PLANTED')
    expect(fake.requests).toHaveLength(1)
  })

  it('reconciles every child company of a holding in one run', async () => {
    const { fake, adapter } = withFake({ childCompanyKeys: CHILD_KEYS }, { childCompanyKeys: CHILD_KEYS })
    const targets = [A, B, C].map((account) => ({ account, desired: [{ url: url(1), events: ['order.paid'] }] }))
    const summary = await reconcileAccounts(adapter, targets)()
    expect(E.isRight(summary) && summary.right.converged).toBe(3)
    for (const child of [A, B, C]) expect(fake.webhooks(child).map((w) => w.url)).toEqual([url(1)])
    expect(fake.webhooks()).toEqual([])
  })
})
