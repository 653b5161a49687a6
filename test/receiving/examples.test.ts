/**
 * The examples of docs/receiving.md, run: each file under examples/ is quoted verbatim by the doc (checked
 * here), and each handler receives real signed deliveries. Express, Fastify and Hono are not installed:
 * each is replaced by a stand-in that does what the example relies on (register a route; hand over the
 * raw body, the headers, or the standard Request) and nothing more.
 */

import { readFileSync } from 'node:fs'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { beforeAll, describe, expect, it, vi } from 'vitest'

type Route = (...args: unknown[]) => unknown
const routes = new Map<string, Route[]>()
const register =
  (framework: string) =>
  (path: string, ...handlers: Route[]) =>
    routes.set(`${framework} ${path}`, handlers)

vi.mock('express', () => {
  const express = () => ({ post: register('express') })
  express.raw = () => (_req: unknown, _res: unknown, next: () => void) => next()
  return { default: express }
})
vi.mock('fastify', () => ({ default: () => ({ post: register('fastify'), addContentTypeParser: () => undefined }) }))
vi.mock('hono', () => ({
  Hono: class {
    post = register('hono')
  },
}))

const conektaKeys = generateConektaKeyPair()
const RAZORPAY_SECRET = 'whsec_docs_razorpay_new'
const RAZORPAY_OLD = 'whsec_docs_razorpay_old'
const CALYPSO = { publicKey: 'pk_docs_calypso', secretKey: 'sk_docs_calypso_0123' }

beforeAll(() => {
  vi.stubEnv('RAZORPAY_WEBHOOK_SECRET', RAZORPAY_SECRET)
  vi.stubEnv('RAZORPAY_WEBHOOK_SECRET_OLD', RAZORPAY_OLD)
  vi.stubEnv('CONEKTA_WEBHOOK_PUBLIC_KEY', conektaKeys.publicKey)
  vi.stubEnv('CALYPSO_PUBLIC_KEY', CALYPSO.publicKey)
  vi.stubEnv('CALYPSO_SECRET_KEY', CALYPSO.secretKey)
})

