/**
 * The built `unihook` binary against its sandbox: every `webhooks` command with `--json`, state that
 * survives from one process to the next, secrets kept out of output, and bad input answered with the
 * documented exit code and no stack trace.
 */

import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ESCAPE, NO_STACK, readSecrets, runCli, sandboxState, SPAWN_TIMEOUT_MS } from './helpers.js'

const ACCOUNT = 'acc_TestShop000001'
const sandbox = sandboxState('all')

describe('unihook webhooks (sandbox)', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('creates in one process, and later processes see it: get, list, update, rotate-secret, delete', async () => {
    const created = await runCli(
      [
        'webhooks',
        'create',
        '--sandbox',
        '--provider',
        'razorpay',
        '--account',
        ACCOUNT,
        '--url',
        'https://shop.example.com/hooks',
        '--events',
        'payment.captured,order.paid',
        '--alert-email',
        'ops@example.com',
        '--json',
      ],
      { env: sandbox.env },
    )
    expect(created.code, created.stderr).toBe(0)
    const webhook = created.json().webhook
    expect(webhook).toMatchObject({
      provider: 'razorpay',
      account: ACCOUNT,
      url: 'https://shop.example.com/hooks',
      events: ['payment.captured', 'order.paid'],
      status: 'active',
      secret: { kind: 'value' },
    })
    // The generated secret is not shown without --show-secret.
    expect(webhook.secret.value).toBeUndefined()
    const state = JSON.parse(readFileSync(sandbox.env.UNIHOOK_SANDBOX_STATE!, 'utf8'))
    const stored = state.razorpay.webhooks.find((w: { id: string }) => w.id === webhook.id)
    expect(stored.secret).toEqual(expect.any(String))
    expect(created.stdout).not.toContain(stored.secret)
    expect(statSync(sandbox.env.UNIHOOK_SANDBOX_STATE!).mode & 0o777).toBe(0o600)

    const got = await runCli(['webhooks', 'get', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'], { env: sandbox.env })
    expect(got.code).toBe(0)
    expect(got.json().webhook).toMatchObject({ id: webhook.id, secret: { kind: 'present' } })

    const listed = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'], { env: sandbox.env })
    expect(listed.json()).toMatchObject({ provider: 'razorpay', account: ACCOUNT, webhooks: [{ id: webhook.id }] })

    const updated = await runCli(
      ['webhooks', 'update', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--events', 'refund.created', '--json'],
      { env: sandbox.env },
    )
    expect(updated.code, updated.stderr).toBe(0)
    expect(updated.json().webhook.events).toEqual(['refund.created'])

    const secretsFile = join(sandbox.dir, 'secrets.json')
    const rotated = await runCli(
      ['webhooks', 'rotate-secret', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--secrets-out', secretsFile, '--json'],
      { env: sandbox.env },
    )
    expect(rotated.code, rotated.stderr).toBe(0)
    // Written before the rotation was sent (pending), then confirmed (rotated): the same secret.
    const lines = readSecrets(secretsFile)
    expect(lines).toEqual([
      expect.objectContaining({ provider: 'razorpay', account: ACCOUNT, webhookId: webhook.id, secret: expect.any(String), state: 'pending' }),
      expect.objectContaining({ provider: 'razorpay', account: ACCOUNT, webhookId: webhook.id, secret: lines[0]?.secret, state: 'rotated' }),
    ])
    const newSecret = lines[1]!.secret
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600)
    expect(rotated.stdout).not.toContain(newSecret)
    const after = JSON.parse(readFileSync(sandbox.env.UNIHOOK_SANDBOX_STATE!, 'utf8')).razorpay.webhooks.find((w: { id: string }) => w.id === webhook.id)
    expect(after.secret).toBe(newSecret)

    const shown = await runCli(
      ['webhooks', 'rotate-secret', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--show-secret', '--json'],
      { env: sandbox.env },
    )
    const secret = shown.json().rotation.secret
    expect(secret).toEqual(expect.any(String))
    expect(JSON.parse(readFileSync(sandbox.env.UNIHOOK_SANDBOX_STATE!, 'utf8')).razorpay.webhooks[0].secret).toBe(secret)

    const deleted = await runCli(['webhooks', 'delete', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'], {
      env: sandbox.env,
    })
    expect(deleted.json()).toEqual({ deleted: { provider: 'razorpay', id: webhook.id, account: ACCOUNT } })
    const empty = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'], { env: sandbox.env })
    expect(empty.json().webhooks).toEqual([])
  })

  it("Conekta's test ping, Calypso's services, and an Unsupported operation shown plainly", async () => {
    const conekta = await runCli(
      ['webhooks', 'create', '--sandbox', '--provider', 'conekta', '--url', 'https://shop.example.com/conekta', '--events', 'order.paid', '--json'],
      { env: sandbox.env },
    )
    expect(conekta.code, conekta.stderr).toBe(0)
    // The ping goes to an unreachable host; its redeliveries are not this test's subject.
    const tested = await runCli(['webhooks', 'test', conekta.json().webhook.id, '--sandbox', '--provider', 'conekta', '--no-redeliver', '--json'], {
      env: sandbox.env,
    })
    expect(tested.code, tested.stderr).toBe(0)
    expect(tested.json()).toMatchObject({ tested: true, webhook: { id: conekta.json().webhook.id } })

    const calypso = await runCli(
      [
        'webhooks',
        'create',
        '--sandbox',
        '--provider',
        'calypso',
        '--account',
        `0x${'12'.repeat(20)}`,
        '--url',
        'https://shop.example.com/calypso',
        '--services',
        'PAYOUT',
        '--json',
      ],
      { env: sandbox.env },
    )
    expect(calypso.code, calypso.stderr).toBe(0)
    expect(calypso.json().webhook).toMatchObject({ provider: 'calypso', account: `0x${'12'.repeat(20)}`, secret: { kind: 'value' } })
    expect(calypso.json().webhook.secret.value).toBeUndefined()

    const unsupported = await runCli(['webhooks', 'test', 'AbCdEfGhIjKlMn', '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'], {
      env: sandbox.env,
    })
    expect(unsupported.code).toBe(1)
    expect(unsupported.json().error).toMatchObject({ tag: 'Unsupported', provider: 'razorpay', exitCode: 1 })
  })

  it('prints a table for humans, without colour when stdout is not a terminal', async () => {
    const human = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'conekta'], { env: sandbox.env })
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('https://shop.example.com/conekta')
    expect(human.stdout).toMatch(/│/)
    expect(human.stdout).not.toContain(ESCAPE)
  })
})

describe.concurrent('bad input', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const cases: { name: string; args: string[]; env?: Record<string, string>; code: number; message: RegExp }[] = [
    { name: 'an unknown command', args: ['frobnicate'], code: 64, message: /unknown command "frobnicate"/ },
    {
      name: 'an unknown webhooks subcommand',
      args: ['webhooks', 'explode', '--provider', 'razorpay'],
      code: 64,
      message: /unknown command "webhooks explode"/,
    },
    {
      name: 'an unknown provider',
      args: ['webhooks', 'list', '--provider', 'paypal', '--sandbox'],
      code: 64,
      message: /unknown provider "paypal".*conekta, razorpay, calypso, stripe/,
    },
    { name: 'an unknown flag', args: ['webhooks', 'list', '--provider', 'razorpay', '--colour'], code: 64, message: /unknown flag --colour for webhooks list/ },
    {
      name: 'missing credentials',
      args: ['webhooks', 'list', '--provider', 'razorpay', '--account', ACCOUNT],
      code: 64,
      message: /RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET/,
    },
    {
      name: 'a bad --limit',
      args: ['webhooks', 'list', '--provider', 'conekta', '--sandbox', '--limit', 'lots'],
      code: 64,
      message: /--limit must be a whole number/,
    },
    {
      name: 'a webhook id the adapter refuses locally',
      args: ['webhooks', 'get', 'not an id', '--provider', 'razorpay', '--account', ACCOUNT, '--sandbox'],
      code: 64,
      message: /ValidationError/,
    },
    {
      name: 'an unreachable target',
      args: ['webhooks', 'list', '--provider', 'razorpay', '--account', ACCOUNT],
      env: { RAZORPAY_KEY_ID: 'rzp_test_Unreachable01', RAZORPAY_KEY_SECRET: 'sekret-value-123', RAZORPAY_BASE_URL: 'http://127.0.0.1:9' },
      code: 1,
      message: /NetworkError/,
    },
  ]
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, a clear message, no stack trace`, async () => {
      const run = await runCli(c.args, { env: { ...sandbox.env, ...c.env } })
      expect(run.code, run.stderr).toBe(c.code)
      expect(run.stderr).toMatch(c.message)
      expect(run.stderr).not.toMatch(NO_STACK)
      expect(run.stderr).not.toContain('sekret-value-123')
      const json = await runCli([...c.args, '--json'], { env: { ...sandbox.env, ...c.env } })
      expect(json.code).toBe(c.code)
      expect(json.json().error).toMatchObject({
        message: expect.stringMatching(c.message.source.includes('Unknown option') ? /Unknown option/ : /./),
        exitCode: c.code,
      })
    })
  }

  it('shows the stack only with --debug', async () => {
    const run = await runCli(['webhooks', 'list', '--provider', 'razorpay', '--account', ACCOUNT, '--debug'], { env: sandbox.env })
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/^\s+at\s/m)
  })
})
