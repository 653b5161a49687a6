/**
 * The delivery history as processes: `listen` records, `events list|show|resend` read and replay (a
 * sandbox delivery signed again, others byte for byte), `listen --events` filters, `trigger --override`
 * and `--add` edit the sample (redelivery.test.ts: the sandbox's retries on the provider's schedule).
 */

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Background, NO_STACK, receiver as app, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli } from './helpers.js'

const sandbox = sandboxState('each')

async function listenJson(args: readonly string[], env: Record<string, string>): Promise<{ listener: Background; url: string }> {
  const listener = startCli(['listen', '--port', '0', '--json', ...args], { env })
  const { listening } = JSON.parse(await listener.nextLine())
  return { listener, url: listening }
}

const subscribe = async (env: Record<string, string>, url: string, events: string, provider = 'razorpay') => {
  const created = await runCli(['webhooks', 'create', '--sandbox', '--provider', provider, '--url', url, '--events', events, '--json'], { env })
  expect(created.code, created.stderr).toBe(0)
}

describe('listen records a history that events list, show and resend read', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('records verified and failed deliveries with a diagnosis, filters them, and replays them', async () => {
    const target = await app()
    try {
      const env = { ...sandbox.env, RAZORPAY_KEY_SECRET: 'the_api_key_secret_of_this_test' }
      const { listener, url } = await listenJson(['--sandbox', '--count', '2', '--forward-to', target.url], env)
      await subscribe(env, `${url}/razorpay`, 'payment.captured')
      const good = await runCli(['trigger', 'razorpay', 'payment.captured', '--override', 'payload.payment.entity.amount=777', '--json'], { env })
      expect(good.code, good.stderr).toBe(0)
      // Signed with the API key secret instead of the webhook's secret: the classic mistake.
      const bad = await runCli(['trigger', 'razorpay', 'payment.captured', '--to', `${url}/razorpay`, '--secret', env.RAZORPAY_KEY_SECRET, '--json'], { env })
      expect(bad.code).toBe(1)
      expect(await listener.exited).toBe(1)

      const all = await runCli(['events', 'list', '--json'], { env })
      expect(all.code, all.stderr).toBe(0)
      const [failedOne, verifiedOne] = all.json().deliveries
      expect(verifiedOne).toMatchObject({ provider: 'razorpay', type: 'payment.captured', verified: true, eventId: expect.stringMatching(/^evt_/) })
      expect(verifiedOne.forward).toMatch(/^forwarded 200 in \d+ ms$/)
      expect(failedOne).toMatchObject({ provider: 'razorpay', verified: false, reason: 'signature_mismatch', forward: 'not forwarded (not verified)' })

      const failedOnly = await runCli(['events', 'list', '--verdict', 'failed', '--since', '1h', '--json'], { env })
      expect(failedOnly.json().deliveries.map((d: { id: string }) => d.id)).toEqual([failedOne.id])
      const none = await runCli(['events', 'list', '--provider', 'calypso', '--json'], { env })
      expect(none.json().deliveries).toEqual([])
      const old = await runCli(['events', 'list', '--until', '2020-01-01', '--json'], { env })
      expect(old.json().deliveries).toEqual([])
      const typed = await runCli(['events', 'list', '--type', 'payment.captured', '--verdict', 'verified', '--json'], { env })
      expect(typed.json().deliveries).toHaveLength(1)

      const shown = await runCli(['events', 'show', failedOne.id, '--json'], { env })
      expect(shown.code, shown.stderr).toBe(0)
      const { delivery } = shown.json()
      expect(delivery.diagnosis.findings[0]).toMatchObject({
        kind: 'wrong_secret_kind',
        message: expect.stringMatching(/RAZORPAY_KEY_SECRET \(the API key secret\)/),
      })
      expect(delivery.diagnosis.tried[0]).toMatch(/^sandbox webhook \w+ secret against X-Razorpay-Signature/)
      expect(delivery.headers['x-razorpay-signature']).toBe('[redacted]')
      expect(JSON.parse(delivery.body)).toMatchObject({ event: 'payment.captured' })
      expect(shown.stdout).not.toContain(env.RAZORPAY_KEY_SECRET)

      const human = await runCli(['events', 'show', verifiedOne.id], { env })
      expect(human.stdout).toMatch(/"amount": 777/)
      expect(human.stdout).toMatch(/signed with sandbox webhook \w+ secret/)

      // A sandbox delivery is signed again by the sandbox; sent where listen forwarded it.
      const resent = await runCli(['events', 'resend', verifiedOne.id, '--json'], { env })
      expect(resent.code, resent.stderr).toBe(0)
      expect(resent.json()).toMatchObject({ resent: { id: verifiedOne.id, to: `${target.url}/razorpay`, resigned: true, status: 200 }, delivered: true })
      expect(target.got).toHaveLength(2)
      expect(target.got[1]!.body).toBe(target.got[0]!.body)
      expect(target.got[1]!.headers['x-razorpay-signature']).toBe(target.got[0]!.headers['x-razorpay-signature'])
      expect(target.got[1]!.headers['x-razorpay-event-id']).toBe(verifiedOne.eventId)

      // Anything else goes byte for byte, to --to.
      const replayed = await runCli(['events', 'resend', failedOne.id, '--to', target.url, '--json'], { env })
      expect(replayed.json()).toMatchObject({ resent: { resigned: false, status: 200 } })
      const original = JSON.parse(bad.stdout)
      expect(original.delivered).toBe(false)
      expect(target.got[2]!.headers['x-razorpay-signature']).toMatch(/^[0-9a-f]{64}$/)

      // Without --to, to listen's forward target, even for a delivery that was not forwarded for failing to verify.
      const again = await runCli(['events', 'resend', failedOne.id], { env })
      expect(again.code, again.stderr).toBe(0)
      expect(target.got[3]!.body).toBe(target.got[2]!.body)
      const missing = await runCli(['events', 'show', 'dlv_nope'], { env })
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/NotFound: no delivery dlv_nope/)
      expect(missing.stderr).not.toMatch(NO_STACK)
      const badVerdict = await runCli(['events', 'list', '--verdict', 'maybe'], { env })
      expect(badVerdict.code).toBe(64)
      const badSince = await runCli(['events', 'list', '--since', 'yesterday-ish'], { env })
      expect(badSince.code).toBe(64)
    } finally {
      await target.close()
    }
  })

  it('keeps the history across restarts, bounded, and listen --events prints and forwards only the types asked for', async () => {
    const target = await app()
    try {
      const env = { ...sandbox.env, UNIHOOK_HISTORY_MAX: '3' }
      const first = await listenJson(['--sandbox', '--count', '1', '--events', 'payment.captured', '--forward-to', target.url], env)
      await subscribe(env, `${first.url}/razorpay`, 'order.paid,payment.captured')
      expect((await runCli(['trigger', 'razorpay', 'order.paid'], { env })).code).toBe(0)
      expect((await runCli(['trigger', 'razorpay', 'payment.captured'], { env })).code).toBe(0)
      expect(await first.listener.exited).toBe(0)
      const printed = first.listener.stdout().trim().split('\n').slice(1)
      expect(printed.map((l) => JSON.parse(l).delivery.type)).toEqual(['payment.captured'])
      expect(target.got.map((g) => JSON.parse(g.body).event)).toEqual(['payment.captured'])

      const second = await listenJson(['--sandbox', '--count', '2'], env)
      await subscribe(env, `${second.url}/razorpay`, 'refund.created')
      expect((await runCli(['trigger', 'razorpay', 'refund.created'], { env })).code).toBe(0)
      expect((await runCli(['trigger', 'razorpay', 'refund.created'], { env })).code).toBe(0)
      expect(await second.listener.exited).toBe(0)

      const listed = await runCli(['events', 'list', '--json'], { env })
      const forwards = listed.json().deliveries.map((d: { type: string; forward: string }) => [d.type, d.forward])
      // Four recorded, three kept: the oldest (order.paid, filtered) is gone.
      expect(forwards).toEqual([
        ['refund.created', 'not forwarded (no target)'],
        ['refund.created', 'not forwarded (no target)'],
        ['payment.captured', expect.stringMatching(/^forwarded 200/)],
      ])
      const noTarget = await runCli(['events', 'resend', listed.json().deliveries[0].id], { env })
      expect(noTarget.code).toBe(64)
      expect(noTarget.stderr).toMatch(/pass --to URL/)
    } finally {
      await target.close()
    }
  })
})

