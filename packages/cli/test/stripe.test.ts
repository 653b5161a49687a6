/**
 * Stripe through the CLI, as processes on the sandbox: `webhooks` (create with its `whsec_…` secret,
 * get, list, update, delete), `trigger` → `listen` (a delivery signed as Stripe signs, verified with the
 * endpoint's secret), `verify` of a captured delivery, and `plan`/`apply` of a config naming Stripe.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { capture, readSecrets, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli } from './helpers.js'

const sandbox = sandboxState('each')

describe('Stripe in the CLI', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('manages an endpoint, and a triggered event reaches a listener that verifies it', async () => {
    const listener = startCli(['listen', '--sandbox', '--port', '0', '--count', '1', '--json'], { env: sandbox.env })
    const { listening } = JSON.parse(await listener.nextLine())
    const url = `${listening}/stripe`
    const created = await runCli(
      ['webhooks', 'create', '--sandbox', '--provider', 'stripe', '--url', url, '--events', 'payment_intent.succeeded', '--description', 'orders', '--json'],
      { env: sandbox.env },
    )
    expect(created.code, created.stderr).toBe(0)
    const webhook = created.json().webhook
    expect(webhook).toMatchObject({ provider: 'stripe', url, events: ['payment_intent.succeeded'], description: 'orders', status: 'active' })
    expect(webhook.id).toMatch(/^we_/)

    const triggered = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--json'], { env: sandbox.env })
    expect(triggered.code, triggered.stderr).toBe(0)
    expect(triggered.json()).toMatchObject({ provider: 'stripe', delivered: true, deliveries: [{ url, status: 200 }] })
    expect(await listener.exited).toBe(0)
    const [record] = listener
      .stdout()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line).delivery)
    expect(record).toEqual({ provider: 'stripe', verified: true, type: 'payment_intent.succeeded', id: expect.stringMatching(/^evt_/) })

    const got = await runCli(['webhooks', 'get', webhook.id, '--sandbox', '--provider', 'stripe', '--json'], { env: sandbox.env })
    expect(got.json().webhook).toMatchObject({ id: webhook.id, url })
    const updated = await runCli(['webhooks', 'update', webhook.id, '--sandbox', '--provider', 'stripe', '--enabled', 'false', '--json'], { env: sandbox.env })
    expect(updated.code, updated.stderr).toBe(0)
    expect(updated.json().webhook).toMatchObject({ id: webhook.id, status: 'disabled' })
    const listed = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'stripe', '--json'], { env: sandbox.env })
    expect(listed.json().webhooks.map((w: { id: string }) => w.id)).toEqual([webhook.id])
    const deleted = await runCli(['webhooks', 'delete', webhook.id, '--sandbox', '--provider', 'stripe', '--json'], { env: sandbox.env })
    expect(deleted.code, deleted.stderr).toBe(0)
    const gone = await runCli(['webhooks', 'get', webhook.id, '--sandbox', '--provider', 'stripe', '--json'], { env: sandbox.env })
    expect(gone.code).not.toBe(0)
  })

  it('verifies a delivery signed with --secret, and names the failure when the body was altered', async () => {
    const app = await capture()
    const secret = 'whsec_cliStripe0123456789abcdef'
    try {
      const sent = await runCli(['trigger', 'stripe', 'charge.refunded', '--to', app.url, '--secret', secret], { env: sandbox.env })
      expect(sent.code, sent.stderr).toBe(0)
      const { body, headers } = app.got[0]!
      expect(headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
      const file = join(sandbox.dir, 'body.json')
      writeFileSync(file, body)
      const args = ['verify', '--provider', 'stripe', '--body', file, '--header', `Stripe-Signature: ${headers['stripe-signature']}`, '--json']
      const ok = await runCli([...args, '--secret', secret], { env: sandbox.env })
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.json()).toMatchObject({ verified: true, provider: 'stripe', event: { type: 'charge.refunded' } })
      expect(ok.stdout).not.toContain(secret)
      writeFileSync(file, body.replace('"charge.refunded"', '"charge.captured"'))
      const altered = await runCli([...args, '--secret', secret], { env: sandbox.env })
      expect(altered.code).toBe(1)
      expect(altered.json()).toMatchObject({ verified: false, provider: 'stripe', reason: 'signature_mismatch' })
    } finally {
      await app.close()
    }
  })

  it('plans and applies a config naming Stripe, handing out the endpoint secret once', async () => {
    writeFileSync(
      join(sandbox.dir, 'unihook.config.json'),
      JSON.stringify({ webhooks: [{ provider: 'stripe', url: 'https://shop.example.com/stripe', events: ['invoice.paid', 'charge.refunded'] }] }),
    )
    const planned = await runCli(['plan', '--sandbox', '--json'], { env: sandbox.env, cwd: sandbox.dir })
    expect(planned.code, planned.stderr).toBe(0)
    expect(planned.json().summary).toMatchObject({ creates: 1, updates: 0, deletes: 0 })
    const applied = await runCli(['apply', '--sandbox', '--yes', '--json', '--secrets-out', join(sandbox.dir, 'secrets.json')], {
      env: sandbox.env,
      cwd: sandbox.dir,
    })
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.json()).toMatchObject({ complete: true, summary: { succeeded: 1, failed: 0 }, secrets: { returned: 1 } })
    expect(applied.stdout).not.toMatch(/whsec_/)
    const [kept] = readSecrets(join(sandbox.dir, 'secrets.json'))
    expect(kept).toMatchObject({ provider: 'stripe', state: 'created', secret: expect.stringMatching(/^whsec_/) })
    const again = await runCli(['plan', '--sandbox', '--json'], { env: sandbox.env, cwd: sandbox.dir })
    expect(again.json().summary).toMatchObject({ creates: 0, updates: 0, deletes: 0 })
  })
})
