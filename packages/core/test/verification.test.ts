import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { inspect } from 'node:util'
import {
  checkTimestamp,
  dateFromUnixSeconds,
  defineVerifier,
  eventPrototype,
  matchHmacHex,
  type NormalizedEvent,
  refuse,
  signatureHeader,
  VerificationFailure,
  verifyOrThrow,
  constantTimeEqual,
  hmacHex,
  isVerificationError,
  normalizedEvent,
  parsePayload,
  rawBody,
  rsaPublicKey,
  readHeader,
  requireHeader,
  secret,
  verificationError,
  verifyHmacHex,
  verifyRsaSha256Base64,
  checkHmacHex,
  checkRsaSha256Base64,
  hmacKeys,
} from '@unihook/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { getLeft, getRight } from './helpers.js'

const encode = (text: string) => new TextEncoder().encode(text)
const BODY = '{"id":"evt_1","event":"payment.captured","amount":100}'
const hex = (algorithm: 'sha256' | 'sha512', key: string, body: string) => createHmac(algorithm, key).update(body).digest('hex')

describe('requireHeader', () => {
  it('reports a missing header, not a crash, when there is no headers object at all', () => {
    for (const headers of [undefined, null]) {
      expect(readHeader(headers, 'sign')).toBeUndefined()
      const result = requireHeader('test', headers, 'sign')
      expect(E.isLeft(result) && result.left.reason).toBe('missing_header')
    }
  })
})

