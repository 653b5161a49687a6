/**
 * The leak scan: planted secrets (API keys, the Basic-auth token, webhook secrets and keys, delivery
 * signatures, URL credentials) are pushed through every error path and every returned object (webhooks,
 * pages, rotations, plans and apply reports, verification errors, thrown constructor errors, Promise
 * rejections), and every rendering of each result is searched for every form of every secret: raw,
 * base64, hex, URL-encoded and JSON-escaped. Whatever reaches the console meanwhile is searched too.
 */

import { format, inspect } from 'node:util'
import { apply, createReceiver, plan, promised, receiveOrThrow, verifyOrThrow, type WebhookProvider } from '@unihook/core'
import { calypsoVerifier } from '@unihook/calypso'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { conektaVerifier } from '@unihook/conekta'
import { generateConektaKeyPair, signedConektaDelivery } from '../../packages/conekta/src/signing.js'
import { razorpayVerifier } from '@unihook/razorpay'
import { razorpayEvent, signRazorpayDelivery } from '../../packages/razorpay/src/signing.js'
import { calypsoSign } from '@unihook/calypso'
import { stripeVerifier } from '@unihook/stripe'
import { signStripeDelivery, stripeEvent } from '@unihook/stripe/testing'
import { signRazorpayBody } from '../../packages/razorpay/src/signing.js'
import * as E from 'fp-ts/Either'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formsOf } from './secret-forms.js'
import { SUITE_TIMEOUT } from './settings.js'
import { type Built, type Subject, SUBJECTS } from './subjects.js'

const URL_USER = 'hookuser'
const URL_PASSWORD = 'PLANTEDurlPw9Kx2'
const WEBHOOK_SECRET = 'PLANTEDwhsec4Tq8Zr2Lm6'
const credentialUrl = (s: Subject, n: number) => `https://${URL_USER}:${URL_PASSWORD}@hooks.example.com/${s.name}/${n}`

/** Every way a value ends up in a log, an HTTP answer or a terminal. */
function renderings(value: unknown, seen = new Set<unknown>()): [string, string][] {
  const out: [string, string][] = []
  const attempt = (label: string, render: () => unknown) => {
    try {
      const text = render()
      if (typeof text === 'string') out.push([label, text])
    } catch (error) {
      out.push([`${label} (threw)`, String((error as Error)?.message)])
    }
  }
  attempt('JSON.stringify', () => JSON.stringify(value))
  attempt('inspect(showHidden)', () => inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }))
  attempt('String', () => String(value))
  attempt('format(%s %o %j)', () => format('%s %o %j', value, value, value))
  if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value)
    const v = value as { message?: unknown; stack?: unknown; cause?: unknown; error?: unknown }
    attempt('message', () => v.message)
    attempt('stack', () => v.stack)
    if (v.cause !== undefined) for (const [label, text] of renderings(v.cause, seen)) out.push([`cause ${label}`, text])
  }
  return out
}

interface Leak {
  readonly what: string
  readonly rendering: string
  readonly form: string
}

function leaksOf(label: string, value: unknown, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = []
  for (const [rendering, text] of renderings(value)) {
    for (const secret of secrets) {
      for (const form of formsOf(secret)) if (text.includes(form)) leaks.push({ what: label, rendering, form })
    }
  }
  return leaks
}

/** An Either's content (left or right), or the value itself. */
function unwrap(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('_tag' in value)) return value
  const either = value as { _tag: unknown; left?: unknown; right?: unknown }
  if (either._tag === 'Left' && 'left' in either) return either.left
  if (either._tag === 'Right' && 'right' in either) return either.right
  return value
}

/** What every scenario collects: labelled results, thrown errors and rejections. */
class Bag {
  readonly items: [string, unknown][] = []
  add(label: string, value: unknown) {
    this.items.push([label, unwrap(value)])
  }
  async run(label: string, task: () => Promise<unknown>) {
    try {
      this.add(label, await task())
    } catch (thrown) {
      this.add(`${label} (thrown)`, thrown)
    }
  }
  sync(label: string, fn: () => unknown) {
    try {
      this.add(label, fn())
    } catch (thrown) {
      this.add(`${label} (thrown)`, thrown)
    }
  }
}