let calypsoId = 0
const deliveries = () => ({
  razorpay: signRazorpayDelivery({
    payload: razorpayEvent({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1', entity: 'payment', amount: 4900 } } } }),
    secret: RAZORPAY_SECRET,
  }),
  razorpayOldSecret: signRazorpayDelivery({ payload: razorpayEvent({ event: 'refund.created' }), secret: RAZORPAY_OLD }),
  razorpayRefund: signRazorpayDelivery({
    payload: razorpayEvent({
      event: 'refund.processed',
      payload: { refund: { entity: { id: 'rfnd_1', entity: 'refund', payment_id: 'pay_1', amount: 900 } } },
    }),
    secret: RAZORPAY_SECRET,
  }),
  razorpayUncatalogued: signRazorpayDelivery({
    payload: razorpayEvent({ event: 'payout.processed', payload: { payout: { entity: { id: 'pout_1', entity: 'payout' } } } }),
    secret: RAZORPAY_SECRET,
  }),
  conekta: signedConektaDelivery({ type: 'order.paid', data: { object: { id: 'ord_1', object: 'order', amount: 4321 } } }, conektaKeys.privateKey),
  calypso: signCalypsoDelivery(calypsoDeliveryPayload({ id: ++calypsoId, eventType: 'INVOICE_PAID' }), CALYPSO),
  calypsoPayout: signCalypsoDelivery(
    calypsoDeliveryPayload({
      id: ++calypsoId,
      eventType: 'PAYOUT_CHANGE_STATUS',
      data: { type: 'PAYOUT_CHANGE_STATUS', externalId: 'po-7', payoutStatus: 'COMPLETED' },
    }),
    CALYPSO,
  ),
})
const forged = () => ({ body: '{"event":"payment.captured"}', headers: { 'x-razorpay-signature': 'f'.repeat(64) } })

/** Node's IncomingHttpHeaders: lowercase names. */
const nodeHeaders = (headers: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
const request = (d: { body: string; headers: Readonly<Record<string, string>> }) =>
  new Request('https://shop.example.com/webhooks', { method: 'POST', body: d.body, headers: d.headers })

describe('docs/receiving.md quotes the examples verbatim', () => {
  const doc = readFileSync(new URL('../../docs/receiving.md', import.meta.url), 'utf8')
  it.each(['receiver.ts', 'express.ts', 'fastify.ts', 'next-route.ts', 'hono.ts', 'worker.ts'])('%s', (file) => {
    expect(doc).toContain(readFileSync(new URL(`./examples/${file}`, import.meta.url), 'utf8').trim())
  })
})

describe('the examples receive real deliveries', () => {
  it('Express: the raw body and Node headers', async () => {
    await import('./examples/express.js')
    const [, handler] = routes.get('express /webhooks')!
    const run = async (d: { body: string; headers: Readonly<Record<string, string>> }) => {
      const res = {
        code: 0,
        text: '',
        status: (c: number) => ((res.code = c), res),
        send: (t: string) => ((res.text = t), res),
        sendStatus: (c: number) => ((res.code = c), res),
      }
      await handler!({ body: Buffer.from(d.body), headers: nodeHeaders(d.headers) }, res)
      return [res.code, res.text]
    }
    for (const d of Object.values(deliveries())) expect(await run(d)).toEqual([200, ''])
    expect(await run(forged())).toEqual([400, 'signature_mismatch'])
  })

  it('Fastify: the body kept as a Buffer', async () => {
    await import('./examples/fastify.js')
    const [handler] = routes.get('fastify /webhooks')!
    const run = async (d: { body: string; headers: Readonly<Record<string, string>> }) => {
      const reply = { status: 0, text: '', code: (c: number) => ((reply.status = c), reply), send: (t: string) => ((reply.text = t), reply) }
      await handler!({ body: Buffer.from(d.body), headers: nodeHeaders(d.headers) }, reply)
      return [reply.status, reply.text]
    }
    for (const d of Object.values(deliveries())) expect(await run(d)).toEqual([200, 'ok'])
    expect(await run(forged())).toEqual([400, 'signature_mismatch'])
  })

  it('Next.js App Router: a standard Request', async () => {
    const { POST } = await import('./examples/next-route.js')
    for (const d of Object.values(deliveries())) expect((await POST(request(d))).status).toBe(200)
    const refused = await POST(request(forged()))
    expect([refused.status, await refused.text()]).toEqual([400, 'signature_mismatch'])
  })

  it('Hono: c.req.raw', async () => {
    await import('./examples/hono.js')
    const [handler] = routes.get('hono /webhooks')!
    const context = (r: Request) => ({ req: { raw: r }, text: (t: string, status = 200) => new Response(t, { status }) })
    for (const d of Object.values(deliveries())) expect(((await handler!(context(request(d)))) as Response).status).toBe(200)
    expect(((await handler!(context(request(forged())))) as Response).status).toBe(400)
  })

  it('the shared handler reads each payload through its typed paths', async () => {
    const { POST } = await import('./examples/next-route.js')
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      for (const d of Object.values(deliveries())) expect((await POST(request(d))).status).toBe(200)
      expect(log.mock.calls).toEqual([
        ['captured', 'pay_1', 4900],
        ['refunded', 'pay_1', 900],
        ['payout', 'pout_1'],
        ['paid', 'ord_1', 4321],
        ['INVOICE_PAID', 'INVOICE'],
        ['payout', 'po-7', 'COMPLETED'],
      ])
    } finally {
      log.mockRestore()
    }
  })

  it('Cloudflare Workers: fetch(request, env)', async () => {
    const worker = (await import('./examples/worker.js')).default
    const env = { RAZORPAY_WEBHOOK_SECRET: RAZORPAY_SECRET }
    expect((await worker.fetch(request(deliveries().razorpay), env)).status).toBe(200)
    expect((await worker.fetch(request(forged()), env)).status).toBe(400)
  })
})
