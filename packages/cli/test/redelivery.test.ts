/**
 * Redelivery in the sandbox, as processes: every sandbox delivery the receiver does not accept is sent
 * again on the provider's schedule, compressed by `--speed`, with the same event id (Stripe's signed anew
 * at its time); `--no-redeliver` sends once; a running `unihook sandbox` redelivers in the background and
 * cancels what is pending when stopped; `listen` records each attempt in the history.
 */

import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSecrets, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli, waitFor } from './helpers.js'

const sandbox = sandboxState('each')

/** A receiver answering `statuses` in turn (then `rest`), keeping each delivery and when it arrived. */
async function target(statuses: number[], rest = 200) {
  const got: { body: string; headers: IncomingHttpHeaders; at: number }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      got.push({ body, headers: req.headers, at: performance.now() })
      res.writeHead(statuses.shift() ?? rest).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, close: () => new Promise((r) => server.close(r)) }
}

/** A port nothing listens on: a server bound to port 0, then closed. */
async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise((r) => server.close(r))
  return `http://127.0.0.1:${port}/hooks`
}

const subscribe = async (env: Record<string, string>, provider: string, url: string, events: string) => {
  const created = await runCli(['webhooks', 'create', '--sandbox', '--provider', provider, '--url', url, '--events', events, '--json'], { env })
  expect(created.code, created.stderr).toBe(0)
  return created.json().webhook as { id: string }
}

describe('the sandbox redelivers what the receiver did not accept', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('500 twice then 200: three deliveries, one event id, the same bytes, in schedule order with compressed gaps', async () => {
    const app = await target([500, 500])
    try {
      await subscribe(sandbox.env, 'razorpay', `${app.url}/hooks`, 'payment.captured')
      // Razorpay's assumed backoff starts 60 s, 120 s: at --speed 600, 100 ms then 200 ms.
      const run = await runCli(['trigger', 'razorpay', 'payment.captured', '--speed', '600', '--json'], { env: sandbox.env })
      expect(run.code, run.stderr).toBe(0)
      expect(run.json()).toMatchObject({
        delivered: true,
        deliveries: [
          {
            status: 500,
            redelivery: 'accepted',
            redeliveries: [
              { after: 60, status: 500 },
              { after: 120, status: 200 },
            ],
          },
        ],
      })
      expect(app.got).toHaveLength(3)
      expect(new Set(app.got.map((g) => g.headers['x-razorpay-event-id'])).size).toBe(1)
      expect(new Set(app.got.map((g) => g.body)).size).toBe(1)
      const [first, second, third] = app.got.map((g) => g.at) as [number, number, number]
      // Timers never fire early (1 ms allowed for clock rounding); a gap far above the compressed one would mean no compression.
      expect(second - first).toBeGreaterThanOrEqual(99)
      expect(third - second).toBeGreaterThanOrEqual(199)
      expect(second - first).toBeLessThan(third - second)
      expect(third - first).toBeLessThan(5_000)
      expect(run.stderr).toMatch(/1 delivery\(ies\) not accepted: redelivering on razorpay's schedule \(11 retries over 24 h/)
      expect(run.stderr).toMatch(/redelivered razorpay delivery to http:\/\/127\.0\.0\.1:\d+\/hooks \(retry 2 of 11, 120 s on the schedule\): 200/)
    } finally {
      await app.close()
    }
  })

  it("a receiver that always fails gets the provider's last retry and no more (Calypso: 19), exit 1", async () => {
    const app = await target([], 500)
    try {
      await subscribe(sandbox.env, 'calypso', app.url, 'INVOICE_PAID')
      const run = await runCli(['trigger', 'calypso', 'INVOICE_PAID', '--speed', '2000000', '--json'], { env: sandbox.env })
      expect(run.code).toBe(1)
      const [row] = run.json().deliveries
      expect(row.redelivery).toBe('exhausted')
      expect(row.redeliveries).toHaveLength(19)
      expect(row.redeliveries.at(-1)).toEqual({ after: 125_430, status: 500 })
      expect(app.got).toHaveLength(20)
      expect(new Set(app.got.map((g) => JSON.parse(g.body).id)).size).toBe(1)
    } finally {
      await app.close()
    }
  })

  it('a receiver that does not answer is retried too, to the end of the schedule', async () => {
    await subscribe(sandbox.env, 'razorpay', await closedPort(), 'payment.captured')
    const run = await runCli(['trigger', 'razorpay', 'payment.captured', '--speed', '10000000', '--json'], { env: sandbox.env })
    expect(run.code).toBe(1)
    const [row] = run.json().deliveries
    expect(row.error).toBeDefined()
    expect(row.redelivery).toBe('exhausted')
    expect(row.redeliveries).toHaveLength(11)
    expect(row.redeliveries.every((a: { error?: string }) => /ECONNREFUSED/.test(a.error ?? ''))).toBe(true)
  })

  it('--no-redeliver sends once; --speed with it, or with --to, is refused before anything is sent', async () => {
    const app = await target([], 500)
    try {
      await subscribe(sandbox.env, 'razorpay', app.url, 'payment.captured')
      const once = await runCli(['trigger', 'razorpay', 'payment.captured', '--no-redeliver', '--json'], { env: sandbox.env })
      expect(once.code).toBe(1)
      expect(once.json().deliveries[0]).toEqual(expect.not.objectContaining({ redeliveries: expect.anything() }))
      expect(app.got).toHaveLength(1)
      const both = await runCli(['trigger', 'razorpay', 'payment.captured', '--no-redeliver', '--speed', '10'], { env: sandbox.env })
      expect(both.code).toBe(64)
      const slow = await runCli(['trigger', 'razorpay', 'payment.captured', '--speed', '0.5'], { env: sandbox.env })
      expect(slow.code).toBe(64)
      expect(slow.stderr).toMatch(/--speed must be a number ≥ 1/)
      const to = await runCli(['trigger', 'razorpay', 'payment.captured', '--to', app.url, '--secret', 's', '--speed', '10'], { env: sandbox.env })
      expect(to.code).toBe(64)
      expect(app.got).toHaveLength(1)
    } finally {
      await app.close()
    }
  })

  it('Stripe: each retry is signed anew at its time with the endpoint secret, the event id unchanged', async () => {
    const app = await target([500])
    try {
      await subscribe(sandbox.env, 'stripe', app.url, 'payment_intent.succeeded')
      const secret = readSecrets(join(sandbox.dir, 'sandbox-secrets.jsonl'))[0]?.secret ?? ''
      expect(secret).toMatch(/^whsec_/)
      // The first retry is 60 s of the schedule: at --speed 50, 1.2 s, so the signed second changes.
      const run = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--speed', '50', '--json'], { env: sandbox.env })
      expect(run.code, run.stderr).toBe(0)
      expect(app.got).toHaveLength(2)
      const signed = app.got.map((g) => {
        const parts = Object.fromEntries(
          String(g.headers['stripe-signature'])
            .split(',')
            .map((p) => p.split('=') as [string, string]),
        )
        return { t: Number(parts.t), v1: parts.v1, id: JSON.parse(g.body).id }
      })
      expect(signed[1]!.t).toBeGreaterThan(signed[0]!.t)
      expect(signed[1]!.id).toBe(signed[0]!.id)
      for (const [i, s] of signed.entries()) expect(s.v1).toBe(createHmac('sha256', secret).update(`${s.t}.${app.got[i]!.body}`).digest('hex'))
    } finally {
      await app.close()
    }
  })
})