describe('events resend of a sandbox delivery', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('signs it again with the key as it is now, so that it still verifies after the keys were rotated', async () => {
    const env = sandbox.env
    const first = await listenJson(['--sandbox', '--count', '1'], env)
    const created = await runCli(['webhooks', 'create', '--sandbox', '--provider', 'calypso', '--url', first.url, '--events', 'INVOICE_PAID', '--json'], {
      env,
    })
    expect(created.code, created.stderr).toBe(0)
    expect((await runCli(['trigger', 'calypso', 'INVOICE_PAID'], { env })).code).toBe(0)
    expect(await first.listener.exited).toBe(0)
    const [original] = (await runCli(['events', 'list', '--json'], { env })).json().deliveries
    expect(original).toMatchObject({ provider: 'calypso', verified: true })

    // Off a terminal a rotation must be told where the new secret goes.
    const secretsOut = ['--secrets-out', join(sandbox.dir, 'rotated.json')]
    const rotated = await runCli(['webhooks', 'rotate-secret', created.json().webhook.id, '--sandbox', '--provider', 'calypso', ...secretsOut, '--json'], {
      env,
    })
    expect(rotated.code, rotated.stderr).toBe(0)
    const second = await listenJson(['--sandbox', '--count', '1'], env)
    const resent = await runCli(['events', 'resend', original.id, '--to', second.url, '--json'], { env })
    expect(resent.json()).toMatchObject({ resent: { resigned: true, status: 200 }, delivered: true })
    expect(await second.listener.exited).toBe(0)
    const again = JSON.parse(second.listener.stdout().trim().split('\n').at(-1)!).delivery
    expect(again).toMatchObject({ provider: 'calypso', verified: true, id: original.eventId })
    // The resend carries the rotated subscription's Key, not the one first sent: it was signed again.
    const [newest] = (await runCli(['events', 'list', '--json'], { env })).json().deliveries
    const keyOf = async (id: string) => (await runCli(['events', 'show', id, '--json'], { env })).json().delivery.headers.key
    expect(await keyOf(newest.id)).not.toBe(await keyOf(original.id))
  })
})

describe('trigger edits the sample', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('--override and --add edit the sample before it is signed, and a bad path is refused before anything is sent', async () => {
    const target = await app()
    try {
      const signing = ['--to', target.url, '--public-key', 'pk_edit', '--secret', 'sk_edit_secret']
      const edits = ['--override', 'data.amount="12.34"', '--add', 'data.metadata.orderId=A-1']
      const sent = await runCli(['trigger', 'calypso', 'INVOICE_PAID', ...signing, ...edits], { env: sandbox.env })
      expect(sent.code, sent.stderr).toBe(0)
      expect(JSON.parse(target.got[0]!.body).data).toMatchObject({ amount: '12.34', metadata: { orderId: 'A-1' } })
      const refused = await runCli(
        ['trigger', 'calypso', 'INVOICE_PAID', '--to', target.url, '--public-key', 'p', '--secret', 's', '--override', 'data.nope=1'],
        {
          env: sandbox.env,
        },
      )
      expect(refused.code).toBe(64)
      expect(refused.stderr).toMatch(/the sample has no "nope" \(use --add\)/)
      expect(target.got).toHaveLength(1)
    } finally {
      await target.close()
    }
  })
})
