/**
 * Typed handlers on the receiver: the answer each delivery gets, the seen-store's two phases around the
 * handler, and the adapters (standard Request/Response, Node's http over loopback, Express's `req.body`).
 * Deliveries are real and signed; the store is the in-memory default or a store that fails on purpose.
 */

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { calypsoVerifier } from '@unihook/calypso/verify'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { conektaVerifier } from '@unihook/conekta/verify'
import { uncatalogued } from '@unihook/core'
import { createHandlers, createReceiver, type HandlersOptions, memorySeenStore, nodeHandler, right, left, type SeenStore, seenKey } from '@unihook/core/verify'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { type RazorpayPayment, razorpayVerifier } from '@unihook/razorpay/verify'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'

const SECRET = 'whsec_handlers_razorpay'
const CALYPSO = { publicKey: 'pk_handlers', secretKey: 'sk_handlers_0123456789' }
const conektaKeys = generateConektaKeyPair()

const receiver = createReceiver([
  razorpayVerifier({ secrets: SECRET }),
  conektaVerifier({ publicKeys: conektaKeys.publicKey }),
  calypsoVerifier({ secrets: { [CALYPSO.publicKey]: CALYPSO.secretKey } }),
])

const captured = (eventId?: string, account = 'acc_1') =>
  signRazorpayDelivery({
    payload: razorpayEvent({ event: 'payment.captured', account, payload: { payment: { entity: { id: 'pay_1', entity: 'payment', amount: 4900 } } } }),
    secret: SECRET,
    ...(eventId ? { eventId } : {}),
  })

const setup = (options: HandlersOptions<'razorpay' | 'conekta' | 'calypso'> = {}) => {
  const seen: string[] = []
  const handlers = createHandlers(receiver, options).on('razorpay', 'payment.captured', (event) => {
    seen.push(event.id)
  })
  return { handlers, seen }
}