describe('a running sandbox redelivers in the background', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it("redelivers Conekta's test ping until accepted, and on SIGINT cancels what is pending and stops cleanly", async () => {
    const app = await target([500])
    const dead = await target([], 503)
    const running = startCli(['sandbox', '--port', '0', '--speed', '600', '--json'], { env: sandbox.env })
    try {
      await running.nextLine()
      const webhook = await subscribe(sandbox.env, 'conekta', `${app.url}/conekta`, 'order.paid')
      const tested = await runCli(['webhooks', 'test', webhook.id, '--sandbox', '--provider', 'conekta', '--json'], { env: sandbox.env })
      expect(tested.code, tested.stderr).toBe(0)
      // The command returned at once: the running sandbox, not the command, owns the retry.
      await waitFor(running.stderr, /redelivered conekta delivery to .*\/conekta \(retry 1 of \d+, 60 s on the schedule\): 200/, 20_000)
      expect(app.got).toHaveLength(2)
      expect(JSON.parse(app.got[1]!.body).id).toBe(JSON.parse(app.got[0]!.body).id)

      // trigger delivers from its own process, and hands the retries to the running sandbox: it returns at once.
      const shop = await target([503])
      try {
        await subscribe(sandbox.env, 'razorpay', `${shop.url}/shop`, 'payment.captured')
        const triggered = await runCli(['trigger', 'razorpay', 'payment.captured', '--json'], { env: sandbox.env })
        expect(triggered.code).toBe(1)
        expect(triggered.json().deliveries[0]).toMatchObject({ status: 503, redelivery: 'handed-off', redeliveries: [] })
        expect(triggered.stderr).toMatch(/handing their redeliveries to the running sandbox \(pid \d+\)/)
        await waitFor(running.stderr, /redelivered razorpay delivery to .*\/shop \(retry 1 of 11, 60 s on the schedule\): 200/, 20_000)
        expect(shop.got).toHaveLength(2)
        expect(shop.got[1]!.headers['x-razorpay-event-id']).toBe(shop.got[0]!.headers['x-razorpay-event-id'])
      } finally {
        await shop.close()
      }
      // Only with the runtime file's token, and never from a web page.
      const { control } = JSON.parse(readFileSync(join(sandbox.dir, 'state.run.json'), 'utf8'))
      const forged = { provider: 'razorpay', sent: { url: dead.url, headers: {}, body: '{}' } }
      const post = (headers: Record<string, string>) =>
        fetch(new URL('/_unihook/redeliveries', control.url), { method: 'POST', headers, body: JSON.stringify(forged) }).then((r) => r.status)
      expect(await post({})).toBe(403)
      expect(await post({ 'x-unihook-token': `${control.token}x` })).toBe(403)
      expect(await post({ 'x-unihook-token': control.token, origin: 'http://evil.example' })).toBe(403)
      expect(dead.got).toHaveLength(0)

      // A receiver that always fails: its retries are pending when the sandbox is stopped.
      const failing = await subscribe(sandbox.env, 'conekta', dead.url, 'order.paid')
      await runCli(['webhooks', 'test', failing.id, '--sandbox', '--provider', 'conekta'], { env: sandbox.env })
      await waitFor(running.stderr, /redelivered conekta delivery to http:\/\/127\.0\.0\.1:\d+\/ \(retry 1 of/, 20_000)
      running.child.kill('SIGINT')
      expect(await running.exited).toBe(0)
      expect(running.stderr()).toMatch(/1 pending redelivery\(ies\) cancelled/)
      const reached = dead.got.length
      await new Promise((r) => setTimeout(r, 500))
      expect(dead.got).toHaveLength(reached)
    } finally {
      running.child.kill('SIGKILL')
      await app.close()
      await dead.close()
    }
  })
})

