/**
 * Property tests of the decoding and mapping of every adapter: any documented variant of a provider's
 * webhook object decodes and maps by the documented rules, unknown fields are kept in `raw`, nulls read
 * as absent, arbitrary JSON never throws, and what the adapter writes comes back unchanged through its
 * fake. Quick in CI (fixed seed); `UNIHOOK_PROPERTIES=long` runs 10,000 cases per property.
 */

import { inspect } from 'node:util'
import { decodeWith, type WebhookProvider } from '@unihook/core'
import { directFetch } from '@unihook/core/testing'
import { calypso, CALYPSO_EVENTS } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { codecs as conektaCodecs, conekta, CONEKTA_EVENTS, toWebhook as conektaToWebhook } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { razorpay, RAZORPAY_EVENTS } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { STRIPE_EVENTS, stripe } from '@unihook/stripe'
import { createStripeFake } from '@unihook/stripe/testing'
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { MaybeChannels, WebhookChannel } from '../../packages/calypso/src/codecs.js'
import { changePayload, changesSomething, toWebhook as calypsoToWebhook } from '../../packages/calypso/src/mapping.js'
import { createBody, updateBody } from '../../packages/conekta/src/mapping.js'
import { CONEKTA_API_VERSIONS, WEBHOOK_SCHEMAS } from '../../packages/conekta/src/versions.js'
import { WireCollection, WireWebhook } from '../../packages/razorpay/src/codecs.js'
import { toWebhook as razorpayToWebhook } from '../../packages/razorpay/src/mapping.js'
import { runs, SUITE_TIMEOUT } from './settings.js'

const STATUSES = ['active', 'disabled', 'failing', 'pending']

/** A field as providers send it: absent, `null`, or a value. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined })
const looseTrue = fc.constantFrom<unknown>(true, 'true', '1', 1)
const looseFalse = fc.constantFrom<unknown>(false, 'false', '0', 0)
const looseBoolean = fc.oneof(looseTrue, looseFalse)
const isLooseFalse = (v: unknown) => v === false || v === 'false' || v === '0' || v === 0
const isLooseTrue = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1

/** Fields no provider documents, with any JSON value: what a provider adds next year. */
const unknownFields = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x_${k}`),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
)

const webhookUrl = fc
  .tuple(fc.domain(), fc.array(fc.webSegment(), { maxLength: 3 }), fc.option(fc.webQueryParameters(), { nil: undefined }))
  .map(([host, segments, query]) => `https://${host}/${segments.join('/')}${query ? `?${query}` : ''}`)
  .filter((url) => !/localhost|127\.0\.0\.1/i.test(url) && url.length <= 512)

