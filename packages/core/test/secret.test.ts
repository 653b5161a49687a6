import { inspect } from 'node:util'
import {
  isSecret,
  makeWebhook,
  REDACTED,
  redactDeep,
  redactText,
  redactUrl,
  revealSecret,
  secret,
  toSecret,
  type Webhook,
  withRedactedViews,
} from '@unihook/core'
import { describe, expect, it } from 'vitest'
import { renderings } from './helpers.js'

const VALUE = 'whsec_live_5be1c0ffee42'

describe('Secret', () => {
  it('shows no value through JSON.stringify, util.inspect, String or a template literal', () => {
    const s = secret(VALUE)
    expect(JSON.stringify(s)).toBe(`"${REDACTED}"`)
    expect(JSON.stringify({ nested: { s } })).toBe(`{"nested":{"s":"${REDACTED}"}}`)
    expect(inspect(s)).toBe('Secret([redacted])')
    expect(inspect({ s }, { depth: 5, showHidden: true })).not.toContain(VALUE)
    expect(String(s)).toBe(REDACTED)
    expect(`${s}`).toBe(REDACTED)
    expect(s + '').toBe(REDACTED)
    expect(s.toString()).toBe(REDACTED)
    expect(Object.keys(s)).toEqual([])
    expect(JSON.stringify({ ...s })).toBe('{}')
    for (const text of renderings(s)) expect(text).not.toContain(VALUE)
  })

  it('gives the value through reveal() and revealSecret()', () => {
    const s = secret(VALUE)
    expect(s.reveal()).toBe(VALUE)
    expect(revealSecret(s)).toBe(VALUE)
    expect(revealSecret('plain')).toBe('plain')
  })

  it('cannot be changed', () => {
    const s = secret(VALUE)
    expect(Object.isFrozen(s)).toBe(true)
    expect(() => {
      ;(s as unknown as { reveal: () => string }).reveal = () => 'other'
    }).toThrow(TypeError)
    expect(s.reveal()).toBe(VALUE)
  })

  it('refuses a value that is not a string', () => {
    expect(() => secret(42 as unknown as string)).toThrow(TypeError)
  })

  it('is recognised by isSecret across copies of core (Symbol.for), not by class', () => {
    expect(isSecret(secret(VALUE))).toBe(true)
    // What another installed copy of @unihook/core would create: same registry symbol, different object.
    const foreign = { [Symbol.for('unihook.secret')]: true, reveal: () => VALUE }
    expect(isSecret(foreign)).toBe(true)
    expect(isSecret({ [Symbol('unihook.secret')]: true })).toBe(false)
    expect(isSecret({ reveal: () => VALUE })).toBe(false)
    expect(isSecret(VALUE)).toBe(false)
    expect(isSecret(null)).toBe(false)
    expect(isSecret(undefined)).toBe(false)
  })

  it('toSecret wraps a string once and passes a Secret through', () => {
    const s = secret(VALUE)
    expect(toSecret(s)).toBe(s)
    const wrapped = toSecret(VALUE)
    expect(isSecret(wrapped)).toBe(true)
    expect(wrapped.reveal()).toBe(VALUE)
  })
})

describe('redactUrl', () => {
  it('replaces user info in URLs, inside free text too', () => {
    expect(redactUrl('https://user:pa55word@hooks.example.com/x?y=1')).toBe('https://***@hooks.example.com/x?y=1')
    expect(redactUrl('https://tokenonly@hooks.example.com')).toBe('https://***@hooks.example.com')
    expect(redactUrl('posting to http://a:b@one.test/x and ftp://c:d@two.test now')).toBe('posting to http://***@one.test/x and ftp://***@two.test now')
    expect(redactUrl('{"url":"https://u:p@h.test/p"}')).toBe('{"url":"https://***@h.test/p"}')
    // An unencoded @ inside the password: everything up to the host's @ is hidden.
    expect(redactUrl('https://user:p@ss-w0rd@hooks.example.com/x')).toBe('https://***@hooks.example.com/x')
  })

  it('replaces user info in JSON-escaped and URL-encoded URLs too', () => {
    expect(redactUrl('{"hint":"https:\\/\\/admin:hunter2pass@hooks.example.com\\/in"}')).toBe('{"hint":"https:\\/\\/***@hooks.example.com\\/in"}')
    expect(redactUrl('"https:\\\\/\\\\/admin:hunter2pass@h.test"')).toBe('"https:\\\\/\\\\/***@h.test"')
    expect(redactUrl('?url=https%3A%2F%2Fadmin%3Ahunter2pass%40hooks.example.com%2Fin')).toBe('?url=https%3A%2F%2F***%40hooks.example.com%2Fin')
    expect(redactUrl('{"u":"https://admin:p\\"w@h.test/"}')).toBe('{"u":"https://***@h.test/"}')
  })

  it('leaves URLs without credentials and e-mail addresses in paths alone', () => {
    expect(redactUrl('https://hooks.example.com/x')).toBe('https://hooks.example.com/x')
    expect(redactUrl('https://hooks.example.com/users/me@example.com')).toBe('https://hooks.example.com/users/me@example.com')
    expect(redactUrl('write to ops@example.com')).toBe('write to ops@example.com')
    expect(redactUrl('https:\\/\\/hooks.example.com\\/users\\/me@example.com')).toBe('https:\\/\\/hooks.example.com\\/users\\/me@example.com')
    expect(redactUrl('https%3A%2F%2Fhooks.example.com%2Fme%40example.com')).toBe('https%3A%2F%2Fhooks.example.com%2Fme%40example.com')
  })
})