let consoleText: string[] = []
beforeEach(() => {
  consoleText = []
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleText.push(format(...args))
    })
  }
})
afterEach(() => {
  vi.restoreAllMocks()
})

/** Scans everything in the bag, logging each item through the console as an app would, then the console. */
function expectNoLeak(bag: Bag, secrets: readonly string[]) {
  expect(bag.items.length).toBeGreaterThan(0)
  const planted = [...new Set(secrets)].filter((s) => s.length >= 8)
  const leaks = bag.items.flatMap(([label, value]) => leaksOf(label, value, planted))
  for (const [label, value] of bag.items) {
    console.log(label, value)
    console.error(value)
  }
  leaks.push(...leaksOf('console output', consoleText.join('\n'), planted))
  expect(
    leaks,
    leaks
      .slice(0, 5)
      .map((l) => `${l.what} / ${l.rendering}: ${l.form}`)
      .join('\n'),
  ).toEqual([])
}

const OPS = ['create', 'get', 'list', 'update', 'delete', 'test', 'rotateSecret'] as const

/**
 * An echo, as a provider might put in an error body, of what the adapter can recognise: the credentials
 * it holds (in every form) and credentials inside URLs (plain, JSON-escaped, URL-encoded).
 */
const echoOf = (secrets: readonly string[], s: Subject) => {
  const url = credentialUrl(s, 9)
  return `refused ${secrets.flatMap(formsOf).join(' ')} at ${url} (escaped: ${url.replace(/\//g, '\\/')}) ${encodeURIComponent(url)}`
}

