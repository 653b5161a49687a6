/**
 * `unihook sandbox` as a process: it serves three fakes, other commands use it with `--sandbox`, its
 * state is saved on SIGTERM and reloaded by the next one, and a port in use is a clear error.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NO_STACK, readSecrets, runCli, SPAWN_TIMEOUT_MS, startCli, tempDir } from './helpers.js'

let dir: string
let cleanup: () => void
let state: string

beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  state = join(dir, 'sandbox.json')
})
afterEach(() => cleanup())

describe('unihook sandbox', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('serves the fakes, is used by --sandbox, saves on SIGTERM and reloads on the next start', async () => {
    const sandbox = startCli(['sandbox', '--port', '0', '--state', state, '--json'])
    const info = JSON.parse(await sandbox.nextLine())
    expect(Object.keys(info.urls)).toEqual(['conekta', 'razorpay', 'calypso', 'stripe'])
    for (const url of Object.values(info.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.credentials.razorpay.keyId).toMatch(/^rzp_test_/)
    expect(existsSync(join(dir, 'sandbox.run.json'))).toBe(true)

    // A command with --sandbox talks to the running sandbox (not an in-process one).
    const created = await runCli([
      'webhooks',
      'create',
      '--sandbox',
      '--state',
      state,
      '--provider',
      'calypso',
      '--url',
      'https://shop.example.com/c',
      '--events',
      'INVOICE_PAID',
      '--json',
    ])
    expect(created.code, created.stderr).toBe(0)
    const id = created.json().webhook.id

    // The sandbox's URLs work for an app pointed at it with the printed environment.
    const printed = await runCli(['sandbox', '--state', state, '--print-env', '--json'])
    expect(printed.json()).toMatchObject({ running: true, env: { CALYPSO_BASE_URL: info.urls.calypso, RAZORPAY_BASE_URL: info.urls.razorpay } })
    const viaEnv = await runCli(['webhooks', 'get', id, '--provider', 'calypso', '--json'], { env: printed.json().env })
    expect(viaEnv.code, viaEnv.stderr).toBe(0)
    expect(viaEnv.json().webhook.url).toBe('https://shop.example.com/c')

    sandbox.child.kill('SIGTERM')
    expect(await sandbox.exited).toBe(0)
    expect(sandbox.stderr()).toMatch(/state saved/)
    expect(existsSync(join(dir, 'sandbox.run.json'))).toBe(false)
    const saved = JSON.parse(readFileSync(state, 'utf8'))
    expect(saved.calypso.subscriptions.map((s: { requestId: string }) => s.requestId)).toEqual([id])

    const again = startCli(['sandbox', '--port', '0', '--state', state, '--json'])
    await again.nextLine()
    const listed = await runCli(['webhooks', 'list', '--sandbox', '--state', state, '--provider', 'calypso', '--json'])
    expect(listed.json().webhooks.map((w: { id: string }) => w.id)).toEqual([id])
    again.child.kill('SIGINT')
    expect(await again.exited).toBe(0)
  })

  it('a profile of the config file points a command at an API, with credentials from the variables it names', async () => {
    const sandbox = startCli(['sandbox', '--port', '0', '--state', state, '--json'])
    try {
      const { urls, credentials } = JSON.parse(await sandbox.nextLine())
      const config = join(dir, 'unihook.config.json')
      const profile = { baseUrl: urls.razorpay, account: 'acc_Profile0000001', env: { keyId: 'STAGING_RZP_ID', keySecret: 'STAGING_RZP_SECRET' } }
      writeFileSync(config, JSON.stringify({ profiles: { staging: { razorpay: profile } } }))
      const env = { STAGING_RZP_ID: credentials.razorpay.keyId, STAGING_RZP_SECRET: credentials.razorpay.keySecret }
      const created = await runCli(
        [
          'webhooks',
          'create',
          '--provider',
          'razorpay',
          '--profile',
          'staging',
          '-c',
          config,
          '--url',
          'https://shop.example.com/p',
          '--events',
          'order.paid',
          '--json',
        ],
        { env, cwd: dir },
      )
      expect(created.code, created.stderr).toBe(0)
      expect(created.json().webhook).toMatchObject({ account: 'acc_Profile0000001', url: 'https://shop.example.com/p' })
      // With no --secrets-out, the generated secret is kept in the project's default file, named on stderr.
      const kept = join(dir, '.unihook', 'secrets.jsonl')
      expect(created.stderr).toContain(kept)
      expect(readSecrets(kept).find((s) => s.state === 'created')).toMatchObject({ webhookId: created.json().webhook.id, url: 'https://shop.example.com/p' })

      const missing = await runCli(['webhooks', 'list', '--provider', 'razorpay', '--profile', 'staging', '-c', config])
      expect(missing.code).toBe(64)
      expect(missing.stderr).toMatch(/set the environment variables STAGING_RZP_ID and STAGING_RZP_SECRET/)
      const unknown = await runCli(['webhooks', 'list', '--provider', 'razorpay', '--profile', 'prod', '-c', config], { env })
      expect(unknown.code).toBe(64)
      expect(unknown.stderr).toMatch(/no profile "prod" in .*unihook\.config\.json \(profiles: staging\)/)

      writeFileSync(config, JSON.stringify({ profiles: { staging: { razorpay: { ...profile, env: { keySecret: 'hunter2 is the secret' } } } } }))
      const literal = await runCli(['webhooks', 'list', '--provider', 'razorpay', '--profile', 'staging', '-c', config], { env })
      expect(literal.code).toBe(64)
      expect(literal.stderr).toMatch(/profiles\.staging\.razorpay\.env\.keySecret: must name the environment variable/)
      expect(literal.stderr).not.toContain('hunter2')
    } finally {
      sandbox.child.kill('SIGTERM')
      await sandbox.exited
    }
  })

  it('a port in use is a clear error', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const run = await runCli(['sandbox', '--port', String(port), '--state', state])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(new RegExp(`port ${port} \\(the conekta sandbox\\) is in use`))
      expect(run.stderr).not.toMatch(NO_STACK)
      expect(existsSync(join(dir, 'sandbox.run.json'))).toBe(false)
    } finally {
      await new Promise((r) => blocker.close(r))
    }
  })
})