describe('redactText', () => {
  it('replaces a secret in its JSON-escaped, URL-encoded, base64 and hex forms too', () => {
    const value = 'sk/"live"+key=42'
    const forms = [
      value,
      'sk/\\"live\\"+key=42',
      encodeURIComponent(value),
      Buffer.from(value).toString('base64').replace(/=+$/, ''),
      Buffer.from(value).toString('hex'),
    ]
    for (const form of forms) expect(redactText(`before ${form} after`, [value])).toBe(`before ${REDACTED} after`)
  })

  it('replaces every occurrence of each secret, given as a string or a Secret', () => {
    const text = `key=${VALUE}; again ${VALUE}; other sk_test_abcdef123`
    expect(redactText(text, [secret(VALUE), 'sk_test_abcdef123'])).toBe(`key=${REDACTED}; again ${REDACTED}; other ${REDACTED}`)
  })

  it('also removes URL credentials, with or without secrets', () => {
    expect(redactText('see https://u:p@h.test')).toBe('see https://***@h.test')
  })

  it('hides a Basic token whole, even where the base64 of its secret part lines up inside it', () => {
    // `rzp_test_Cq4nF7kLm2Pz9X:` is 24 bytes, so the base64 of the secret alone is a suffix of the token's.
    const keyId = 'rzp_test_Cq4nF7kLm2Pz9X'
    const keySecret = 'Zx81pQw3Lr0TnBv6Ysd2KmHu'
    const token = Buffer.from(`${keyId}:${keySecret}`).toString('base64')
    const keyIdPart = Buffer.from(`${keyId}:`).toString('base64')
    expect(token.startsWith(keyIdPart)).toBe(true)
    for (const secrets of [
      [keySecret, token],
      [token, keySecret],
    ]) {
      const text = redactText(`<pre>request headers\nauthorization: Basic ${token}\naccept: */*</pre>`, secrets)
      expect(text).not.toContain(keyIdPart)
      expect(text).toContain(`authorization: ${REDACTED}`)
      // Even outside a header, the token goes whole rather than its secret part alone.
      expect(redactText(`token ${token} end`, secrets)).toBe(`token ${REDACTED} end`)
    }
  })

  it('hides the whole value of a credential-bearing header it holds no secret for', () => {
    expect(redactText('Authorization: Bearer sk_live_unknown123; next')).toBe(`Authorization: ${REDACTED}; next`)
    expect(redactText('{"x-api-key":"abc123def456","accept":"*/*"}')).toBe(`{"x-api-key":"${REDACTED}","accept":"*/*"}`)
    expect(redactText('proxy-authorization=Basic dXNlcjpwYXNz')).toBe(`proxy-authorization=${REDACTED}`)
  })

  it('ignores values too short to be credentials, so ordinary words survive', () => {
    expect(redactText('the id is abc', ['abc'])).toBe('the id is abc')
    expect(redactText('token abcdef', ['abcdef'])).toBe(`token ${REDACTED}`)
  })
})

describe('redactDeep', () => {
  it('removes Secrets, credential-named fields, URL credentials and given values, without touching the input', () => {
    const input = {
      id: 'wh_1',
      url: 'https://u:p4ss@hooks.example.com/in',
      secret: 'plain-secret-value',
      secretKey: 'abc',
      api_key: 'k',
      Authorization: 'Bearer xyz',
      signature: 'deadbeef',
      token: 42,
      nested: [{ note: `contains ${VALUE}`, wrapped: secret('another-secret-1') }],
      enabled: true,
      password: null,
      sign: false,
      createdAt: new Date(0),
    }
    const out = redactDeep(input, [VALUE]) as Record<string, unknown>
    expect(out).toEqual({
      id: 'wh_1',
      url: 'https://***@hooks.example.com/in',
      secret: REDACTED,
      secretKey: REDACTED,
      api_key: REDACTED,
      Authorization: REDACTED,
      signature: REDACTED,
      token: REDACTED,
      nested: [{ note: `contains ${REDACTED}`, wrapped: REDACTED }],
      enabled: true,
      password: null,
      sign: false,
      createdAt: new Date(0),
    })
    expect(input.secret).toBe('plain-secret-value')
    expect(input.url).toBe('https://u:p4ss@hooks.example.com/in')
  })

  it('stops at a fixed depth instead of recursing forever', () => {
    type Deep = { next?: Deep }
    const root: Deep = {}
    let cursor = root
    for (let i = 0; i < 30; i++) {
      cursor.next = {}
      cursor = cursor.next
    }
    expect(JSON.stringify(redactDeep(root))).toContain('"[…]"')
  })

  it('passes primitives through', () => {
    expect(redactDeep(5)).toBe(5)
    expect(redactDeep(null)).toBe(null)
    expect(redactDeep(undefined)).toBe(undefined)
  })
})