describe('checkHmacHex', () => {
  const header = 'X-Test-Signature'
  const check = async (algorithm: 'sha256' | 'sha512', signature: string, secrets: (string | ReturnType<typeof secret>)[], body: string | Uint8Array = BODY) =>
    await checkHmacHex('test', { algorithm, signature, body, secrets, header })

  it.each(['sha256', 'sha512'] as const)('accepts a valid %s signature over text or bytes, in either case', async (algorithm) => {
    const signature = hex(algorithm, 'whsec_current_1', BODY)
    expect(signature).toHaveLength(algorithm === 'sha256' ? 64 : 128)
    expect(E.isRight(await check(algorithm, signature, ['whsec_current_1']))).toBe(true)
    expect(E.isRight(await check(algorithm, signature.toUpperCase(), [secret('whsec_current_1')], encode(BODY)))).toBe(true)
    expect(E.isRight(await check(algorithm, signature, hmacKeys(algorithm, ['whsec_current_1']) as never))).toBe(true)
  })

  it('is the same check as a TaskEither in verifyHmacHex', async () => {
    const task = verifyHmacHex('test', { algorithm: 'sha256', signature: hex('sha256', 'k1', BODY), body: BODY, secrets: ['k1'], header })
    expect(E.isRight(await task())).toBe(true)
  })

  it('accepts a signature made with any of several secrets (rotation)', async () => {
    const secrets = ['whsec_old_0', secret('whsec_new_1'), 'whsec_other_2']
    for (const key of ['whsec_old_0', 'whsec_new_1', 'whsec_other_2']) {
      expect(E.isRight(await check('sha256', hex('sha256', key, BODY), secrets))).toBe(true)
    }
    expect(getLeft(await check('sha256', hex('sha256', 'whsec_unknown', BODY), secrets)).reason).toBe('signature_mismatch')
  })

  it('treats an empty secret as none, so a body signed with an empty key never verifies', async () => {
    const forged = createHmac('sha256', '').update(BODY).digest('hex')
    for (const secrets of [[''], [secret('')]]) {
      const result = await check('sha256', forged, secrets)
      expect(E.isLeft(result) && result.left.reason).toBe('no_secret')
    }
    const mixed = await check('sha256', forged, ['', 'a-real-secret-value'])
    expect(E.isLeft(mixed) && mixed.left.reason).toBe('signature_mismatch')
  })

  it('reports a mismatch for a changed body or a wrong key', async () => {
    const signature = hex('sha512', 'k1-secret', BODY)
    const error = getLeft(await check('sha512', signature, ['k1-secret'], BODY.replace('100', '1000')))
    expect(error).toEqual({
      _tag: 'VerificationError',
      provider: 'test',
      reason: 'signature_mismatch',
      message: `${header} does not match the body for any configured secret`,
      header,
    })
    expect(getLeft(await check('sha512', signature, ['k2-secret'])).reason).toBe('signature_mismatch')
  })

  it('reports a malformed signature: wrong length, non-hex, the other algorithm, empty', async () => {
    const good256 = hex('sha256', 'k', BODY)
    for (const signature of [good256.slice(0, 63), `${good256}0`, `${good256.slice(0, 63)}g`, '', `sha256=${good256}`, hex('sha512', 'k', BODY)]) {
      const error = getLeft(await check('sha256', signature, ['k']))
      expect([signature, error.reason, error.header]).toEqual([signature, 'malformed_signature', header])
    }
    expect(getLeft(await check('sha512', good256, ['k'])).message).toBe(`${header} must be 128 hex characters`)
  })

  it('reports no_secret when no secret is configured', async () => {
    expect(getLeft(await check('sha256', hex('sha256', 'k', BODY), [])).reason).toBe('no_secret')
  })

  it('MACs a prefix ahead of the body (Stripe signs `<t>.<body>`), over text or bytes', async () => {
    const prefix = '1780000000.'
    const signature = hex('sha256', 'k1', `${prefix}${BODY}`)
    const checkPrefixed = (body: string | Uint8Array, withPrefix = prefix, sig = signature) =>
      checkHmacHex('test', { algorithm: 'sha256', signature: sig, prefix: withPrefix, body, secrets: ['k1'], header })
    expect(E.isRight(await checkPrefixed(BODY))).toBe(true)
    expect(E.isRight(await checkPrefixed(encode(BODY)))).toBe(true)
    // The prefix is part of what is signed: another prefix, or none, does not match.
    expect(getLeft(await checkPrefixed(BODY, '1780000001.')).reason).toBe('signature_mismatch')
    expect(getLeft(await checkPrefixed(BODY, '', hex('sha256', 'k1', BODY.slice(1)))).reason).toBe('signature_mismatch')
    expect(E.isRight(await checkPrefixed(BODY, '', hex('sha256', 'k1', BODY)))).toBe(true)
  })

  it('hmacHex signs with a string or a Secret alike', () => {
    expect(hmacHex('sha256', secret('abc'), BODY)).toBe(hex('sha256', 'abc', BODY))
    expect(hmacHex('sha512', 'abc', encode(BODY))).toBe(hex('sha512', 'abc', BODY))
  })
})

