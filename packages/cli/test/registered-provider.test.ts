/**
 * The CLI serves a provider it was never built with: the reference adapter (test/reference/acme),
 * compiled to one JavaScript module here and registered with `UNIHOOK_PROVIDERS`, appears in the sandbox,
 * `webhooks list`, `trigger`, `listen` and `verify` of the built binary, with no CLI source naming it.
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capture, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli, tempDir } from './helpers.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// Inside packages/cli, so that the module's `@unihook/core` imports resolve to the CLI's own copy.
const outDir = join(root, 'packages/cli/node_modules/.cache/unihook-test', `acme-${process.pid}`)
const module = join(outDir, 'acme-descriptor.mjs')

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: [join(root, 'test/reference/acme-descriptor.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: module,
    external: ['@unihook/*'],
    logLevel: 'silent',
  })
})
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const sandbox = sandboxState('all')
const env = () => ({ ...sandbox.env, UNIHOOK_PROVIDERS: module })

describe('a provider registered at run time', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('gets sandbox credentials, a base URL on the port after the documented ones, and its webhooks listed', async () => {
    const printed = await runCli(['sandbox', '--print-env', '--json'], { env: env() })
    expect(printed.code, printed.stderr).toBe(0)
    expect(printed.json().env).toMatchObject({
      ACME_API_KEY: expect.any(String),
      ACME_SIGNING_KEY: expect.any(String),
      ACME_BASE_URL: 'http://127.0.0.1:4014',
      STRIPE_BASE_URL: 'http://127.0.0.1:4013',
      CONEKTA_BASE_URL: 'http://127.0.0.1:4010',
      CALYPSO_BASE_URL: 'http://127.0.0.1:4012',
    })
    // Without the registration the CLI does not know it.
    const unknown = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'acme'], { env: sandbox.env })
    expect(unknown.code).toBe(64)
    expect(unknown.stderr).toMatch(/unknown provider "acme"/)

    const created = await runCli(
      ['webhooks', 'create', '--sandbox', '--provider', 'acme', '--url', 'https://shop.example.com/acme', '--events', 'invoice.paid', '--json'],
      { env: env() },
    )
    expect(created.code, created.stderr).toBe(0)
    const listed = await runCli(['webhooks', 'list', '--sandbox', '--json'], { env: env() })
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.json().providers).toContain('acme')
    expect(listed.json().webhooks).toContainEqual(expect.objectContaining({ provider: 'acme', url: 'https://shop.example.com/acme', events: ['invoice.paid'] }))
  })

  it('triggers a sandbox delivery that listen verifies with the sandbox keys', async () => {
    const listener = startCli(['listen', '--sandbox', '--port', '0', '--count', '1', '--json'], { env: env() })
    const { listening } = JSON.parse(await listener.nextLine())
    const created = await runCli(['webhooks', 'create', '--sandbox', '--provider', 'acme', '--url', `${listening}/acme`, '--events', 'payout.sent', '--json'], {
      env: env(),
    })
    expect(created.code, created.stderr).toBe(0)
    const triggered = await runCli(['trigger', 'acme', 'payout.sent', '--sandbox', '--json'], { env: env() })
    expect(triggered.code, triggered.stderr).toBe(0)
    expect(triggered.json()).toMatchObject({ provider: 'acme', event: 'payout.sent', delivered: true, deliveries: [{ url: `${listening}/acme`, status: 200 }] })
    expect(await listener.exited).toBe(0)
    const [, line] = listener.stdout().trim().split('\n')
    expect(JSON.parse(line ?? '{}').delivery).toMatchObject({ provider: 'acme', verified: true, type: 'payout.sent' })
  })

  it('signs a delivery by hand with trigger --to, which verify accepts with that secret only', async () => {
    const app = await capture()
    const files = tempDir()
    try {
      const sent = await runCli(['trigger', 'acme', 'invoice.paid', '--to', `${app.url}/hooks`, '--secret', 'acme-test-secret', '--json'], { env: env() })
      expect(sent.code, sent.stderr).toBe(0)
      const [delivery] = app.got
      if (!delivery) throw new Error('nothing was delivered')
      const body = join(files.dir, 'body.json')
      writeFileSync(body, delivery.body)
      const headers = Object.entries(delivery.headers)
        .filter(([name]) => name.startsWith('acme-'))
        .flatMap(([name, value]) => ['-H', `${name}: ${String(value)}`])
      const verify = (secret: string) => runCli(['verify', '--provider', 'acme', '--body', body, ...headers, '--secret', secret, '--json'], { env: env() })
      const good = await verify('acme-test-secret')
      expect(good.code, good.stderr).toBe(0)
      expect(good.json()).toMatchObject({ verified: true, provider: 'acme', event: { type: 'invoice.paid' } })
      const bad = await verify('another-secret')
      expect(bad.code).toBe(1)
      expect(bad.json()).toMatchObject({ verified: false, provider: 'acme' })
    } finally {
      files.cleanup()
      await app.close()
    }
  })

  it('is refused, before anything runs, when the module exports no descriptor', async () => {
    const files = tempDir()
    try {
      const empty = join(files.dir, 'nothing.mjs')
      writeFileSync(empty, 'export const notADescriptor = 1\n')
      const run = await runCli(['webhooks', 'list', '--sandbox'], { env: { ...sandbox.env, UNIHOOK_PROVIDERS: empty } })
      expect(run.code).toBe(64)
      expect(run.stderr).toMatch(/UNIHOOK_PROVIDERS: .*nothing\.mjs exports no provider descriptor/)
    } finally {
      files.cleanup()
    }
  })
})