describe('withRedactedViews', () => {
  it('redacts the JSON and inspect views while the properties keep their values', () => {
    const target = withRedactedViews({ id: 'x', note: `key ${VALUE}` }, [VALUE])
    expect(target.note).toBe(`key ${VALUE}`)
    expect(JSON.parse(JSON.stringify(target))).toEqual({ id: 'x', note: `key ${REDACTED}` })
    expect(inspect(target)).not.toContain(VALUE)
    expect(inspect(target)).toContain('[redacted]')
    expect(Object.keys(target)).toEqual(['id', 'note'])
  })
})

describe('makeWebhook', () => {
  const fields = {
    provider: 'memory',
    id: 'wh_1',
    url: 'https://admin:s3cr3t-pass@hooks.example.com/in',
    events: ['thing.created'],
    status: 'active' as const,
    createdAt: new Date('2024-05-01T00:00:00Z'),
    description: undefined,
    secret: { kind: 'value' as const, value: secret(VALUE), keyId: 'k1' },
    raw: { url: 'https://admin:s3cr3t-pass@hooks.example.com/in', secret: VALUE },
  }

  it('keeps the real URL and secret on the object', () => {
    const webhook = makeWebhook(fields)
    expect(webhook.url).toBe('https://admin:s3cr3t-pass@hooks.example.com/in')
    expect(webhook.secret?.kind === 'value' && webhook.secret.value.reveal()).toBe(VALUE)
  })

  it('hides URL credentials and secrets from JSON.stringify and util.inspect', () => {
    const webhook = makeWebhook(fields)
    const json = JSON.parse(JSON.stringify(webhook)) as Record<string, unknown>
    expect(json.url).toBe('https://***@hooks.example.com/in')
    expect(json.secret).toBe(REDACTED)
    expect(json.raw).toEqual({ url: 'https://***@hooks.example.com/in', secret: REDACTED })
    expect(json.createdAt).toBe('2024-05-01T00:00:00.000Z')
    for (const text of [...renderings(webhook), inspect([webhook], { depth: 10 }), JSON.stringify({ list: [webhook] })]) {
      expect(text).not.toContain('s3cr3t-pass')
      expect(text).not.toContain(VALUE)
    }
    expect(inspect(webhook)).toContain('https://***@hooks.example.com/in')
  })

  it('also hides the extra values it is told to scrub, wherever they stand', () => {
    const keyId = 'pk_live_5f0c2a9d7e'
    const webhook = makeWebhook({ ...fields, description: `signed with ${keyId}`, raw: { publicKey: keyId } }, [keyId])
    for (const text of renderings(webhook).slice(0, 2)) expect(text).not.toContain(keyId)
    expect(webhook.description).toBe(`signed with ${keyId}`)
  })

  it('keeps every field of Webhook, in the interface order', () => {
    // `Required<Webhook>`: a field added to the interface fails to compile here until it is listed.
    const every: Required<Webhook> = {
      provider: 'memory',
      id: 'wh_2',
      url: 'https://hooks.example.com/all',
      events: ['a'],
      status: 'failing',
      createdAt: new Date('2024-05-01T00:00:00Z'),
      updatedAt: new Date('2024-05-02T00:00:00Z'),
      description: 'all fields',
      account: 'acc_1',
      secret: { kind: 'present' },
      warnings: ['w'],
      providerFields: { alertEmail: null },
      raw: { id: 'wh_2' },
    }
    const webhook = makeWebhook(every)
    expect({ ...webhook }).toEqual(every)
    expect(Object.keys(webhook)).toEqual(Object.keys(every))
  })

  it('drops undefined fields and freezes the result', () => {
    const webhook = makeWebhook(fields)
    expect('description' in webhook).toBe(false)
    expect(Object.isFrozen(webhook)).toBe(true)
    expect(Object.keys(webhook)).not.toContain('toJSON')
  })
})