describe('checkRsaSha256Base64', () => {
  const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
  const current = keyPair()
  const previous = keyPair()
  const pem = (k: ReturnType<typeof keyPair>) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const sign = (k: ReturnType<typeof keyPair>, body: string) => createSign('RSA-SHA256').update(body).sign(k.privateKey, 'base64')
  const check = async (signature: string, publicKeys: readonly string[], body = BODY) =>
    await checkRsaSha256Base64('rsa', { signature, body: encode(body), publicKeys: publicKeys.map((k) => rsaPublicKey(k)), header: 'digest' })

  it('accepts a signature by the configured key, loaded from PEM or a KeyObject', async () => {
    const signature = sign(current, BODY)
    expect(signature).toHaveLength(344)
    expect(E.isRight(await check(signature, [pem(current)]))).toBe(true)
    expect(E.isRight(await check(`  ${signature}\n`, [pem(current)]))).toBe(true)
    const fromKeyObject = checkRsaSha256Base64('rsa', { signature, body: BODY, publicKeys: [rsaPublicKey(current.publicKey)], header: 'digest' })
    expect(E.isRight(await fromKeyObject)).toBe(true)
    expect(E.isRight(await verifyRsaSha256Base64('rsa', { signature, body: BODY, publicKeys: [rsaPublicKey(pem(current))], header: 'digest' })())).toBe(true)
  })

  it('accepts either of two keys during a rotation', async () => {
    const keys = [pem(previous), pem(current)]
    expect(E.isRight(await check(sign(previous, BODY), keys))).toBe(true)
    expect(E.isRight(await check(sign(current, BODY), keys))).toBe(true)
    expect(getLeft(await check(sign(previous, BODY), [pem(current)])).reason).toBe('signature_mismatch')
  })

  it('reports a mismatch for a changed body', async () => {
    const error = getLeft(await check(sign(current, BODY), [pem(current)], `${BODY} `))
    expect(error).toMatchObject({ reason: 'signature_mismatch', header: 'digest', provider: 'rsa' })
  })

  it('reports a signature that is not base64 as malformed', async () => {
    const signature = sign(current, BODY)
    for (const bad of ['not base64!', signature.slice(0, -1), `-${signature.slice(1)}`, '', '====']) {
      expect([bad, getLeft(await check(bad, [pem(current)])).reason]).toEqual([bad, 'malformed_signature'])
    }
  })

  it('refuses to load what is not an RSA public key, and reports no key as no_secret', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    for (const bad of [
      'garbage',
      '-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----',
      ec,
      current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ]) {
      expect(() => rsaPublicKey(bad)).toThrow(/not an RSA public key/)
    }
    expect(getLeft(await check(sign(current, BODY), [])).reason).toBe('no_secret')
  })
})

describe('rawBody', () => {
  it('keeps strings and bytes as they are, and views an ArrayBuffer or another typed array as bytes', () => {
    expect(getRight(rawBody('p', 'héllo'))).toBe('héllo')
    const bytes = encode(BODY)
    expect(getRight(rawBody('p', bytes))).toBe(bytes)
    const buffer = Buffer.from(BODY)
    expect(getRight(rawBody('p', buffer))).toBe(buffer)
    expect(new TextDecoder().decode(getRight(rawBody('p', bytes.slice().buffer)) as Uint8Array)).toBe(BODY)
    expect(new TextDecoder().decode(getRight(rawBody('p', new DataView(bytes.buffer, 1, 3))) as Uint8Array)).toBe(BODY.slice(1, 4))
  })

  it('refuses a parsed object, explaining how to read the raw body', () => {
    const error = getLeft(rawBody('razorpay', JSON.parse(BODY)))
    expect(error.reason).toBe('body_not_raw')
    expect(error.provider).toBe('razorpay')
    expect(error.message).toContain('got object')
    expect(error.message).toContain('raw request body')
    expect(getLeft(rawBody('p', null)).message).toContain('got null')
    expect(getLeft(rawBody('p', undefined)).reason).toBe('body_not_raw')
    expect(getLeft(rawBody('p', 42)).reason).toBe('body_not_raw')
  })
})

