/**
 * `listen --inspect` in a real browser: Debian's headless Chromium (`/usr/bin/chromium`, or
 * `CHROMIUM_PATH`), driven by playwright-core, which never downloads a browser. Deliveries appear live,
 * a tampered one shows its diagnosis, the resend button reaches the forward target, and requests
 * without the token (or from another origin or host) are refused. With `UNIHOOK_SCREENSHOT=FILE` it
 * also saves a screenshot of the page (docs/inspector.png is made so).
 */

import { request as httpRequest } from 'node:http'
import { signRazorpayBody } from '@unihook/razorpay/testing'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { receiver, runCli, sandboxState, SPAWN_TIMEOUT_MS, startCli } from './helpers.js'

const sandbox = sandboxState('all')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const WEBHOOK_SECRET = 'inspector_test_webhook_secret'

let browser: Browser
beforeAll(async () => {
  // Chromium's own sandbox cannot start as root (CI containers); the page is ours and local.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] })
}, 60_000)
afterAll(async () => browser?.close())

/** A raw request, so that Host and Origin can be set as a hostile page or rebinding DNS would. */
function raw(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('listen --inspect in a browser', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('shows deliveries live, the diagnosis of a tampered one, resends, and refuses requests without the token', async () => {
    const app = await receiver()
    const listener = startCli(['listen', '--sandbox', '--port', '0', '--json', '--inspect', '--forward-to', app.url], { env: sandbox.env })
    try {
      const { listening } = JSON.parse(await listener.nextLine())
      const { inspector } = JSON.parse(await listener.nextLine())
      expect(inspector).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
      const webhook = ['--provider', 'razorpay', '--url', `${listening}/razorpay`, '--events', 'payment.captured', '--secret', WEBHOOK_SECRET]
      const created = await runCli(['webhooks', 'create', '--sandbox', ...webhook], { env: sandbox.env })
      expect(created.code, created.stderr).toBe(0)

      const page = await browser.newPage({ viewport: { width: 1180, height: 760 } })
      const external: string[] = []
      page.on('request', (r) => {
        if (!r.url().startsWith(new URL(inspector).origin)) external.push(r.url())
      })
      await page.goto(inspector)
      await page.getByText('No deliveries yet').waitFor()
      await page.locator('#live.on').waitFor()

      // Live: the page is not reloaded; the delivery arrives over server-sent events.
      expect((await runCli(['trigger', 'razorpay', 'payment.captured'], { env: sandbox.env })).code).toBe(0)
      const verified = page.locator('details.delivery.verified')
      await verified.waitFor()
      await expect(verified.locator('.verdict').textContent()).resolves.toBe('✔ verified')

      // Tampered: a body parsed and serialized again (indented) after it was signed.
      const body = JSON.stringify({
        entity: 'event',
        account_id: 'acc_Sandbox0000001',
        event: 'payment.captured',
        contains: ['payment'],
        payload: {},
        created_at: 1,
      })
      const answer = await fetch(`${listening}/razorpay`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-razorpay-signature': signRazorpayBody(body, WEBHOOK_SECRET),
          'x-razorpay-event-id': 'evt_Tampered000001',
        },
        body: JSON.stringify(JSON.parse(body), null, 2),
      })
      expect(answer.status).toBe(400)
      const failed = page.locator('details.delivery.failed')
      await failed.waitFor()
      await failed.locator('summary').click()
      const diagnosis = failed.locator('.diagnosis')
      await expect(diagnosis.textContent()).resolves.toMatch(/reserialized_body.*serialized again.*for the body serialized compactly/s)
      await expect(failed.locator('pre.body').textContent()).resolves.toContain('"entity": "event"')
      await expect(page.locator('#counts').textContent()).resolves.toBe('1 verified, 1 failed')

      // Resend: the verified delivery, signed again by the sandbox, reaches the forward target at the path it was posted to.
      await verified.locator('summary').click()
      await verified.locator('button.resend').click()
      await expect
        .poll(() => verified.locator('.result').textContent(), { timeout: 15_000 })
        .toMatch(new RegExp(`resent to ${app.url}/razorpay: 200 \\(signed again by the sandbox\\)`))
      expect(app.got).toHaveLength(2)
      expect(app.got[1]!.body).toBe(app.got[0]!.body)
      expect(external).toEqual([])

      if (process.env.UNIHOOK_SCREENSHOT) {
        await verified.locator('summary').click()
        await page.screenshot({ path: process.env.UNIHOOK_SCREENSHOT, fullPage: true })
      }

      // Refused: no token, a wrong token, another Host (DNS rebinding), another Origin, a resend without the header.
      const url = new URL(inspector)
      const token = url.searchParams.get('token')!
      const base = url.origin
      expect(await raw(`${base}/`)).toBe(403)
      expect(await raw(`${base}/api/deliveries`)).toBe(403)
      expect(await raw(`${base}/api/deliveries?token=${token.slice(0, -1)}x`)).toBe(403)
      expect(await raw(`${base}/api/deliveries?token=${token}`)).toBe(200)
      expect(await raw(`${base}/api/deliveries?token=${token}`, { headers: { host: `evil.example:${url.port}` } })).toBe(403)
      expect(await raw(`${base}/api/deliveries?token=${token}`, { headers: { origin: 'http://evil.example' } })).toBe(403)
      const id = await verified.getAttribute('data-id')
      expect(await raw(`${base}/api/deliveries/${id}/resend?token=${token}`, { method: 'POST' })).toBe(403)
      expect(await raw(`${base}/api/deliveries/${id}/resend`, { method: 'POST', headers: { 'x-unihook-token': token, origin: 'http://evil.example' } })).toBe(
        403,
      )
      expect(app.got).toHaveLength(2)
      const refusedPage = await browser.newPage()
      const refused = await refusedPage.goto(`${base}/`)
      expect(refused?.status()).toBe(403)
      await expect(refusedPage.textContent('body')).resolves.toMatch(/refused: a missing or wrong token/)
    } finally {
      listener.child.kill('SIGINT')
      await listener.exited
      await app.close()
    }
  })
})
