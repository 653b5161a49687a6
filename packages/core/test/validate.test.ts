import { checkEvents, checkId, checkPatch, checkListQuery, checkPageSize, checkUrl, guarded, sameEvents, type Capabilities } from '@unihook/core'
import { MEMORY_CAPABILITIES } from '@unihook/core/testing'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { left, right } from './helpers.js'

describe('checkUrl', () => {
  it('accepts http and https URLs', () => {
    expect(checkUrl('https://hooks.example.com/in')).toEqual([])
    expect(checkUrl('http://hooks.example.com:8080/in?x=1')).toEqual([])
  })

  it('requires a URL', () => {
    for (const value of [undefined, null, '', '   ', 42]) expect(checkUrl(value)).toEqual([{ path: 'url', message: 'a URL is required' }])
  })

  it('refuses what is not an absolute URL, or another scheme', () => {
    expect(checkUrl('hooks.example.com/in')).toEqual([{ path: 'url', message: 'is not a well-formed absolute URL' }])
    expect(checkUrl('/relative')).toEqual([{ path: 'url', message: 'is not a well-formed absolute URL' }])
    expect(checkUrl('ftp://hooks.example.com')).toEqual([{ path: 'url', message: 'must use http or https (got ftp)' }])
    expect(checkUrl('javascript:alert(1)')).toEqual([{ path: 'url', message: 'must use http or https (got javascript)' }])
  })

  it('applies the provider rules: https only, length, refused hosts', () => {
    expect(checkUrl('http://hooks.example.com', { httpsOnly: true })).toEqual([{ path: 'url', message: 'must use https (got http)' }])
    expect(checkUrl('https://hooks.example.com', { httpsOnly: true })).toEqual([])
    const long = `https://hooks.example.com/${'x'.repeat(300)}`
    expect(checkUrl(long, { maxLength: 255 })).toEqual([{ path: 'url', message: `must be at most 255 characters (got ${long.length})` }])
    const refusedHosts = [/^localhost$/, /(^|\.)ngrok\.io$/, /\.local$/]
    expect(checkUrl('https://abc.NGROK.io/x', { refusedHosts })).toEqual([{ path: 'url', message: 'the provider refuses the host abc.ngrok.io' }])
    expect(checkUrl('http://localhost:3000', { refusedHosts })).toEqual([{ path: 'url', message: 'the provider refuses the host localhost' }])
    expect(checkUrl('https://notngrok.io.example.com', { refusedHosts })).toEqual([])
  })

  it('uses the given path', () => {
    expect(checkUrl('', {}, 'payload.url')).toEqual([{ path: 'payload.url', message: 'a URL is required' }])
  })
})

describe('checkEvents', () => {
  const catalog = ['a.created', 'a.updated', 'b.done']

  it('names another kind of name, with its own advice, when told to', () => {
    expect(checkEvents(['INVOICE', 'LOTTERY'], ['INVOICE'], { noun: 'service', hint: 'known: INVOICE' }, 'services')).toEqual([
      { path: 'services[1]', message: 'unknown service "LOTTERY" (known: INVOICE)' },
    ])
    expect(checkEvents('INVOICE', ['INVOICE'], { noun: 'service' }, 'services')).toEqual([{ path: 'services', message: 'must be an array of service names' }])
    expect(checkEvents([], ['INVOICE'], { noun: 'service' }, 'services')).toEqual([{ path: 'services', message: 'must name at least one service' }])
  })

  it('checkPatch checks only what an update sets, with the provider URL rule when given', () => {
    expect(checkPatch({}, catalog)).toEqual([])
    expect(checkPatch(undefined, catalog)).toEqual([{ path: 'patch', message: 'must be an object of the fields to change' }])
    expect(checkPatch({ url: 'nope', events: ['x.y'] }, catalog).map((i) => i.path)).toEqual(['url', 'events[0]'])
    expect(checkPatch({ events: ['x.y'], allowUnknownEvents: true }, catalog)).toEqual([])
    expect(checkPatch({ events: [] }, catalog)).toEqual([{ path: 'events', message: 'must name at least one event' }])
    expect(checkPatch({ events: [] }, catalog, { allowEmptyEvents: true })).toEqual([])
    expect(checkPatch({ url: 'https://ok.test/h' }, catalog, { url: () => [{ path: 'url', message: 'refused here' }] })).toEqual([
      { path: 'url', message: 'refused here' },
    ])
  })

  it('sameEvents compares event lists as sets', () => {
    expect(sameEvents(['a', 'b'], ['b', 'a'])).toBe(true)
    expect(sameEvents(['a', 'b'], ['a', 'a'])).toBe(false)
    expect(sameEvents(['a'], ['a', 'b'])).toBe(false)
    expect(sameEvents([], [])).toBe(true)
  })

  it('accepts names from the catalog', () => {
    expect(checkEvents(['a.created', 'b.done'], catalog)).toEqual([])
  })

  it('reports each problem at its index', () => {
    expect(checkEvents(['a.created', 'nope', 7, '', 'a.created'], catalog)).toEqual([
      { path: 'events[1]', message: 'unknown event "nope" (set allowUnknownEvents to send names outside the catalog)' },
      { path: 'events[2]', message: 'must be a non-empty string' },
      { path: 'events[3]', message: 'must be a non-empty string' },
      { path: 'events[4]', message: '"a.created" is listed twice' },
    ])
  })

  it('lets unknown names through when asked, but still refuses duplicates', () => {
    expect(checkEvents(['custom.x', 'a.created'], catalog, { allowUnknown: true })).toEqual([])
    expect(checkEvents(['custom.x', 'custom.x'], catalog, { allowUnknown: true })).toEqual([{ path: 'events[1]', message: '"custom.x" is listed twice' }])
  })

  it('requires a non-empty array unless empty is allowed', () => {
    expect(checkEvents([], catalog)).toEqual([{ path: 'events', message: 'must name at least one event' }])
    expect(checkEvents([], catalog, { allowEmpty: true })).toEqual([])
    expect(checkEvents('a.created', catalog)).toEqual([{ path: 'events', message: 'must be an array of event names' }])
    expect(checkEvents(undefined, catalog, {}, 'subscribed_events')).toEqual([{ path: 'subscribed_events', message: 'must be an array of event names' }])
  })
})