describe('parsePayload', () => {
  it('parses a JSON object from text or bytes', () => {
    expect(getRight(parsePayload('p', encode(BODY)))).toEqual(JSON.parse(BODY))
    expect(getRight(parsePayload('p', BODY))).toEqual(JSON.parse(BODY))
  })

  it('refuses what is not a JSON object', () => {
    for (const text of ['not json', '[1,2]', '"str"', '42', 'null', '']) {
      const error = getLeft(parsePayload('p', encode(text)))
      expect([text, error.reason]).toEqual([text, 'payload_not_json'])
    }
    expect(getLeft(parsePayload('p', encode('[1]'))).message).toBe('the payload is JSON but not an object')
    expect(getLeft(parsePayload('p', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).message).toBe('the payload is not valid JSON')
  })
})

describe('checkTimestamp', () => {
  const now = () => 1_700_000_000_000
  const tolerance = { toleranceMs: 180_000, now, header: 'timestamp' }

  it('accepts timestamps within the tolerance in both directions, bounds included', () => {
    for (const offset of [0, 179_999, -179_999, 180_000, -180_000]) {
      expect([offset, E.isRight(checkTimestamp('p', now() + offset, tolerance))]).toEqual([offset, true])
    }
  })

  it('refuses timestamps too far in the past or the future', () => {
    const past = getLeft(checkTimestamp('p', now() - 180_001, tolerance))
    expect(past).toMatchObject({ reason: 'timestamp_out_of_tolerance', header: 'timestamp' })
    const future = getLeft(checkTimestamp('p', now() + 600_000, tolerance))
    expect(future.reason).toBe('timestamp_out_of_tolerance')
    expect(future.message).toBe('the delivery timestamp is 600 s away from now (tolerance 180 s)')
    expect(getLeft(checkTimestamp('p', Number.NaN, tolerance)).reason).toBe('timestamp_out_of_tolerance')
  })

  it('uses the real clock when none is given', () => {
    expect(E.isRight(checkTimestamp('p', Date.now(), { toleranceMs: 5_000 }))).toBe(true)
    expect(E.isLeft(checkTimestamp('p', Date.now() - 60_000, { toleranceMs: 5_000 }))).toBe(true)
  })
})

describe('constantTimeEqual', () => {
  it('compares strings and bytes', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual(encode('héllo'), 'héllo')).toBe(true)
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false)
  })
})

describe('headers', () => {
  it('readHeader reads Headers and plain records case-insensitively; a list of one value is that value, several are none', () => {
    expect(readHeader(new Headers({ 'X-Sig': 'a' }), 'x-sig')).toBe('a')
    expect(readHeader({ 'X-Sig': 'b' }, 'x-SIG')).toBe('b')
    expect(readHeader({ 'x-sig': ['c'] }, 'X-Sig')).toBe('c')
    expect(readHeader({ 'x-sig': ['c', 'd'] }, 'X-Sig')).toBeUndefined()
    expect(readHeader({ 'x-sig': 5 as never }, 'X-Sig')).toBeUndefined()
    expect(readHeader({ other: 'x' }, 'x-sig')).toBeUndefined()
    expect(readHeader(new Headers(), 'x-sig')).toBeUndefined()
  })

  it('requireHeader reports a missing or blank header', () => {
    expect(getRight(requireHeader('p', { 'x-sig': ' v ' }, 'x-sig'))).toBe('v')
    expect(getLeft(requireHeader('p', {}, 'X-Sig'))).toEqual({
      _tag: 'VerificationError',
      provider: 'p',
      reason: 'missing_header',
      message: 'the X-Sig header is missing',
      header: 'X-Sig',
    })
    expect(getLeft(requireHeader('p', { 'x-sig': '  ' }, 'x-sig')).reason).toBe('missing_header')
  })
})

describe('verification errors and events', () => {
  it('verificationError is frozen and recognised by shape', () => {
    const error = verificationError('p', 'no_secret', 'none')
    expect(Object.isFrozen(error)).toBe(true)
    expect('header' in error).toBe(false)
    expect(isVerificationError(JSON.parse(JSON.stringify(error)))).toBe(true)
    expect(isVerificationError({ _tag: 'NotFound' })).toBe(false)
    expect(isVerificationError(null)).toBe(false)
  })

  it('normalizedEvent redacts its JSON and inspect views but keeps its data', () => {
    const event = normalizedEvent({
      provider: 'p',
      id: 'evt_1',
      type: 'webhook.created',
      data: { url: 'https://user:pw-secret@hooks.example.com', secret: 'whsec_in_payload' },
      raw: { signature: 'abc' },
    })
    expect((event.data as { secret: string }).secret).toBe('whsec_in_payload')
    expect(Object.isFrozen(event)).toBe(true)
    for (const text of [JSON.stringify(event), inspect(event, { depth: 10 })]) {
      expect(text).not.toContain('whsec_in_payload')
      expect(text).not.toContain('pw-secret')
      expect(text).toContain('evt_1')
    }
  })
})