describe('createHandlers: the answer to give the provider', () => {
  it('handles a delivery once (200), then answers its redeliveries 200 without handling them again', async () => {
    const { handlers, seen } = setup()
    const delivery = captured('evt_once')
    const first = await handlers.handleRaw(delivery.body, delivery.headers)
    expect(first).toMatchObject({ status: 200, outcome: 'handled', provider: 'razorpay', id: 'evt_once', type: 'payment.captured', completed: true })
    for (let i = 0; i < 3; i++) expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 200, outcome: 'duplicate' })
    expect(seen).toEqual(['evt_once'])
  })

  it('answers 200 for an event type with no handler, touching no store', async () => {
    const store: SeenStore = { claim: vi.fn(), complete: vi.fn(), release: vi.fn() }
    const { handlers } = setup({ store })
    const refund = signRazorpayDelivery({ payload: razorpayEvent({ event: 'refund.created' }), secret: SECRET })
    expect(await handlers.handleRaw(refund.body, refund.headers)).toMatchObject({ status: 200, outcome: 'unhandled', type: 'refund.created' })
    expect(store.claim).not.toHaveBeenCalled()
  })

  it('answers 400 with the reason for a delivery that does not verify, and handles nothing', async () => {
    const { handlers, seen } = setup()
    const delivery = captured()
    const forged = await handlers.handleRaw(delivery.body.replace('4900', '1'), delivery.headers)
    expect(forged).toMatchObject({ status: 400, outcome: 'invalid', body: 'signature_mismatch' })
    expect(forged.verification?.reason).toBe('signature_mismatch')
    expect(JSON.stringify(forged)).not.toContain(delivery.headers['x-razorpay-signature'])
    expect(await handlers.handleRaw(delivery.body, {})).toMatchObject({ status: 400, body: 'missing_header' })
    expect(seen).toEqual([])
  })

  it('answers 500 when the handler fails, releases the claim, and handles the redelivery once', async () => {
    let calls = 0
    const onError = vi.fn()
    const handlers = createHandlers(receiver, { onError }).on('razorpay', 'payment.captured', () => {
      calls++
      if (calls === 1) throw new Error('database down')
    })
    const delivery = captured('evt_retry')
    expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 500, outcome: 'handler_failed' })
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'handler_failed', step: 'handler', id: 'evt_retry' }))
    expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 200, outcome: 'handled' })
    expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 200, outcome: 'duplicate' })
    expect(calls).toBe(2)
  })

  it('counts a Left (a TaskEither handler) and a rejection as failures, a Right as success', async () => {
    const results = [Promise.reject(new Error('no')), left('no'), right('yes')]
    const handlers = createHandlers(receiver).on('razorpay', 'payment.captured', () => results.shift())
    const delivery = captured('evt_either')
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await handlers.handleRaw(delivery.body, delivery.headers)).status)
    expect(statuses).toEqual([500, 500, 200, 200])
  })

  it('answers 409 while another delivery of the same event is being handled, with Retry-After', async () => {
    let finish: () => void = () => {}
    const handlers = createHandlers(receiver, { leaseMs: 10_000 }).on('razorpay', 'payment.captured', () => new Promise<void>((resolve) => (finish = resolve)))
    const delivery = captured('evt_slow')
    const first = handlers.handleRaw(delivery.body, delivery.headers)
    await vi.waitFor(() => expect(finish).not.toBe(undefined))
    const second = await handlers.handleRaw(delivery.body, delivery.headers)
    expect(second).toMatchObject({ status: 409, outcome: 'in_flight' })
    expect(second.headers['retry-after']).toBe('10')
    finish()
    expect(await first).toMatchObject({ status: 200, outcome: 'handled' })
  })

  it('answers 503 when the store cannot be reached, without running the handler', async () => {
    const down: SeenStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.reject(new Error('ECONNREFUSED')),
      release: () => Promise.reject(new Error('ECONNREFUSED')),
    }
    const onError = vi.fn()
    const { handlers, seen } = setup({ store: down, onError })
    const delivery = captured()
    expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 503, outcome: 'store_failed' })
    expect(seen).toEqual([])
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ step: 'claim', outcome: 'store_failed' }))
  })

  it('answers 200 when the handler succeeded but the store failed to record it (the provider must not redeliver a handled event)', async () => {
    const inner = memorySeenStore()
    const store: SeenStore = { ...inner, claim: inner.claim, complete: () => Promise.reject(new Error('gone')), release: inner.release }
    const { handlers, seen } = setup({ store })
    const delivery = captured()
    expect(await handlers.handleRaw(delivery.body, delivery.headers)).toMatchObject({ status: 200, outcome: 'handled', completed: false })
    expect(seen).toHaveLength(1)
  })

  it('keys by provider, account and event id: the same id on two accounts is two events', async () => {
    const claims: string[] = []
    const inner = memorySeenStore()
    const store: SeenStore = { claim: (key, lease) => (claims.push(key), inner.claim(key, lease)), complete: inner.complete, release: inner.release }
    const { handlers, seen } = setup({ store })
    for (const account of ['acc_A', 'acc_B']) {
      const delivery = captured('evt_shared', account)
      await handlers.handleRaw(delivery.body, delivery.headers)
    }
    expect(seen).toEqual(['evt_shared', 'evt_shared'])
    expect(claims).toEqual([seenKey('razorpay', 'acc_A', 'evt_shared'), seenKey('razorpay', 'acc_B', 'evt_shared')])
  })

  it('falls back to the hash of the verified body for a delivery without an event id', async () => {
    const { handlers, seen } = setup()
    const delivery = captured()
    const { 'x-razorpay-event-id': _, ...headers } = delivery.headers
    expect(await handlers.handleRaw(delivery.body, headers)).toMatchObject({ outcome: 'handled' })
    expect(await handlers.handleRaw(Buffer.from(delivery.body), headers)).toMatchObject({ outcome: 'duplicate' })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('dispatches by provider and type across providers, uncatalogued names included', async () => {
    const got: string[] = []
    const handlers = createHandlers(receiver)
      .on('conekta', 'order.paid', (event) => {
        expectTypeOf(event.data.object.amount).toEqualTypeOf<number>()
        got.push(`conekta ${event.data.object.id}`)
      })
      .on('calypso', 'PAYOUT_CHANGE_STATUS', (event) => {
        got.push(`calypso ${event.id} ${String(event.data.payoutStatus)}`)
      })
      .on('razorpay', uncatalogued('payout.processed'), (event) => {
        expectTypeOf(event.type).toMatchTypeOf<'payout.processed'>()
        got.push(`razorpay ${event.type}`)
      })
      .on('razorpay', 'payment.captured', (event) => {
        expectTypeOf(event.data.payment.entity).toEqualTypeOf<RazorpayPayment>()
        // @ts-expect-error: a payment.captured carries no refund entity for sure
        event.data.refund.entity
      })
    const conekta = signedConektaDelivery(
      { id: 'evt_ck_1', type: 'order.paid', data: { object: { id: 'ord_1', object: 'order', amount: 100 } } },
      conektaKeys.privateKey,
    )
    const calypso = signCalypsoDelivery(calypsoDeliveryPayload({ id: 7, eventType: 'PAYOUT_CHANGE_STATUS', data: { payoutStatus: 'COMPLETED' } }), CALYPSO)
    const payout = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payout.processed' }), secret: SECRET })
    for (const d of [conekta, calypso, payout]) expect((await handlers.handleRaw(d.body, d.headers)).status).toBe(200)
    expect(got).toEqual(['conekta ord_1', 'calypso 7 COMPLETED', 'razorpay payout.processed'])
  })

  it('refuses at start-up a provider the receiver does not verify, a second handler for one type, a handler that is not a function, a bad lease', () => {
    const handlers = createHandlers(receiver).on('razorpay', 'payment.captured', () => {})
    // @ts-expect-error: not one of the receiver's providers
    expect(() => handlers.on('stripe', 'charge.succeeded', () => {})).toThrow(/does not verify/)
    // @ts-expect-error: a misspelt event name does not compile
    expect(() => createHandlers(receiver).on('razorpay', 'payment.capturd', () => {})).not.toThrow()
    expect(() => handlers.on('razorpay', 'payment.captured', () => {})).toThrow(/already has a handler/)
    expect(() => handlers.on('razorpay', 'refund.created', 'nope' as never)).toThrow(/not a function/)
    expect(() => createHandlers(receiver, { leaseMs: 0 })).toThrow(TypeError)
    expect(() => createHandlers(receiver, { store: new Map() as never })).toThrow(/store must be a SeenStore/)
    expect(() => createHandlers(receiver, { retentionMs: { razorpay: -1 } })).toThrow(TypeError)
  })
})