/** Error bodies: each provider's envelope and the generic ones, echoing the secrets; JSON with `\/` escapes, text, truncated JSON. */
function echoBodies(echo: string): { status: number; text: string; contentType?: string }[] {
  const envelope = {
    message: echo,
    description: echo,
    error: { code: 'BAD_REQUEST_ERROR', description: echo, field: echo, reason: echo },
    details: [{ code: 'conekta.errors.x', message: echo, debug_message: echo, param: echo }],
    type: 'parameter_validation_error',
    log_id: echo,
    errorCode: '003',
    traceId: echo,
  }
  const json = JSON.stringify(envelope).replace(/\//g, '\\/')
  const statuses = [400, 401, 404, 409, 422, 429, 500, 503]
  return [
    ...statuses.map((status) => ({ status, text: json })),
    { status: 502, text: `<html><body>${echo} ${json}</body></html>`, contentType: 'text/html' },
    { status: 500, text: json.slice(0, Math.floor(json.length * 0.7)) },
    // A 2xx whose body has the wrong shape: the decode issues must not quote the secrets.
    { status: 200, text: JSON.stringify({ id: 42, url: [echo], requestId: 7, items: echo, subscriptions: echo, data: echo, object: echo }) },
  ]
}

async function seed(built: Built, s: Subject): Promise<string> {
  const made = await built.provider.create({ url: s.url(0), events: [s.events[0]] })()
  if (E.isLeft(made)) throw new Error(`seeding failed: ${made.left._tag}: ${made.left.message}`)
  return made.right.id
}

const runOp = (p: WebhookProvider, op: (typeof OPS)[number], s: Subject, id: string) => {
  switch (op) {
    case 'create':
      return p.create({ url: credentialUrl(s, 1), events: [s.events[0]] })
    case 'get':
      return p.get(id)
    case 'list':
      return p.list()
    case 'update':
      return p.update(id, { url: credentialUrl(s, 2), events: [...s.events] })
    case 'delete':
      return p.delete(id)
    case 'test':
      return p.test(id)
    case 'rotateSecret':
      return p.rotateSecret(id)
  }
}

describe('leak scan', { timeout: SUITE_TIMEOUT }, () => {
  for (const s of SUBJECTS) {
    const planted = (built?: Built) => [...s.secrets, URL_PASSWORD, WEBHOOK_SECRET, ...(built?.storedSecrets() ?? [])]

    it(`${s.label}: every returned object (webhooks with credential URLs and secrets, pages, rotations, Promise results)`, async () => {
      const built = await s.build({ mount: 'direct' })
      const bag = new Bag()
      try {
        const withSecret = await built.provider.create({ url: credentialUrl(s, 1), events: [s.events[0]], secret: WEBHOOK_SECRET })()
        bag.add('create with a secret', withSecret)
        const created = await built.provider.create({ url: credentialUrl(s, 2), events: [s.events[0]] })()
        bag.add('create', created)
        if (E.isLeft(created)) throw new Error(`create failed: ${created.left.message}`)
        const id = created.right.id
        for (const op of OPS) bag.add(op === 'delete' ? 'delete (last)' : op, op === 'delete' ? undefined : await runOp(built.provider, op, s, id)())
        const p = promised(built.provider)
        await bag.run('promised get', () => p.get(id))
        await bag.run('promised list', () => p.list())
        await bag.run('promised rotateSecret', () => p.rotateSecret(id))
        await bag.run('promised get of an unknown id', () =>
          p.get(s.name === 'calypso' ? '00000000-0000-4000-8000-000000000000' : s.name === 'stripe' ? s.unknownId : 'HK890egfiItP3H0123456789'),
        )
        bag.add('delete', await built.provider.delete(id)())
        expectNoLeak(bag, planted(built))
      } finally {
        await built.close()
      }
    })

    it(`${s.label}: provider error bodies echoing the secrets, on every operation`, async () => {
      const built = await s.build({ mount: 'direct', retry: { limit: 0 } })
      const bag = new Bag()
      try {
        const id = await seed(built, s)
        const bodies = echoBodies(echoOf(s.secrets, s))
        for (const op of OPS) {
          for (const body of bodies) {
            built.fake.arm(1, body)
            bag.add(`${op} answered ${body.status} ${body.text.slice(0, 20)}`, await runOp(built.provider, op, s, id)())
          }
        }
        // A create that sends a webhook secret knows it, and scrubs it from the answer's echo too.
        for (const body of echoBodies(echoOf([...s.secrets, WEBHOOK_SECRET], s))) {
          built.fake.clear()
          built.fake.arm(1, body)
          bag.add(
            `create with a secret answered ${body.status}`,
            await built.provider.create({ url: credentialUrl(s, 8), events: [s.events[0]], secret: WEBHOOK_SECRET })(),
          )
        }
        expectNoLeak(bag, planted(built))
      } finally {
        await built.close()
      }
    })

    it(`${s.label}: network failures, timeouts, lost answers and a base URL with credentials`, async () => {
      const built = await s.build({ mount: 'direct', retry: { limit: 0 }, timeoutMs: 100 })
      const bag = new Bag()
      try {
        const id = await seed(built, s)
        for (const op of OPS) {
          built.faults.dropNext(1)
          bag.add(`${op} dropped`, await runOp(built.provider, op, s, id)())
          built.faults.hangNext(1)
          bag.add(`${op} hung`, await runOp(built.provider, op, s, id)())
          built.faults.cutNext(1)
          bag.add(`${op} cut mid-body`, await runOp(built.provider, op, s, id)())
        }
        // fetch refuses URLs with credentials, and its error names the URL.
        const withCredentials = built.adapter({ baseUrl: `https://apiuser:${URL_PASSWORD}@api.example.com/` })
        for (const op of OPS) bag.add(`${op} through a base URL with credentials`, await runOp(withCredentials, op, s, id)())
        const aborted = new AbortController()
        aborted.abort(new Error(`aborted by ${URL_PASSWORD}`))
        bag.add('aborted call', await built.provider.list(undefined, { signal: aborted.signal })())
        expectNoLeak(bag, planted(built))
      } finally {
        await built.close()
      }
    })

    it(`${s.label}: refused input and constructor errors`, async () => {
      const built = await s.build({ mount: 'direct' })
      const bag = new Bag()
      try {
        const id = await seed(built, s)
        const p = built.provider
        bag.add('create ftp URL with credentials', await p.create({ url: `ftp://${URL_USER}:${URL_PASSWORD}@hooks.example.com/x`, events: [s.events[0]] })())
        bag.add('create over-long URL with credentials', await p.create({ url: `${credentialUrl(s, 3)}/${'x'.repeat(5_000)}`, events: [s.events[0]] })())
        bag.add('create malformed URL with credentials', await p.create({ url: `https://${URL_USER}:${URL_PASSWORD}@ bad host/x`, events: [s.events[0]] })())
        bag.add('update malformed URL with credentials', await p.update(id, { url: `not a url ${credentialUrl(s, 4)}` })())
        bag.add(
          'create with a secret where none is taken, or a bad one',
          await p.create({ url: s.url(5), events: [s.events[0]], secret: `${WEBHOOK_SECRET}\n` })(),
        )
        bag.add('list with a forged cursor', await p.list({ cursor: `../../${URL_PASSWORD}` })())
        bag.add('call with a bad header', await p.list(undefined, { headers: { 'x-token': `${URL_PASSWORD}\n` } } as never)())
        bag.sync('adapter with a malformed base URL with credentials', () => built.adapter({ baseUrl: `https://apiuser:${URL_PASSWORD}@ bad host` }))
        bag.sync('adapter with a non-http base URL with credentials', () => built.adapter({ baseUrl: `ftp://apiuser:${URL_PASSWORD}@api.example.com` }))
        bag.sync('adapter with a header carrying a secret and a line break', () => built.adapter({ headers: { 'x-api-key': `${URL_PASSWORD}\r\n` } }))
        expectNoLeak(bag, planted(built))
      } finally {
        await built.close()
      }
    })

    it(`${s.label}: plans and apply reports`, async () => {
      const built = await s.build({ mount: 'direct', retry: { limit: 0 } })
      const bag = new Bag()
      try {
        await seed(built, s)
        const existing = await built.provider.create({ url: credentialUrl(s, 7), events: [s.events[0]] })()
        bag.add('existing', existing)
        const desired = [
          { url: credentialUrl(s, 6), events: [s.events[0]], ...(s.name === 'razorpay' ? { secret: WEBHOOK_SECRET } : {}) },
          { url: credentialUrl(s, 7), events: [...s.events] },
        ]
        const planned = await plan(built.provider, desired, { prune: true })()
        bag.add('plan', planned)
        if (E.isLeft(planned)) throw new Error(`plan failed: ${planned.left.message}`)
        // Every step fails with a provider error echoing the secrets, then the same plan succeeds.
        const echo = echoOf(s.secrets, s)
        built.fake.arm(10, { status: 500, text: JSON.stringify({ message: echo, error: { description: echo } }) })
        bag.add('apply report, every step failed', await apply(built.provider, planned.right)())
        built.fake.clear()
        bag.add('apply report', await apply(built.provider, planned.right)())
        bag.add('plan after apply', await plan(built.provider, desired)())
        bag.add('apply of a null plan', await apply(built.provider, null as never)())
        expectNoLeak(bag, planted(built))
      } finally {
        await built.close()
      }
    })
  }

  it('verification errors (every provider, every way a delivery is refused)', async () => {
    const bag = new Bag()
    const planted: string[] = [WEBHOOK_SECRET]
    /** `await verifier.verify(body, headers)()`. */
    const verify = (verifier: { verify: (...a: never[]) => unknown }, body: string, headers: Record<string, string>) =>
      (verifier.verify as (b: string, h: Record<string, string>) => () => Promise<unknown>)(body, headers)()
    const tamper = (body: string) => body.replace(/.$/, (c) => (c === '}' ? ' }' : `${c} `))

    const razorpay = razorpayVerifier({ secrets: [WEBHOOK_SECRET] })
    const rz = await signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: 'acc_H3kYHQ635sBwXG' }), secret: WEBHOOK_SECRET })
    const rzSignature = rz.headers['x-razorpay-signature'] ?? Object.values(rz.headers).find((v) => /^[0-9a-f]{64}$/.test(v))!
    planted.push(rzSignature, await signRazorpayBody(tamper(rz.body), WEBHOOK_SECRET))
    bag.add('razorpay tampered body', await verify(razorpay, tamper(rz.body), rz.headers))
    bag.add('razorpay wrong secret', await verify(razorpayVerifier({ secrets: ['PLANTEDotherSecret77'] }), rz.body, rz.headers))
    bag.add('razorpay no signature', await verify(razorpay, rz.body, { 'content-type': 'application/json' }))
    bag.add(
      'razorpay signature flipped',
      await verify(razorpay, rz.body, { ...rz.headers, 'x-razorpay-signature': rzSignature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }),
    )
    bag.add('razorpay not JSON', await verify(razorpay, 'PLANTEDnotjson', { 'x-razorpay-signature': await signRazorpayBody('PLANTEDnotjson', WEBHOOK_SECRET) }))
    planted.push('PLANTEDotherSecret77')

    const keys = { publicKey: 'PLANTEDpublicKey0a1b2c3d4e5f', secretKey: 'PLANTEDsecretKey9f8e7d6c5b4a' }
    const calypso = calypsoVerifier({ secrets: { [keys.publicKey]: keys.secretKey } })
    const cp = await signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID' }), keys)
    planted.push(keys.secretKey, cp.headers.Sign ?? '', await calypsoSign(keys.secretKey, tamper(cp.body)))
    bag.add('calypso tampered body', await verify(calypso, tamper(cp.body), { ...cp.headers }))
    bag.add('calypso unknown key', await verify(calypsoVerifier({ secrets: { other: 'PLANTEDotherSecret77' } }), cp.body, { ...cp.headers }))
    bag.add('calypso no signature', await verify(calypso, cp.body, { Key: keys.publicKey }))

    const pair = generateConektaKeyPair()
    const conekta = conektaVerifier({ publicKeys: [pair.publicKey] })
    const ck = await signedConektaDelivery({ type: 'order.paid' }, pair.privateKey)
    planted.push(
      String(pair.privateKey)
        .replace(/-----[A-Z ]+-----|\s/g, '')
        .slice(0, 64),
      ck.headers.digest ?? '',
    )
    bag.add('conekta tampered body', await verify(conekta, tamper(ck.body), { ...ck.headers }))
    bag.add('conekta no digest', await verify(conekta, ck.body, {}))
    bag.sync('conekta verifier with a private key string that is not PEM', () => conektaVerifier({ publicKeys: ['PLANTEDnotAKey0123456789'] }))
    planted.push('PLANTEDnotAKey0123456789')
    bag.sync('razorpay verifier with a secret that is not a string', () => razorpayVerifier({ secrets: [{ value: WEBHOOK_SECRET }] as never }))
    bag.sync('calypso verifier with a key map that is not one', () => calypsoVerifier({ secrets: [WEBHOOK_SECRET] as never }))

    const stripeSecret = 'whsec_PLANTEDstripeSecret0a1b2c3d4e5f'
    const stripe = stripeVerifier({ secrets: stripeSecret })
    const st = signStripeDelivery({ payload: stripeEvent({ type: 'charge.succeeded', account: 'acct_1Leak' }), secret: stripeSecret })
    const stSignature = st.headers['stripe-signature'] ?? ''
    planted.push(stripeSecret, stSignature.replace(/^t=\d+,v1=/, ''))
    bag.add('stripe tampered body', await verify(stripe, tamper(st.body), { ...st.headers }))
    bag.add('stripe wrong secret', await verify(stripeVerifier({ secrets: 'PLANTEDotherSecret77' }), st.body, { ...st.headers }))
    bag.add('stripe old timestamp', await verify(stripe, st.body, { 'Stripe-Signature': stSignature.replace(/^t=\d+/, 't=1') }))
    bag.add('stripe no signature', await verify(stripe, st.body, {}))
    bag.sync('stripe verifier with an empty secret', () => stripeVerifier({ secrets: [stripeSecret, ''] }))

    // The Promise facades reject with an Error: its message, stack and cause are rendered too.
    const receiver = createReceiver([razorpay, calypso, conekta, stripe])
    const request = (body: string, headers: Record<string, string>) => new Request('https://receiver.example.com/hooks', { method: 'POST', body, headers })
    await bag.run('receiveOrThrow, razorpay tampered', () => receiveOrThrow(receiver, request(tamper(rz.body), rz.headers)))
    await bag.run('receiveOrThrow, calypso tampered', () => receiveOrThrow(receiver, request(tamper(cp.body), cp.headers)))
    await bag.run('receiveOrThrow, conekta tampered', () => receiveOrThrow(receiver, request(tamper(ck.body), ck.headers)))
    await bag.run('receiveOrThrow, stripe tampered', () => receiveOrThrow(receiver, request(tamper(st.body), st.headers)))
    await bag.run('verifyOrThrow, razorpay wrong secret', () => verifyOrThrow(razorpayVerifier({ secrets: ['PLANTEDotherSecret77'] }), rz.body, rz.headers))
    bag.add('receiveRaw, no signature', await receiver.receiveRaw(rz.body, {})())
    expectNoLeak(bag, planted)
  })
})
