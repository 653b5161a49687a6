/**
 * The registry and the descriptors in it: the generated files are current, and every descriptor does
 * what a tool serving every provider will ask of it (the CLI's sandbox, `trigger`, `listen`, `verify`),
 * with no provider named here.
 */

import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AnyProviderDescriptor, createReceiver } from '@unihook/core'
import { randomHex, serveFake } from '@unihook/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { generatedFiles } from '../scripts/generate.mjs'
import { adapterPackages } from '../scripts/workspace.mjs'
import { REGISTRY } from './registry.js'
import { SUBJECTS } from './reliability/subjects.js'

const root = new URL('../', import.meta.url).pathname

describe('the files derived from packages/*/package.json', () => {
  it('are current (node scripts/generate.mjs rewrites them)', () => {
    for (const [file, text] of Object.entries(generatedFiles())) expect(readFileSync(`${root}${file}`, 'utf8'), file).toBe(text)
  })

  it('register every adapter package, and the registry holds each name once', () => {
    const names = REGISTRY.map((d) => d.name)
    for (const p of adapterPackages()) expect(names).toContain(p.dir)
    expect(new Set(names).size).toBe(names.length)
    // The reliability suites build a subject from each adapter package's descriptor (its contract.testFake): none may be missing.
    expect([...new Set(SUBJECTS.map((s) => s.name))].sort()).toEqual(
      adapterPackages()
        .map((p) => p.dir)
        .sort(),
    )
    const variables = REGISTRY.flatMap((d) => [...Object.values(d.credentials.variables), d.credentials.baseUrlVariable, d.credentials.accountVariable])
    expect(new Set(variables).size).toBe(variables.length)
  })
})

/** A receiver on 127.0.0.1 that verifies each delivery with the keys `keys()` gives at that moment. */
async function receiver(verify: (body: Uint8Array, headers: Headers) => Promise<boolean>) {
  const results: boolean[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
      void verify(new Uint8Array(Buffer.concat(chunks)), headers).then((ok) => {
        results.push(ok)
        res.writeHead(ok ? 200 : 400).end()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, results, close: () => new Promise((r) => server.close(r)) }
}

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})

describe.each(REGISTRY.map((d) => [d.name, d] as const))('the %s descriptor', (_name, d: AnyProviderDescriptor) => {
  it('builds the adapter it describes: same name, events and capability table', () => {
    const adapter = d.credentials.build({ credentials: d.sandbox.credentials, account: d.sandbox.accounts[0], baseUrl: 'https://example.test' })
    expect(adapter.provider).toBe(d.name)
    expect(adapter.events).toEqual(d.events)
    expect(adapter.capabilities).toEqual(d.capabilities)
    expect(Object.keys(d.sandbox.credentials).sort()).toEqual(Object.keys(d.credentials.variables).sort())
    for (const event of d.samples.events) expect(d.events).toContain(event)
    for (const id of d.credentials.identifiers) expect(Object.keys(d.credentials.variables)).toContain(id)
  })

  it('checks a create input as the adapter create does, before any request (what plan refuses)', async () => {
    const input = { url: 'not a url', events: [d.events[0], 'no.such_event'] }
    const paths = (issues: readonly { path: string }[]) => issues.map((i) => i.path).sort()
    const checked = paths(d.checkCreateInput(input))
    expect(checked).toEqual(expect.arrayContaining(['url', 'events[1]']))
    // The adapter's create refuses the same fields locally: a fetch that throws shows no request is made.
    const fetch = () => Promise.reject(new Error('no request may be sent'))
    const adapter = d.credentials.build({
      credentials: d.sandbox.credentials,
      account: d.sandbox.accounts[0],
      baseUrl: 'https://example.test',
      transport: { fetch },
    })
    const result = await adapter.create(input as never)()
    const refusal = result._tag === 'Left' ? result.left : undefined
    expect(refusal).toMatchObject({ _tag: 'ValidationError', source: 'local' })
    if (refusal?._tag === 'ValidationError') expect(paths(refusal.issues)).toEqual(expect.arrayContaining(checked))
    expect(d.checkCreateInput({ url: 'https://shop.example.com/hooks', events: [d.events[0]] })).toEqual([])
  })

  it('refuses unusable settings with a TypeError', () => {
    const empty = Object.fromEntries(Object.keys(d.credentials.variables).map((k) => [k, '']))
    expect(() => d.credentials.build({ credentials: empty, baseUrl: 'https://example.test' })).toThrow(TypeError)
  })

  it('runs a sandbox whose deliveries verify with the keys read from its persisted state', async () => {
    const fake = d.sandbox.fake()
    const served = await serveFake(fake.runtime)
    cleanups.push(served.close)
    const account = d.sandbox.accounts[0]
    const adapter = d.credentials.build({ credentials: d.sandbox.credentials, baseUrl: served.url, sandbox: true, ...(account ? { account } : {}) })
    const state = () => JSON.parse(JSON.stringify(fake.snapshot()))
    const hook = await receiver(async (body, headers) => {
      const keys = d.sandbox.keys(state())
      const result = await createReceiver([d.verification.verifier(keys)]).receiveRaw(body, headers)()
      return result._tag === 'Right' && result.right.provider === d.name
    })
    cleanups.push(hook.close)
    const [event] = d.samples.events
    const created = await adapter.create({ url: hook.url, events: [event] })()
    expect(created._tag).toBe('Right')

    const sent = await fake.deliver(event, account)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ url: hook.url, status: 200 })
    expect(hook.results).toEqual([true])

    // A second fake restored from the persisted state holds the same webhook and still delivers.
    const restored = d.sandbox.fake()
    restored.restore(state())
    const again = await restored.deliver(event, account)
    expect(again.map((r) => r.status)).toEqual([200])
  })

  it('signs a sample by hand that verifies with the keys a user passes', async () => {
    if (d.samples.input.some((i) => i.file)) return // a key file: see the provider's own test below
    const input = Object.fromEntries(d.samples.input.map((i) => [i.name, `${i.name}_${randomHex(12)}`]))
    const [event] = d.samples.events
    const signed = d.samples.sign(event, input, d.sandbox.accounts[0])
    const keys = d.verification.keysFromInput(Object.fromEntries(d.verification.input.map((i) => [i.name, [input[i.name] ?? '']])))
    const verified = await createReceiver([d.verification.verifier(keys)]).receiveRaw(signed.body, new Headers(signed.headers))()
    expect(verified._tag === 'Right' && verified.right.event.type).toBe(event)
    for (const header of d.verification.signatureHeaders) expect(new Headers(signed.headers).has(header)).toBe(true)
    // With another key, it does not verify.
    const other = d.verification.keysFromInput(Object.fromEntries(d.verification.input.map((i) => [i.name, ['wrong-key-0123456789']])))
    expect((await createReceiver([d.verification.verifier(other)]).receiveRaw(signed.body, new Headers(signed.headers))())._tag).toBe('Left')
  })

  it('reads keys from its environment variable', () => {
    const read = (path: string) => `contents of ${path}`
    const keys = d.verification.keysFromVariable(' one , two ', read)
    expect(keys).toHaveLength(2)
    for (const key of keys) expect(key.value).toMatch(/one|two/)
  })
})