describe('steps that refuse', () => {
  const eventOf = (payload: Record<string, unknown>) => normalizedEvent({ provider: 'p' as const, id: 'e', type: 't', data: payload, raw: payload })
  const verifierWith = (checkSignature: () => unknown, toEvent: (payload: Record<string, unknown>) => unknown = eventOf) =>
    defineVerifier({ provider: 'p' as const, signatureHeaders: ['x-sig'], checkSignature, toEvent: toEvent as never })

  it('answers a refusal, thrown or rejected, in any step, as the Left of the provider error', async () => {
    const refusing = () => refuse('signature_mismatch', 'x-sig does not match', 'x-sig')
    for (const verifier of [
      verifierWith(refusing),
      verifierWith(async () => refusing()),
      verifierWith(
        () => undefined,
        () => refuse('payload_not_json', 'not an event'),
      ),
      verifierWith(
        () => Promise.resolve(),
        async () => refuse('payload_not_json', 'not an event'),
      ),
    ]) {
      const error = getLeft(await verifier.verify('{"a":1}', {})())
      expect(error).toMatchObject({ _tag: 'VerificationError', provider: 'p' })
      expect(Object.isFrozen(error)).toBe(true)
    }
  })

  it('runs the steps in order: raw body, signature, JSON, event', async () => {
    const seen: string[] = []
    const verifier = verifierWith(
      () => void seen.push('signature'),
      (payload) => {
        seen.push('event')
        return normalizedEvent({ provider: 'p', id: 'e', type: 't', data: payload, raw: payload })
      },
    )
    expect(getLeft(await verifier.verify({ parsed: true } as never, {})()).reason).toBe('body_not_raw')
    expect(getLeft(await verifier.verify('not json', {})()).reason).toBe('payload_not_json')
    expect(seen).toEqual(['signature'])
    expect(getRight(await verifier.verify('{"a":1}', {})()).data).toEqual({ a: 1 })
    expect(seen).toEqual(['signature', 'signature', 'event'])
  })

  it('signatureHeader and matchHmacHex refuse like their Either forms', async () => {
    const keys = hmacKeys('sha256', ['k1'])
    const verifier = verifierWith(() => undefined)
    const check = defineVerifier({
      provider: 'p',
      signatureHeaders: ['x-sig'],
      checkSignature: (body, headers) =>
        matchHmacHex({ algorithm: 'sha256', signature: signatureHeader(headers, 'x-sig'), body, secrets: keys, header: 'x-sig' }),
      toEvent: eventOf,
    })
    expect(getLeft(await check.verify(BODY, {})()).reason).toBe('missing_header')
    expect(getLeft(await check.verify(BODY, { 'x-sig': ['a', 'b'] })()).reason).toBe('malformed_signature')
    expect(getLeft(await check.verify(BODY, { 'x-sig': 'zz' })()).reason).toBe('malformed_signature')
    expect(getLeft(await check.verify(BODY, { 'x-sig': hex('sha256', 'k2', BODY) })()).reason).toBe('signature_mismatch')
    expect(E.isRight(await check.verify(BODY, { 'x-sig': hex('sha256', 'k1', BODY) })())).toBe(true)
    expect(E.isRight(await verifier.verify(BODY, {})())).toBe(true)
    expect(() => signatureHeader({}, 'x-sig')).toThrow()
  })

  it('verifyOrThrow rejects with a VerificationFailure carrying the error, header only when there is one', async () => {
    const failure = await verifyOrThrow(
      verifierWith(() => refuse('missing_header', 'the x-sig header is missing', 'x-sig')),
      BODY,
      {},
    ).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(VerificationFailure)
    expect(failure).toBeInstanceOf(Error)
    expect(failure).toMatchObject({ name: 'VerificationFailure', _tag: 'VerificationError', provider: 'p', reason: 'missing_header', header: 'x-sig' })
    expect((failure as Error).message).toBe('the x-sig header is missing')
    expect(isVerificationError(failure)).toBe(true)
    const bare = await verifyOrThrow(
      verifierWith(() => refuse('no_secret', 'none')),
      BODY,
      {},
    ).catch((e: unknown) => e)
    expect('header' in (bare as object)).toBe(false)
  })
})