describe('the history records each attempt', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('listen forwards each redelivery and records it: three records of one event id, forwarded 500, 500, 200', async () => {
    const app = await target([500, 500])
    const listener = startCli(['listen', '--port', '0', '--json', '--sandbox', '--count', '3', '--forward-to', app.url], { env: sandbox.env })
    try {
      const { listening } = JSON.parse(await listener.nextLine())
      await subscribe(sandbox.env, 'razorpay', `${listening}/razorpay`, 'payment.captured')
      const run = await runCli(['trigger', 'razorpay', 'payment.captured', '--speed', '6000', '--json'], { env: sandbox.env })
      expect(run.code, run.stderr).toBe(0)
      expect(await listener.exited).toBe(0)
      const listed = await runCli(['events', 'list', '--json'], { env: sandbox.env })
      const records = listed.json().deliveries as { eventId: string; verified: boolean; forward: string }[]
      expect(records).toHaveLength(3)
      expect(new Set(records.map((r) => r.eventId)).size).toBe(1)
      expect(records.every((r) => r.verified)).toBe(true)
      // Newest first.
      expect(records.map((r) => r.forward.match(/forwarded (\d+)/)?.[1])).toEqual(['200', '500', '500'])
    } finally {
      listener.child.kill('SIGKILL')
      await app.close()
    }
  })
})

describe('events resend of a Stripe sandbox delivery', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('is signed again by the sandbox, at the time of the resend, with its endpoint secret', async () => {
    const listener = startCli(['listen', '--port', '0', '--json', '--sandbox', '--count', '1'], { env: sandbox.env })
    const app = await target([])
    try {
      const { listening } = JSON.parse(await listener.nextLine())
      await subscribe(sandbox.env, 'stripe', listening, 'payment_intent.succeeded')
      expect((await runCli(['trigger', 'stripe', 'payment_intent.succeeded'], { env: sandbox.env })).code).toBe(0)
      expect(await listener.exited).toBe(0)
      const [original] = (await runCli(['events', 'list', '--json'], { env: sandbox.env })).json().deliveries
      expect(original).toMatchObject({ provider: 'stripe', verified: true })
      await new Promise((r) => setTimeout(r, 1_100))
      const resent = await runCli(['events', 'resend', original.id, '--to', app.url, '--json'], { env: sandbox.env })
      expect(resent.json()).toMatchObject({ resent: { resigned: true, status: 200 }, delivered: true })
      const secret = readSecrets(join(sandbox.dir, 'sandbox-secrets.jsonl'))[0]?.secret ?? ''
      const [got] = app.got
      const parts = Object.fromEntries(
        String(got!.headers['stripe-signature'])
          .split(',')
          .map((p) => p.split('=') as [string, string]),
      )
      expect(Number(parts.t) * 1000).toBeGreaterThan(Date.parse(original.receivedAt))
      expect(parts.v1).toBe(createHmac('sha256', secret).update(`${parts.t}.${got!.body}`).digest('hex'))
    } finally {
      listener.child.kill('SIGKILL')
      await app.close()
    }
  })
})
