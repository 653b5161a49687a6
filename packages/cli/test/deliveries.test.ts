/**
 * `trigger` → `listen` for each provider, `verify` on a captured delivery, `trigger --to`, and `demo`,
 * all as processes. The sandbox signs as each provider signs; the listener verifies with the sandbox's
 * own secrets and keys.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { capture, NO_STACK, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli } from './helpers.js'

const sandbox = sandboxState('all')

describe('trigger → listen', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('delivers a signed sample of each provider to a subscribed listener, which verifies each', async () => {
    const listener = startCli(['listen', '--sandbox', '--port', '0', '--count', '3', '--json'], { env: sandbox.env })
    const { listening } = JSON.parse(await listener.nextLine())
    expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const subscriptions = [
      ['conekta', 'order.paid', []],
      ['razorpay', 'payment.captured', ['--account', 'acc_Listen00000001']],
      ['calypso', 'INVOICE_PAID', []],
    ] as const
    for (const [provider, event, extra] of subscriptions) {
      const created = await runCli(
        ['webhooks', 'create', '--sandbox', '--provider', provider, ...extra, '--url', `${listening}/${provider}`, '--events', event, '--json'],
        { env: sandbox.env },
      )
      expect(created.code, created.stderr).toBe(0)
    }
    for (const [provider, event, extra] of subscriptions) {
      const triggered = await runCli(['trigger', provider, event, ...extra, '--json'], { env: sandbox.env })
      expect(triggered.code, triggered.stderr).toBe(0)
      expect(triggered.json()).toMatchObject({
        provider,
        event,
        delivered: true,
        deliveries: [{ url: `${listening}/${provider}`, status: 200, ms: expect.any(Number) }],
      })
    }
    expect(await listener.exited).toBe(0)
    const records = listener
      .stdout()
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l).delivery)
    expect(records).toEqual([
      { provider: 'conekta', verified: true, type: 'order.paid', id: expect.any(String) },
      { provider: 'razorpay', verified: true, type: 'payment.captured', id: expect.stringMatching(/^evt_/), account: 'acc_Listen00000001' },
      { provider: 'calypso', verified: true, type: 'INVOICE_PAID', id: expect.any(String) },
    ])
  })

  it('says exactly why a delivery does not verify, and forwards only verified ones', async () => {
    const app = await capture()
    try {
      const listener = startCli(['listen', '--port', '0', '--count', '2', '--forward-to', app.url], {
        env: { ...sandbox.env, UNIHOOK_RAZORPAY_WEBHOOK_SECRETS: 'right-secret' },
      })
      const url = (await listener.nextLine()).match(/http:\/\/127\.0\.0\.1:\d+/)![0]
      const good = await runCli(['trigger', 'razorpay', 'order.paid', '--to', url, '--secret', 'right-secret', '--json'], { env: sandbox.env })
      expect(good.json()).toMatchObject({ delivered: true, deliveries: [{ status: 200 }] })
      const bad = await runCli(['trigger', 'razorpay', 'order.paid', '--to', url, '--secret', 'wrong-secret', '--json'], { env: sandbox.env })
      expect(bad.code).toBe(1)
      expect(bad.json().deliveries[0].status).toBe(400)
      expect(await listener.exited).toBe(1)
      const lines = listener.stdout().trim().split('\n').slice(1)
      expect(lines[0]).toMatch(/razorpay\s+order\.paid\s+evt_\w+ verified → forwarded 200/)
      expect(lines[1]).toMatch(/razorpay .* NOT verified: signature_mismatch/)
      expect(app.got).toHaveLength(1)
      expect(JSON.parse(app.got[0]!.body)).toMatchObject({ entity: 'event', event: 'order.paid' })
      expect(listener.stdout()).not.toContain('right-secret')
    } finally {
      await app.close()
    }
  })
})

describe('verify', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('verifies a captured delivery, and names the failure when the body was altered', async () => {
    const app = await capture()
    try {
      const sent = await runCli(['trigger', 'calypso', 'PAYOUT_CONFIRMED', '--to', app.url, '--public-key', 'pk_demo', '--secret', 'sk_demo'], {
        env: sandbox.env,
      })
      expect(sent.code, sent.stderr).toBe(0)
      const { body, headers } = app.got[0]!
      writeFileSync(join(sandbox.dir, 'body.json'), body)
      const args = [
        'verify',
        '--provider',
        'calypso',
        '--body',
        join(sandbox.dir, 'body.json'),
        '--header',
        `Key: ${headers.key}`,
        '--header',
        `Sign: ${headers.sign}`,
      ]
      const ok = await runCli([...args, '--secret', 'sk_demo', '--json'], { env: sandbox.env })
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.json()).toMatchObject({ verified: true, provider: 'calypso', event: { type: 'PAYOUT_CONFIRMED', data: { currency: 'USDT' } } })

      writeFileSync(join(sandbox.dir, 'body.json'), body.replace('250.00', '999.00'))
      const altered = await runCli([...args, '--secret', 'sk_demo', '--json'], { env: sandbox.env })
      expect(altered.code).toBe(1)
      expect(altered.json()).toMatchObject({ verified: false, provider: 'calypso', reason: 'signature_mismatch' })

      const noKey = await runCli(args, { env: sandbox.env })
      expect(noKey.code).toBe(1)
      expect(noKey.stdout).toMatch(/NOT verified: no_secret/)

      const badHeader = await runCli(['verify', '--provider', 'calypso', '--body', join(sandbox.dir, 'body.json'), '--header', 'no colon here'], {
        env: sandbox.env,
      })
      expect(badHeader.code).toBe(64)
      expect(badHeader.stderr).not.toMatch(NO_STACK)
    } finally {
      await app.close()
    }
  })

  it('an unreachable --to target is a failure with a clear message', async () => {
    const run = await runCli(['trigger', 'razorpay', 'payment.captured', '--to', 'http://127.0.0.1:9/hooks', '--secret', 's3cr3t-value'], { env: sandbox.env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/NetworkError: could not deliver to http:\/\/127\.0\.0\.1:9\/hooks/)
    expect(run.stderr).not.toMatch(NO_STACK)
    expect(run.stderr).not.toContain('s3cr3t-value')
  })

  it('an unknown event is a usage error', async () => {
    const run = await runCli(['trigger', 'conekta', 'order.teleported'], { env: sandbox.env })
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/"order\.teleported" is not a conekta event/)
  })
})

describe('demo', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('runs the tour and exits 0 with every step ok', async () => {
    const run = await runCli(['demo', '--json'], { timeoutMs: 60_000 })
    expect(run.code, run.stderr).toBe(0)
    const doc = run.json()
    expect(doc.ok).toBe(true)
    expect(doc.steps.map((s: { step: string }) => s.step)).toEqual([
      'plan',
      'apply',
      'converged',
      'list',
      'conekta order.paid',
      'razorpay payment.captured',
      'calypso INVOICE_PAID',
      'stripe payment_intent.succeeded',
    ])
    expect(doc.webhooks).toHaveLength(5)
  })
})
