/**
 * The history's parts in process: the bounded store, the diagnosis of each usual cause of a signature
 * that does not match, sample edits, and the retry schedules against the providers' documented numbers.
 */

import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { signRazorpayBody } from '@unihook/razorpay/testing'
import { signCalypsoDelivery } from '@unihook/calypso/testing'
import { stripeDescriptor } from '@unihook/stripe/descriptor'
import { signStripeDelivery } from '@unihook/stripe/testing'
import { describe, expect, it } from 'vitest'
import { diagnose, signingKeyOf } from '../src/history/diagnose.js'
import type { LabelledKey } from '../src/history/keys.js'
import { bodyBytes, type HistoryRecord, newDeliveryId, openHistory, shownHeaders, storableBody, storableHeaders } from '../src/history/store.js'
import { doublingOver, retrySchedule } from '../src/redelivery.js'
import { applyEdits, parseEdits } from '../src/sample-edits.js'
import { tempDir } from './helpers.js'

const WEBHOOK_SECRET = 'whsec_unit_0123456789abcdef'
const API_SECRET = 'api_key_secret_0123456789abcdef'
const keys: LabelledKey[] = [
  { provider: 'razorpay', role: 'signing', origin: 'environment', label: 'UNIHOOK_RAZORPAY_WEBHOOK_SECRETS #1', value: WEBHOOK_SECRET },
  { provider: 'razorpay', role: 'api-credential', origin: 'environment', label: 'RAZORPAY_KEY_SECRET (the API key secret)', value: API_SECRET },
]
const body = JSON.stringify({ entity: 'event', account_id: 'acc_Unit000000001', event: 'payment.captured', contains: [], payload: {}, created_at: 1 })
const bytes = (text: string) => new Uint8Array(Buffer.from(text))
const razorpayHeaders = (signature: string) => new Headers({ 'content-type': 'application/json', 'x-razorpay-signature': signature })
const failed = (text: string, headers: Headers) => ({
  provider: 'razorpay',
  reason: 'signature_mismatch',
  message: 'does not match',
  headers,
  body: bytes(text),
})

function record(i: number): HistoryRecord {
  return {
    id: newDeliveryId(1_000 + i),
    receivedAt: new Date(1_000 + i).toISOString(),
    provider: 'razorpay',
    path: '/',
    headers: {},
    ...storableBody(bytes(`{"n":${i}}`)),
    verified: true,
    forward: { skipped: 'no target' },
    answered: 200,
  }
}

describe('the history store', () => {
  it('keeps the newest max records across reopenings, in a file only its owner reads', () => {
    const { dir, cleanup } = tempDir()
    try {
      const path = join(dir, 'nested', 'history.jsonl')
      for (let i = 0; i < 7; i++) openHistory(path, 4).append(record(i))
      const history = openHistory(path, 4)
      for (let i = 7; i < 12; i++) history.append(record(i))
      expect(history.all().map((r) => JSON.parse(bodyBytes(r).toString()).n)).toEqual([8, 9, 10, 11])
      // Compaction is lazy (a quarter past max), so the file never holds more than max + max/4 lines.
      expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(5)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(history.find(history.all()[0]!.id.slice(0, -2))?.id).toBe(history.all()[0]!.id)
    } finally {
      cleanup()
    }
  })

  it('never stores credentials, hides signatures when shown, and keeps non-UTF-8 bodies exactly', () => {
    const headers = storableHeaders(new Headers({ authorization: 'Basic dXNlcjpwYXNz', 'x-razorpay-signature': 'abc123', 'content-type': 'text/plain' }))
    expect(headers.authorization).toBe('[redacted]')
    expect(headers['x-razorpay-signature']).toBe('abc123')
    const stored = { ...record(0), headers }
    expect(shownHeaders(stored, false)['x-razorpay-signature']).toBe('[redacted]')
    expect(shownHeaders(stored, true)['x-razorpay-signature']).toBe('abc123')
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x41])
    const kept = storableBody(binary)
    expect(kept.bodyEncoding).toBe('base64')
    expect([...bodyBytes({ ...record(0), ...kept })]).toEqual([...binary])
  })
})