describe('event prototypes', () => {
  const prototype = eventPrototype((raw: { at?: unknown }) => dateFromUnixSeconds(raw.at))
  const eventAt = (at: unknown) =>
    normalizedEvent<NormalizedEvent<string, null, { at?: unknown }>>({ provider: 'p', id: 'e', type: 't', data: null, raw: { at } }, prototype)

  it('reads createdAt from the delivery once, at verification, as an own enumerable property of a frozen event', () => {
    const raw = { at: 1_700_000_000 as unknown }
    const event = normalizedEvent<NormalizedEvent<string, null, { at?: unknown }>>({ provider: 'p', id: 'e', type: 't', data: null, raw }, prototype)
    expect(event.createdAt).toEqual(new Date(1_700_000_000_000))
    expect(Object.getOwnPropertyDescriptor(event, 'createdAt')).toMatchObject({ enumerable: true, writable: false, value: event.createdAt })
    raw.at = 0
    expect(event.createdAt?.getTime()).toBe(1_700_000_000_000)
    expect(Object.isFrozen(event)).toBe(true)
  })

  it('has createdAt as an own enumerable property, which the copies users make keep', () => {
    const event = eventAt(1_700_000_000)
    expect(Object.getOwnPropertyDescriptor(event, 'createdAt')).toMatchObject({ enumerable: true })
    expect({ ...event }.createdAt).toEqual(new Date(1_700_000_000_000))
    expect(structuredClone(event).createdAt).toEqual(new Date(1_700_000_000_000))
    expect(eventAt('yesterday').createdAt).toBeUndefined()
    expect(JSON.parse(JSON.stringify({ ...eventAt(undefined) }))).not.toHaveProperty('createdAt')
  })

  it('shows createdAt in the JSON and inspect views, and leaves it out when the delivery has none', () => {
    expect(JSON.parse(JSON.stringify(eventAt(1_700_000_000))).createdAt).toBe('2023-11-14T22:13:20.000Z')
    expect(inspect(eventAt(1_700_000_000))).toContain('2023-11-14T22:13:20.000Z')
    for (const at of [undefined, 'yesterday', Number.NaN, Number.POSITIVE_INFINITY]) {
      const event = eventAt(at)
      expect(event.createdAt).toBeUndefined()
      expect('createdAt' in JSON.parse(JSON.stringify(event))).toBe(false)
    }
  })

  it('dateFromUnixSeconds reads finite numbers only', () => {
    expect(dateFromUnixSeconds(1.5)).toEqual(new Date(1500))
    for (const value of ['1', null, undefined, Number.NaN, {}]) expect(dateFromUnixSeconds(value)).toBeUndefined()
  })

  it('redacted views hide credentials at any depth', () => {
    let deep: unknown = { token: 'tok_live_secret', url: 'https://user:pw-secret@hooks.example.com' }
    for (let i = 0; i < 50; i++) deep = { next: deep }
    const event = normalizedEvent({ provider: 'p', id: 'evt_deep', type: 't', data: deep, raw: deep })
    for (const text of [JSON.stringify(event), inspect(event, { depth: Number.POSITIVE_INFINITY })]) {
      expect(text).not.toContain('tok_live_secret')
      expect(text).not.toContain('pw-secret')
      expect(text).toContain('hooks.example.com')
    }
  })
})