/** Strips `undefined` the way the wire does: what JSON.parse would give. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const firstAppearance = (items: readonly string[]) => items.filter((e, i) => items.indexOf(e) === i)

const decoded = <A>(codec: { decode: (u: unknown) => E.Either<unknown, A> }, value: unknown): A => {
  const result = decodeWith(codec as never, value) as E.Either<unknown, A>
  if (E.isLeft(result)) throw new Error(`expected ${JSON.stringify(value)} to decode: ${JSON.stringify(result.left)}`)
  return result.right
}

describe('conekta codecs and mapping (properties)', { timeout: SUITE_TIMEOUT }, () => {
  const events = fc.array(fc.oneof(fc.constantFrom(...CONEKTA_EVENTS), fc.string()), { maxLength: 8 })
  const common = {
    id: fc.string({ minLength: 1 }),
    url: webhookUrl,
    object: maybe(fc.constant('webhook')),
    status: maybe(fc.oneof(fc.constantFrom('listening', 'being_pinged', 'intermittent_errors'), fc.string())),
    subscribed_events: maybe(events),
    livemode: maybe(looseBoolean),
  }
  // API 2.1.0 and 2.2.0+ objects, each with only its own version's fields.
  const v21 = fc.record(
    {
      ...common,
      synchronous: maybe(looseBoolean),
      production_enabled: maybe(looseBoolean),
      development_enabled: maybe(looseBoolean),
      deleted: maybe(looseBoolean),
    },
    { requiredKeys: ['id', 'url'] },
  )
  const v22 = fc.record({ ...common, active: maybe(looseBoolean), description: maybe(fc.string()) }, { requiredKeys: ['id', 'url'] })
  const webhook = fc.tuple(fc.oneof(v21, v22), unknownFields).map(([known, extra]) => wire({ ...extra, ...known }) as Record<string, unknown>)

  it('decodes every 2.1.0 and 2.2.0 variant and maps it by the documented rules', () => {
    fc.assert(
      fc.property(webhook, (w) => {
        const mapped = conektaToWebhook(decoded(conektaCodecs.WebhookResponse, w))
        expect(mapped.id).toBe(w.id)
        expect(mapped.url).toBe(w.url)
        expect(mapped.events).toEqual(firstAppearance((w.subscribed_events as string[] | null) ?? []))
        expect(STATUSES).toContain(mapped.status)
        if (isLooseFalse(w.active)) expect(mapped.status).toBe('disabled')
        if (isLooseFalse(w.production_enabled) && isLooseFalse(w.development_enabled)) expect(mapped.status).toBe('disabled')
        if (w.status === 'listening' && !isLooseFalse(w.active) && !(isLooseFalse(w.production_enabled) && isLooseFalse(w.development_enabled))) {
          expect(mapped.status).toBe('active')
        }
        expect(mapped.description).toBe(w.description ?? undefined)
        expect(mapped.secret).toEqual({ kind: 'account-key' })
        // Unknown fields stay in raw, unchanged.
        for (const [key, value] of Object.entries(w)) if (key.startsWith('x_')) expect((mapped.raw as Record<string, unknown>)[key]).toEqual(value)
      }),
      runs(300),
    )
  })

  it('maps a webhook the same after a JSON round trip of its raw object', () => {
    fc.assert(
      fc.property(webhook, (w) => {
        const once = conektaToWebhook(decoded(conektaCodecs.WebhookResponse, w))
        const again = conektaToWebhook(decoded(conektaCodecs.WebhookResponse, wire(once.raw)))
        expect(JSON.stringify(again)).toBe(JSON.stringify(once))
      }),
      runs(200),
    )
  })

  it('decodes a list of any length, has_more loose', () => {
    fc.assert(
      fc.property(fc.array(webhook, { maxLength: 5 }), looseBoolean, (data, hasMore) => {
        const list = decoded(conektaCodecs.WebhookList, { object: 'list', has_more: hasMore, data })
        expect(list.data.map((d) => d.id)).toEqual(data.map((d) => d.id))
        expect(list.has_more).toBe(isLooseTrue(hasMore))
      }),
      runs(100),
    )
  })

  it('never throws on any JSON, and refuses a webhook without a string id and url', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const result = decodeWith(conektaCodecs.WebhookResponse, value)
        const ok =
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          typeof (value as { id?: unknown }).id === 'string' &&
          typeof (value as { url?: unknown }).url === 'string'
        if (!ok) expect(E.isLeft(result)).toBe(true)
        decodeWith(conektaCodecs.WebhookList, value)
        decodeWith(conektaCodecs.WebhookKeyResponse, value)
        decodeWith(conektaCodecs.ErrorEnvelope, value)
      }),
      runs(300),
    )
  })

  it('writes create and update bodies with only the fields each API version declares', () => {
    const patch = fc.record({ url: webhookUrl, events, enabled: fc.boolean() }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.constantFrom(...CONEKTA_API_VERSIONS), webhookUrl, events, patch, (version, url, list, p) => {
        const schema = WEBHOOK_SCHEMAS[version]
        const created = createBody(version, url, list)
        for (const key of Object.keys(created)) expect(schema.create).toHaveProperty(key)
        expect(created.url).toBe(url)
        if (schema.create.subscribed_events) expect(created.subscribed_events).toEqual(list)
        const body = updateBody(version, p)
        for (const key of Object.keys(body)) expect(schema.update).toHaveProperty(key)
        expect(body.url).toBe(p.url)
        const eventsKey = schema.update.events ? 'events' : 'subscribed_events'
        expect(body[eventsKey]).toEqual(p.events)
        expect(body.active).toBe(schema.update.active ? p.enabled : undefined)
      }),
      runs(200),
    )
  })
})

describe('razorpay codecs and mapping (properties)', { timeout: SUITE_TIMEOUT }, () => {
  const eventNames = fc.uniqueArray(fc.oneof(fc.constantFrom(...RAZORPAY_EVENTS), fc.string()), { maxLength: 8 })
  // `events` as the documented array, or as the `{name: truthy}` map the docs also show.
  const eventsOnTheWire = fc.oneof(
    eventNames.map((list) => ({ wire: list as unknown, expected: list })),
    fc
      .uniqueArray(
        fc.tuple(
          fc.string().filter((k) => k !== '__proto__'),
          fc.oneof(looseTrue, looseFalse),
        ),
        { selector: ([k]) => k, maxLength: 8 },
      )
      .map((pairs) => ({
        wire: Object.fromEntries(pairs) as unknown,
        expected: pairs.filter(([, on]) => isLooseTrue(on)).map(([name]) => name),
      })),
  )
  const seconds = fc.integer({ min: 1, max: 4_000_000_000 })
  const webhook = fc
    .tuple(
      fc.record(
        {
          id: fc.string({ minLength: 1 }),
          url: webhookUrl,
          entity: maybe(fc.constant('webhook')),
          created_at: maybe(seconds),
          updated_at: maybe(seconds),
          disabled_at: fc.option(fc.oneof(fc.constant(0), seconds), { nil: undefined }),
          active: maybe(looseBoolean),
          secret_exists: maybe(looseBoolean),
          service: maybe(fc.oneof(fc.constantFrom('beta-api-live', 'beta-api-test'), fc.boolean())),
          owner_id: maybe(fc.string()),
          owner_type: maybe(fc.constant('merchant')),
          alert_email: maybe(fc.emailAddress()),
        },
        { requiredKeys: ['id', 'url'] },
      ),
      eventsOnTheWire,
      unknownFields,
    )
    .map(([known, events, extra]) => ({ w: wire({ ...extra, ...known, events: events.wire }) as Record<string, unknown>, events: events.expected }))

  it('decodes events as an array or a map, and maps active, disabled_at and dates by the documented rules', () => {
    fc.assert(
      fc.property(webhook, ({ w, events }) => {
        const mapped = razorpayToWebhook(decoded(WireWebhook, w), { account: 'acc_H3kYHQ635sBwXG' })
        expect(mapped.id).toBe(w.id)
        expect(mapped.url).toBe(w.url)
        expect([...mapped.events].sort()).toEqual([...events].sort())
        const active = w.active === undefined || w.active === null ? !w.disabled_at : isLooseTrue(w.active)
        expect(mapped.status).toBe(active ? 'active' : 'disabled')
        if (typeof w.created_at === 'number') expect(mapped.createdAt?.getTime()).toBe(w.created_at * 1000)
        else expect(mapped.createdAt).toBeUndefined()
        expect(mapped.secret).toEqual(isLooseTrue(w.secret_exists) ? { kind: 'present' } : { kind: 'none' })
        for (const [key, value] of Object.entries(w)) if (key.startsWith('x_')) expect((mapped.raw as Record<string, unknown>)[key]).toEqual(value)
      }),
      runs(300),
    )
  })

  it('decodes a collection of any length; never throws on any JSON', () => {
    fc.assert(
      fc.property(fc.array(webhook, { maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }), (items, junk) => {
        const page = decoded(WireCollection, { entity: 'collection', count: items.length, items: items.map((i) => i.w) })
        expect(page.items.map((i) => i.id)).toEqual(items.map((i) => i.w.id))
        decodeWith(WireWebhook, junk)
        decodeWith(WireCollection, junk)
      }),
      runs(200),
    )
  })
})

describe('calypso codecs and mapping (properties)', { timeout: SUITE_TIMEOUT }, () => {
  const hexKey = fc.stringMatching(/^[0-9a-f]{32}$/)
  const isoDate = fc.date({ min: new Date('2015-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).chain((d) =>
    // Calypso sends dates without a zone and with microseconds; both forms decode.
    fc.constantFrom(d.toISOString(), `${d.toISOString().slice(0, -1)}616`),
  )
  const channel = fc
    .tuple(
      fc.record(
        {
          requestId: fc.uuid(),
          url: webhookUrl,
          notificationEventTypes: maybe(fc.uniqueArray(fc.oneof(fc.constantFrom(...CALYPSO_EVENTS), fc.string()), { maxLength: 6 })),
          notificationServiceTypes: maybe(fc.array(fc.string(), { maxLength: 3 })),
          publicKey: fc.option(hexKey, { nil: undefined }),
          secretKey: fc.option(hexKey, { nil: undefined }),
          createdDate: maybe(isoDate),
          enabled: maybe(looseBoolean),
          blockedByErrorCount: maybe(looseBoolean),
          errorCount: maybe(fc.nat(1000)),
          errorFirstDate: maybe(isoDate),
          errorLastDate: maybe(isoDate),
        },
        { requiredKeys: ['requestId', 'url'] },
      ),
      unknownFields,
    )
    .map(([known, extra]) => wire({ ...extra, ...known }) as Record<string, unknown> & { secretKey?: string; publicKey?: string })

  it('maps every channel by the documented status rules, keys never printable', () => {
    fc.assert(
      fc.property(channel, (c) => {
        const mapped = calypsoToWebhook(decoded(WebhookChannel, c), '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')
        expect(mapped.id).toBe(c.requestId)
        expect(mapped.url).toBe(c.url)
        expect(mapped.events).toEqual((c.notificationEventTypes as string[] | null) ?? [])
        const status = isLooseFalse(c.enabled) ? 'disabled' : isLooseTrue(c.blockedByErrorCount) || Number(c.errorCount ?? 0) > 0 ? 'failing' : 'active'
        expect(mapped.status).toBe(status)
        if (typeof c.createdDate === 'string')
          expect(mapped.createdAt?.getTime()).toBe(Date.parse(c.createdDate.endsWith('Z') ? c.createdDate : `${c.createdDate}Z`))
        for (const key of [c.secretKey, c.publicKey]) {
          if (key === undefined) continue
          expect(JSON.stringify(mapped)).not.toContain(key)
          expect(inspect(mapped, { depth: 10, showHidden: true })).not.toContain(key)
        }
      }),
      runs(300),
    )
  })

  it('reads any change answer (a channel, a list, an array, nothing) as a list, never throwing', () => {
    const answer = fc.oneof(
      channel.map((c) => ({ body: c as unknown, ids: [c.requestId] })),
      fc.array(channel, { maxLength: 3 }).map((cs) => ({ body: { subscriptions: cs } as unknown, ids: cs.map((c) => c.requestId) })),
      fc.array(channel, { maxLength: 3 }).map((cs) => ({ body: cs as unknown, ids: cs.map((c) => c.requestId) })),
      fc
        .jsonValue({ maxDepth: 2 })
        .filter((j) => E.isLeft(decodeWith(WebhookChannel, j)) && !Array.isArray(j) && !(typeof j === 'object' && j !== null && 'subscriptions' in j))
        .map((j) => ({ body: j as unknown, ids: [] as string[] })),
    )
    fc.assert(
      fc.property(answer, ({ body, ids }) => {
        const read = decoded(MaybeChannels, body)
        expect(read.map((c) => c.requestId)).toEqual(ids)
      }),
      runs(300),
    )
  })

  it('sends in a change exactly the fields the patch sets', () => {
    const patch = fc.record(
      {
        url: webhookUrl,
        events: fc.array(fc.constantFrom(...CALYPSO_EVENTS), { maxLength: 4 }),
        services: fc.array(fc.string(), { maxLength: 2 }),
        enabled: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.uuid(), patch, (id, p) => {
        const payload = changePayload(id, p)
        expect(payload.requestId).toBe(id)
        expect(payload.url).toBe(p.url)
        expect(payload.notificationEventTypes).toEqual(p.events)
        expect(payload.notificationServiceTypes).toEqual(p.services)
        expect(payload.enabled).toBe(p.enabled)
        expect(changesSomething(payload)).toBe(Object.values(p).some((v) => v !== undefined))
      }),
      runs(200),
    )
  })
})

/** What the adapter writes comes back the same through its fake: create, get, list, update. */
describe('adapter round trips through the fakes (properties)', { timeout: SUITE_TIMEOUT }, () => {
  interface Subject {
    readonly name: string
    readonly events: readonly string[]
    make(): WebhookProvider
  }
  const retry = { baseDelayMs: 0, maxDelayMs: 0 }
  const subjects: Subject[] = [
    ...CONEKTA_API_VERSIONS.map((apiVersion) => ({
      name: `conekta ${apiVersion}`,
      events: CONEKTA_EVENTS,
      make: () => {
        const fake = createConektaFake({ apiKey: 'key_test_roundtrip0001' })
        return conekta({ apiKey: 'key_test_roundtrip0001', apiVersion, fetch: directFetch(fake), retry }) as unknown as WebhookProvider
      },
    })),
    {
      name: 'razorpay',
      events: RAZORPAY_EVENTS,
      make: () => {
        const fake = createRazorpayFake({ keyId: 'rzp_test_Cq4nF7kLm2Pz9X', keySecret: 'Zx81pQw3Lr0TnBv6Ysd2KmHu', accounts: ['acc_H3kYHQ635sBwXG'] })
        return razorpay({
          keyId: 'rzp_test_Cq4nF7kLm2Pz9X',
          keySecret: 'Zx81pQw3Lr0TnBv6Ysd2KmHu',
          account: 'acc_H3kYHQ635sBwXG',
          fetch: directFetch(fake),
          retry,
        }) as unknown as WebhookProvider
      },
    },
    {
      name: 'calypso',
      events: CALYPSO_EVENTS,
      make: () => {
        const account = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
        const fake = createCalypsoFake({ apiKey: 'c529e14832b34b74972365cf7bf02430', apiSecret: 'b823a6b9ea72408583cef9ec8d67fa52', accounts: [account] })
        return calypso({
          apiKey: 'c529e14832b34b74972365cf7bf02430',
          apiSecret: 'b823a6b9ea72408583cef9ec8d67fa52',
          account,
          fetch: directFetch(fake),
          retry,
        }) as unknown as WebhookProvider
      },
    },
    {
      name: 'stripe',
      events: STRIPE_EVENTS,
      make: () => {
        const fake = createStripeFake({ apiKey: 'sk_test_51RoundTripKey00000000' })
        return stripe({ apiKey: 'sk_test_51RoundTripKey00000000', fetch: directFetch(fake), retry }) as unknown as WebhookProvider
      },
    },
  ]

  for (const subject of subjects) {
    it(`${subject.name}: any URL and events come back as written`, async () => {
      const someEvents = fc.uniqueArray(fc.constantFrom(...subject.events), { minLength: 1, maxLength: 4 })
      await fc.assert(
        fc.asyncProperty(webhookUrl, someEvents, someEvents, webhookUrl, async (url, events, nextEvents, nextUrl) => {
          const p = subject.make()
          const created = await p.create({ url, events })()
          if (E.isLeft(created)) throw new Error(`create: ${created.left._tag}: ${created.left.message}`)
          expect(created.right.url).toBe(url)
          expect([...created.right.events].sort()).toEqual([...events].sort())
          const got = await p.get(created.right.id)()
          expect(E.isRight(got) && [got.right.url, [...got.right.events].sort()]).toEqual([url, [...events].sort()])
          const updated = await p.update(created.right.id, { url: nextUrl, events: nextEvents })()
          if (E.isLeft(updated)) throw new Error(`update: ${updated.left._tag}: ${updated.left.message}`)
          const page = await p.list()()
          if (E.isLeft(page)) throw new Error(`list: ${page.left._tag}: ${page.left.message}`)
          const listed = page.right.items.find((w) => w.id === created.right.id)
          expect(listed && [listed.url, [...listed.events].sort()]).toEqual([nextUrl, [...nextEvents].sort()])
        }),
        runs(25, 1_000),
      )
    })
  }
})
