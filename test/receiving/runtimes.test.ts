/**
 * Verification runs where the README says it runs. The BUILT packages (run `pnpm build` first) are
 * bundled as an edge or browser bundler would (esbuild, `--platform=browser`), then run:
 * - in `@edge-runtime/vm`, Vercel's edge runtime (Web Crypto and web globals only: no `Buffer`, no
 *   `process`, no `node:crypto`);
 * - as a plain ES module loaded by Node, where the browser build still takes the Web Crypto path.
 * An edge route handler is type-checked against the built declarations with no `@types/node`.
 */

import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EdgeVM } from '@edge-runtime/vm'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { signStripeDelivery, stripeEvent } from '@unihook/stripe/testing'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

const ENTRY = `
export { createReceiver, createHandlers, verifyOrThrow, isVerificationError } from '@unihook/core/verify'
export { razorpayVerifier } from '@unihook/razorpay/verify'
export { conektaVerifier } from '@unihook/conekta/verify'
export { calypsoVerifier } from '@unihook/calypso/verify'
export { stripeVerifier } from '@unihook/stripe/verify'
`

/** Bundles from the installed (built) packages, as an application's bundler would: no source aliases. */
async function bundle(format: 'iife' | 'esm', conditions: string[] = []): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
    bundle: true,
    format,
    globalName: format === 'iife' ? 'unihook' : undefined,
    platform: 'browser',
    conditions,
    write: false,
    tsconfigRaw: {},
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

const RAZORPAY_SECRET = 'whsec_edge_razorpay_1'
const CALYPSO = { publicKey: 'pk_edge_1', secretKey: 'sk_edge_calypso_1' }
const conektaKeys = generateConektaKeyPair()
const STRIPE_SECRET = 'whsec_edgeStripe0123456789abcdef'
const settings = { razorpaySecret: RAZORPAY_SECRET, conektaPublicKey: conektaKeys.publicKey, calypso: CALYPSO, stripeSecret: STRIPE_SECRET }