describe('checkPageSize and checkId', () => {
  it('accepts a missing or positive integer page size within the limit', () => {
    expect(checkPageSize(undefined, 10)).toEqual([])
    expect(checkPageSize(1, 10)).toEqual([])
    expect(checkPageSize(10, 10)).toEqual([])
    expect(checkPageSize(1000, undefined)).toEqual([])
  })

  it('refuses other page sizes', () => {
    for (const size of [0, -1, 2.5, '5', Number.NaN, null]) {
      expect([size, checkPageSize(size, 10)]).toEqual([size, [{ path: 'pageSize', message: 'must be a positive integer' }]])
    }
    expect(checkPageSize(11, 10)).toEqual([{ path: 'pageSize', message: 'must be at most 10' }])
  })

  it('checkId matches a pattern', () => {
    expect(checkId('wh_123', /^wh_\d+$/, 'webhook id')).toEqual([])
    expect(checkId('../etc', /^wh_\d+$/, 'webhook id')).toEqual([{ path: 'id', message: 'is not a valid webhook id' }])
    expect(checkId(5, /^\d+$/, 'id', 'webhookId')).toEqual([{ path: 'webhookId', message: 'is not a valid id' }])
  })
})

describe('checkListQuery', () => {
  const ctx = { provider: 'acme', operation: 'list' } as const
  const caps = (overrides: Partial<Capabilities> = {}): Capabilities => ({ ...MEMORY_CAPABILITIES, ...overrides })

  it('accepts a query the provider can serve', () => {
    expect(checkListQuery(caps(), {}, ctx)).toBeUndefined()
    expect(checkListQuery(caps(), { url: 'https://x.test', pageSize: 50 }, ctx)).toBeUndefined()
  })

  it('refuses filters the provider cannot apply with Unsupported', () => {
    const error = checkListQuery(caps({ listFilters: [] }), { url: 'https://x.test', createdAfter: new Date() }, ctx)
    expect(error).toMatchObject({ _tag: 'Unsupported', message: 'acme does not support the list filters url, createdAfter', operation: 'list' })
    expect(checkListQuery(caps(), { createdBefore: new Date() }, ctx)?.message).toBe('acme does not support the list filter createdBefore')
  })

  it('refuses a bad page size or date with a local ValidationError', () => {
    const all = caps({ listFilters: ['url', 'createdAfter', 'createdBefore'] })
    const error = checkListQuery(all, { pageSize: 51, createdAfter: new Date('nope') }, ctx)
    expect(error).toMatchObject({
      _tag: 'ValidationError',
      source: 'local',
      issues: [
        { path: 'pageSize', message: 'must be at most 50' },
        { path: 'createdAfter', message: 'must be a valid Date' },
      ],
    })
    expect(checkListQuery(all, { createdBefore: '2024-01-01' as unknown as Date }, ctx)?._tag).toBe('ValidationError')
  })
})

describe('guarded', () => {
  const ctx = { provider: 'acme', operation: 'create' } as const

  it('refuses before running when there are issues', async () => {
    let ran = false
    const error = await left(
      guarded(ctx, [{ path: 'url', message: 'a URL is required' }], () => {
        ran = true
        return TE.right(1)
      }),
    )
    expect(ran).toBe(false)
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'local', message: 'invalid input: url: a URL is required' })
  })

  it('runs the request when there are none', async () => {
    expect(await right(guarded(ctx, [], () => TE.right(7)))).toBe(7)
  })
})