describe('the history file format', () => {
  it('writes a body as the JSON string JSON.stringify would, from its bytes, and reads it back as bytes', () => {
    const { dir, cleanup } = tempDir()
    try {
      const path = join(dir, 'history.jsonl')
      const tricky = `{"q":"say \\"hi\\"","path":"C:\\\\x","nl":"a\nb\r\t\b\f","nul":"\u0000\u001f\u007f","é":"ü € 😀 \u2028"}`
      const history = openHistory(path, 10)
      history.append({ ...record(0), ...storableBody(bytes(tricky)) })
      history.append({ ...record(1), ...storableBody(bytes('plain, nothing to escape')) })
      const lines = readFileSync(path, 'utf8').trim().split('\n')
      expect(lines[0]).toContain(`"body":${JSON.stringify(tricky)}`)
      expect(JSON.parse(lines[0]!)).toMatchObject({ body: tricky, bodyEncoding: 'utf8', bodyBytes: Buffer.byteLength(tricky) })
      expect(JSON.parse(lines[1]!).body).toBe('plain, nothing to escape')
      const [first, second] = history.all()
      expect(bodyBytes(first!).toString('utf8')).toBe(tricky)
      expect(first!.body).toBeInstanceOf(Uint8Array)
      expect(bodyBytes(second!).toString('utf8')).toBe('plain, nothing to escape')
    } finally {
      cleanup()
    }
  })

  it('reads records written before bodies were kept as bytes (the body a string, as JSON.stringify put it)', () => {
    const { dir, cleanup } = tempDir()
    try {
      const path = join(dir, 'history.jsonl')
      const { body: _bytes, ...rest } = record(0)
      const text = '{"n":"old \\"text\\""}'
      const old = [
        { ...rest, body: text, bodyEncoding: 'utf8', bodyBytes: Buffer.byteLength(text) },
        { ...rest, id: newDeliveryId(2_000), body: Buffer.from([0xff, 0x00]).toString('base64'), bodyEncoding: 'base64', bodyBytes: 2 },
      ]
      writeFileSync(path, old.map((r) => `${JSON.stringify(r)}\n`).join(''))
      const [utf8, binary] = openHistory(path, 10).all()
      expect(bodyBytes(utf8!).toString('utf8')).toBe(text)
      expect([...bodyBytes(binary!)]).toEqual([0xff, 0x00])
    } finally {
      cleanup()
    }
  })
})