describe('createHandlers: adapters', () => {
  it('answers a standard Request with a Response', async () => {
    const { handlers, seen } = setup()
    const delivery = captured('evt_fetch')
    const request = () => new Request('https://shop.example/webhooks', { method: 'POST', body: delivery.body, headers: delivery.headers })
    const response = await handlers.handle(request())
    expect([response.status, await response.text()]).toEqual([200, 'handled'])
    expect((await handlers.handle(request())).status).toBe(200)
    const consumed = request()
    await consumed.text()
    expect((await handlers.handle(consumed)).status).toBe(400)
    expect(seen).toEqual(['evt_fetch'])
  })

  it("serves Node's http on loopback: 200, then 200 for the redelivery, 400 for a forgery, 413 for a body too large", async () => {
    const { handlers, seen } = setup()
    const server = createServer(nodeHandler(handlers, { maxBodyBytes: 64 * 1024 }))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    try {
      const delivery = captured('evt_node')
      const post = (body: string, headers = delivery.headers) => fetch(url, { method: 'POST', body, headers }).then(async (r) => [r.status, await r.text()])
      expect(await post(delivery.body)).toEqual([200, 'handled'])
      expect(await post(delivery.body)).toEqual([200, 'already handled'])
      expect(await post(delivery.body.replace('4900', '1'))).toEqual([400, 'signature_mismatch'])
      expect((await post('x'.repeat(100 * 1024)))[0]).toBe(413)
      expect(seen).toEqual(['evt_node'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("takes Express's raw body (express.raw()) and refuses a body express.json() parsed", async () => {
    const { handlers, seen } = setup()
    const handler = nodeHandler(handlers)
    const delivery = captured('evt_express')
    const response = () => ({
      statusCode: 0,
      headers: {} as Record<string, string>,
      body: '',
      setHeader(n: string, v: string) {
        this.headers[n] = v
      },
      end(b?: string) {
        this.body = b ?? ''
      },
    })
    const empty = { async *[Symbol.asyncIterator]() {} }
    const raw = response()
    await handler({ ...empty, headers: delivery.headers, body: Buffer.from(delivery.body) }, raw)
    expect([raw.statusCode, raw.body]).toEqual([200, 'handled'])
    const parsed = response()
    await handler({ ...empty, headers: delivery.headers, body: JSON.parse(delivery.body) }, parsed)
    expect([parsed.statusCode, parsed.body]).toEqual([400, 'body_not_raw'])
    expect(seen).toEqual(['evt_express'])
  })
})