const razorpay = signRazorpayDelivery({
  payload: razorpayEvent({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1' } } } }),
  secret: RAZORPAY_SECRET,
  eventId: 'evt_edge00000001',
})
const conekta = signedConektaDelivery({ id: 'evt_conekta_1', type: 'order.paid', data: { object: { id: 'ord_1', object: 'order' } } }, conektaKeys.privateKey)
const calypso = signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID', id: 77 }), CALYPSO)
// Signed now (the verifier checks the timestamp against the clock) over `<t>.<body>`: on Web Crypto the prefix and the body are joined.
const stripe = signStripeDelivery({ payload: stripeEvent({ id: 'evt_1EdgeStripe', type: 'payment_intent.succeeded' }), secret: STRIPE_SECRET })
const deliveries = [
  { body: razorpay.body, headers: razorpay.headers },
  { body: conekta.body, headers: conekta.headers },
  { body: calypso.body, headers: calypso.headers },
  { body: stripe.body, headers: stripe.headers },
  // Tampered: one byte more than was signed.
  { body: `${razorpay.body} `, headers: razorpay.headers },
  { body: `${conekta.body} `, headers: conekta.headers },
  { body: `${calypso.body} `, headers: calypso.headers },
  { body: `${stripe.body} `, headers: stripe.headers },
]
const EXPECTED = [
  ['Right', 'razorpay', 'evt_edge00000001', 'payment.captured'],
  ['Right', 'conekta', 'evt_conekta_1', 'order.paid'],
  ['Right', 'calypso', '77', 'INVOICE_PAID'],
  ['Right', 'stripe', 'evt_1EdgeStripe', 'payment_intent.succeeded'],
  ['Left', 'razorpay', 'signature_mismatch'],
  ['Left', 'conekta', 'signature_mismatch'],
  ['Left', 'calypso', 'signature_mismatch'],
  ['Left', 'stripe', 'signature_mismatch'],
]

/** Runs in the bundle's realm: receives every delivery as a standard Request, then one through verifyOrThrow. */
const SCENARIO = `async (unihook, settings, deliveries) => {
  const receiver = unihook.createReceiver([
    unihook.razorpayVerifier({ secrets: settings.razorpaySecret }),
    unihook.conektaVerifier({ publicKeys: settings.conektaPublicKey }),
    unihook.calypsoVerifier({ secrets: { [settings.calypso.publicKey]: settings.calypso.secretKey } }),
    unihook.stripeVerifier({ secrets: settings.stripeSecret }),
  ])
  const out = []
  for (const d of deliveries) {
    const result = await receiver.receive(new Request('https://shop.example.com/hooks', { method: 'POST', headers: d.headers, body: d.body }))()
    out.push(result._tag === 'Right' ? ['Right', result.right.provider, result.right.event.id, result.right.event.type] : ['Left', result.left.provider, result.left.reason])
  }
  const bytes = new TextEncoder().encode(deliveries[4].body)
  const thrown = await unihook.verifyOrThrow(unihook.razorpayVerifier({ secrets: settings.razorpaySecret }), bytes, deliveries[4].headers).catch((e) => e)
  out.push([unihook.isVerificationError(thrown), thrown instanceof Error, thrown.reason])
  return JSON.stringify(out)
}`

describe('the built receiver in an edge runtime (@edge-runtime/vm)', () => {
  let code: string
  beforeAll(async () => {
    code = await bundle('iife', ['edge-light', 'worker'])
  })

  it('bundles without node:crypto or Buffer, and with no HTTP client or codec library', () => {
    expect(code).not.toMatch(/node:crypto|require\(["']crypto["']\)/)
    expect(code).not.toMatch(/\bBuffer\./)
    expect(code).not.toContain('ky')
    expect(code).not.toContain('io-ts')
  })

  it('verifies every provider and refuses tampered bodies, with only Web Crypto', async () => {
    const vm = new EdgeVM()
    expect(vm.evaluate('typeof Buffer + typeof process + typeof crypto.subtle')).toBe('undefinedundefinedobject')
    vm.evaluate(code)
    const output = await vm.evaluate<Promise<string>>(`(${SCENARIO})(unihook, ${JSON.stringify(settings)}, ${JSON.stringify(deliveries)})`)
    expect(JSON.parse(output)).toEqual([...EXPECTED, [true, true, 'signature_mismatch']])
  })
})

/** Typed handlers with the in-memory store, in the bundle's realm: each answer's status and outcome, and the handler's calls. */
const HANDLERS_SCENARIO = `async (unihook, settings, deliveries) => {
  const receiver = unihook.createReceiver([unihook.razorpayVerifier({ secrets: settings.razorpaySecret })])
  const seen = []
  const handlers = unihook.createHandlers(receiver).on('razorpay', 'payment.captured', (event) => { seen.push(event.id) })
  const post = (d) => handlers.handle(new Request('https://shop.example.com/hooks', { method: 'POST', headers: d.headers, body: d.body }))
  const out = []
  for (const d of [deliveries[0], deliveries[0], deliveries[4]]) {
    const response = await post(d)
    out.push([response.status, await response.text()])
  }
  return JSON.stringify({ out, seen })
}`

describe('the built handlers in an edge runtime (@edge-runtime/vm)', () => {
  it('handles a delivery once, answers its redelivery 200 and a forgery 400, with standard Request and Response', async () => {
    const vm = new EdgeVM()
    vm.evaluate(await bundle('iife', ['edge-light', 'worker']))
    const output = await vm.evaluate<Promise<string>>(`(${HANDLERS_SCENARIO})(unihook, ${JSON.stringify(settings)}, ${JSON.stringify(deliveries)})`)
    expect(JSON.parse(output)).toEqual({
      out: [
        [200, 'handled'],
        [200, 'already handled'],
        [400, 'signature_mismatch'],
      ],
      seen: ['evt_edge00000001'],
    })
  })
})

describe('the built receiver bundled for browsers (esbuild --platform=browser)', () => {
  it('bundles and runs on the Web Crypto path', async () => {
    const code = await bundle('esm')
    expect(code).not.toMatch(/node:crypto/)
    const unihook = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>
    // eslint-disable-next-line no-new-func
    const scenario = new Function(`return ${SCENARIO}`)() as (u: unknown, s: unknown, d: unknown) => Promise<string>
    expect(JSON.parse(await scenario(unihook, settings, deliveries))).toEqual([...EXPECTED, [true, true, 'signature_mismatch']])
  })
})

describe('an edge route handler type-checks with no @types/node', () => {
  it('compiles against the built declarations, which reference no Node types', () => {
    const project = join(root, 'test/receiving/edge/tsconfig.json')
    const tsc = join(root, 'node_modules/typescript/bin/tsc')
    // Throws, with the errors, when the handler or any declaration it reaches does not type-check.
    const files = execFileSync(process.execPath, [tsc, '-p', project, '--listFiles'], { encoding: 'utf8' })
    expect(files).toContain('packages/core/dist/verify.d.ts')
    expect(files).not.toContain('@types/node')
  }, 120_000)
})