describe('the diagnosis of a delivery that did not verify', () => {
  it('tells a body parsed and serialized again', async () => {
    const signature = signRazorpayBody(body, WEBHOOK_SECRET)
    const pretty = JSON.stringify(JSON.parse(body), null, 2)
    const diagnosis = await diagnose(failed(pretty, razorpayHeaders(signature)), keys)
    expect(diagnosis.findings[0]).toMatchObject({
      kind: 'reserialized_body',
      message: expect.stringContaining('for the body serialized compactly (JSON.stringify), not for the bytes received'),
    })
    expect(diagnosis.tried).toEqual(['UNIHOOK_RAZORPAY_WEBHOOK_SECRETS #1 against X-Razorpay-Signature: hex HMAC-SHA256 of the raw body'])
  })

  it('tells a signature made with the API key secret instead of the webhook secret', async () => {
    const diagnosis = await diagnose(failed(body, razorpayHeaders(signRazorpayBody(body, API_SECRET))), keys)
    expect(diagnosis.findings).toEqual([
      { kind: 'wrong_secret_kind', message: expect.stringMatching(/made with RAZORPAY_KEY_SECRET \(the API key secret\), not with the webhook's own secret/) },
    ])
  })

  it('tells an API key secret configured as the webhook secret', async () => {
    const confused: LabelledKey[] = [{ ...keys[0]!, value: API_SECRET }, keys[1]!]
    const diagnosis = await diagnose(failed(body, razorpayHeaders(signRazorpayBody(body, WEBHOOK_SECRET))), confused)
    expect(diagnosis.findings.map((f) => f.kind)).toEqual(['wrong_secret_kind'])
    expect(diagnosis.findings[0]!.message).toMatch(/UNIHOOK_RAZORPAY_WEBHOOK_SECRETS #1 is RAZORPAY_KEY_SECRET/)
  })

  it('tells a missing header, a key that is not at hand, and a body changed after signing', async () => {
    const missing = await diagnose(failed(body, new Headers({ 'x-razorpay-event-id': 'evt_1' })), keys)
    expect(missing.findings).toEqual([{ kind: 'missing_header', message: expect.stringMatching(/the x-razorpay-signature header is missing/) }])
    const noKeys = await diagnose(failed(body, razorpayHeaders('00')), [])
    expect(noKeys.findings.map((f) => f.kind)).toEqual(['no_secret'])
    const changed = await diagnose(failed(body.replace('captured', 'failed'), razorpayHeaders(signRazorpayBody(body, WEBHOOK_SECRET))), keys)
    expect(changed.findings).toEqual([{ kind: 'signature_mismatch', message: expect.stringMatching(/none of the 1 key tried made this signature/) }])
  })

  it("tells a stale signed timestamp (Stripe's, checked against its 5-minute tolerance) and Stripe's API key used to sign", async () => {
    const secret = 'whsec_unit_stripe_0123456789'
    const apiKey = 'sk_test_unit_0123456789'
    const stripeKeys: LabelledKey[] = [
      { provider: 'stripe', role: 'signing', origin: 'environment', label: 'UNIHOOK_STRIPE_WEBHOOK_SECRETS #1', value: secret },
      { provider: 'stripe', role: 'api-credential', origin: 'environment', label: 'STRIPE_SECRET_KEY (the secret API key (sk_…))', value: apiKey },
    ]
    const failure = async (signed: { body: string; headers: Readonly<Record<string, string>> }) => {
      const headers = new Headers(signed.headers)
      const verdict = await stripeDescriptor.verification.verifier([{ value: secret }]).verify(bytes(signed.body), headers)()
      if (verdict._tag === 'Right') throw new Error('expected a failed verification')
      return { provider: 'stripe', reason: verdict.left.reason, message: verdict.left.message, headers, body: bytes(signed.body) }
    }
    const payload = { id: 'evt_unit', object: 'event', type: 'payment_intent.succeeded', data: { object: {} } }
    const stale = await failure(signStripeDelivery({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 600 }))
    const staleDiagnosis = await diagnose(stale, stripeKeys)
    expect(staleDiagnosis.findings).toEqual([{ kind: 'timestamp_out_of_tolerance', message: expect.stringMatching(/t= is 60\d s off/) }])
    const withApiKey = await diagnose(await failure(signStripeDelivery({ payload, secret: apiKey })), stripeKeys)
    expect(withApiKey.findings).toEqual([
      { kind: 'wrong_secret_kind', message: expect.stringMatching(/made with STRIPE_SECRET_KEY .*, not with the endpoint's signing secret \(whsec_…\)/) },
    ])
    expect(withApiKey.tried).toEqual([expect.stringMatching(/^UNIHOOK_STRIPE_WEBHOOK_SECRETS #1 against Stripe-Signature: t=/)])
  })

  it('names the key that signed a verified delivery, for Calypso as for Razorpay', async () => {
    const signed = signCalypsoDelivery(body, { publicKey: 'pk_unit', secretKey: 'sk_unit_0123456789' })
    const calypsoKeys: LabelledKey[] = [
      { provider: 'calypso', role: 'signing', origin: 'sandbox', label: 'other', value: 'sk_other_0123456789', ref: 'a' },
      { provider: 'calypso', role: 'signing', origin: 'sandbox', label: 'sub b', value: 'sk_unit_0123456789', ref: 'b' },
    ]
    expect((await signingKeyOf('calypso', bytes(signed.body), new Headers(signed.headers), calypsoKeys))?.ref).toBe('b')
  })
})

describe('sample edits', () => {
  const sample = { payment: { entity: { amount: 50000, items: [{ name: 'a' }] } } }

  it('overrides and adds fields below the data root, values read as JSON when they are JSON', () => {
    const edits = parseEdits(
      'razorpay',
      ['payload.payment.entity.amount=100', 'payload.payment.entity.items[0].name=b'],
      ['payload.payment.entity.notes.ref="42"'],
    )
    expect(applyEdits(sample, edits)).toEqual({ payment: { entity: { amount: 100, items: [{ name: 'b' }], notes: { ref: '42' } } } })
    expect(sample.payment.entity.amount).toBe(50000)
  })

  it('refuses a path outside the data, a field that is not there, and adding one that is', () => {
    expect(() => parseEdits('conekta', ['id=1'], [])).toThrow(/starts with "data\."/)
    expect(() => applyEdits(sample, parseEdits('razorpay', ['payload.payment.entity.nope=1'], []))).toThrow(/has no "payment\.entity\.nope" \(use --add\)/)
    expect(() => applyEdits(sample, parseEdits('razorpay', [], ['payload.payment.entity.amount=1']))).toThrow(/already has/)
    expect(() => parseEdits('razorpay', ['payload.amount'], [])).toThrow(/takes path=value/)
  })
})

describe('retry schedules', () => {
  it("follow Calypso's documented series and Razorpay's 24 hours", () => {
    const calypso = retrySchedule('calypso').delays
    expect(calypso).toHaveLength(19)
    expect(calypso.slice(0, 6)).toEqual([30, 30, 60, 90, 150, 240])
    expect(calypso.at(-1)).toBe(125_430)
    expect(retrySchedule('razorpay').delays.reduce((a, b) => a + b, 0)).toBe(86_400)
    expect(retrySchedule('razorpay').succeeded(204)).toBe(true)
    expect(retrySchedule('calypso').succeeded(204)).toBe(false)
  })

  it("read each descriptor: Calypso's delays published, Razorpay's and Stripe's span, Conekta's nothing (24 h assumed)", () => {
    expect(retrySchedule('calypso').source).toBe('published')
    expect(retrySchedule('razorpay')).toMatchObject({ source: 'horizon', delays: doublingOver(86_400) })
    expect(retrySchedule('stripe')).toMatchObject({ source: 'horizon', delays: doublingOver(3 * 86_400) })
    expect(retrySchedule('stripe').delays).toHaveLength(13)
    expect(retrySchedule('conekta')).toMatchObject({ source: 'assumed', delays: doublingOver(86_400) })
    expect(retrySchedule('conekta').succeeded(201)).toBe(false)
    expect(doublingOver(86_400).slice(0, 3)).toEqual([60, 120, 240])
    expect(doublingOver(86_400).reduce((a, b) => a + b, 0)).toBe(86_400)
  })
})
