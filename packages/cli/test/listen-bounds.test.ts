/**
 * `listen` stays bounded whatever it is sent: a 50 MB body is answered 413 without being read (declared
 * length or chunked), 200 deliveries at once are all verified with the process's memory bounded, and
 * forwarding keeps each delivery's path and query, with a target per provider. The listener's resident
 * memory is read from /proc while the load runs.
 */

import { readFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { calypsoDeliveryPayload, signCalypsoDelivery } from '@unihook/calypso/testing'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { type Background, SPAWN_TIMEOUT_MS, startCli, tempDir } from './helpers.js'

const MB = 1024 * 1024
const SECRET = 'listen-bounds-secret'
const started: Background[] = []
const dirs: (() => void)[] = []
afterEach(async () => {
  for (const b of started.splice(0)) {
    b.child.kill('SIGTERM')
    await b.exited
  }
  for (const cleanup of dirs.splice(0)) cleanup()
})

/** A listener with its own state directory, so that its history (every body it verifies) is its own and removed after. */
async function listen(args: readonly string[] = [], env: Record<string, string> = {}) {
  const { dir, cleanup } = tempDir()
  dirs.push(cleanup)
  const state = join(dir, 'state.json')
  const listener = startCli(['listen', '--port', '0', '--json', ...args], {
    env: { UNIHOOK_RAZORPAY_WEBHOOK_SECRETS: SECRET, UNIHOOK_SANDBOX_STATE: state, ...env },
  })
  started.push(listener)
  const { listening } = JSON.parse(await listener.nextLine()) as { listening: string }
  return { listener, port: Number(new URL(listening).port), url: listening }
}

/** The child's resident set size in bytes (Linux). */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

/** Samples a process's RSS until stopped; resolves to the peak. */
function watchRss(pid: number) {
  let peak = rssOf(pid)
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid))
    } catch {
      // the process ended
    }
  }, 20)
  return () => {
    clearInterval(timer)
    return peak
  }
}

interface Posted {
  readonly status?: number
  /** Bytes handed to the socket before the answer or the connection's end. */
  readonly sent: number
}

/** POSTs `size` zero bytes (declared or chunked), writing as fast as the connection takes them. */
function postLarge(port: number, size: number, chunked: boolean): Promise<Posted> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/',
      headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) },
    })
    let sent = 0
    let status: number | undefined
    let done = false
    const finish = () => {
      if (done) return
      done = true
      resolve({ ...(status === undefined ? {} : { status }), sent })
    }
    req.on('response', (res) => {
      status = res.statusCode
      res.resume().on('end', finish).on('error', finish)
    })
    req.on('error', finish)
    req.on('close', finish)
    const chunk = Buffer.alloc(MB)
    const pump = () => {
      while (sent < size && !done) {
        sent += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (sent >= size) req.end()
    }
    pump()
  })
}

function post(port: number, path: string, body: string, headers: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } })
    req.on('response', (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** POSTs `body` but its last byte, which goes once `release` resolves; resolves to the status. */
function postHeld(port: number, body: Buffer, headers: Readonly<Record<string, string>>, release: Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...headers, 'content-length': String(body.length) } })
    req.on('response', (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.write(body.subarray(0, body.length - 1))
    void release.then(() => req.end(body.subarray(body.length - 1)))
  })
}

const razorpayDelivery = (padding = 0) =>
  signRazorpayDelivery({
    payload: { ...razorpayEvent({ event: 'payment.captured', account: 'acc_Bounds00000001' }), padding: 'x'.repeat(padding) },
    secret: SECRET,
  })

describe('listen is bounded', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('answers 413 to 50 MB bodies, declared or chunked, without reading them: memory stays flat', async () => {
    const { listener, port } = await listen()
    const pid = listener.child.pid!
    const warm = razorpayDelivery()
    expect(await post(port, '/', warm.body, warm.headers)).toBe(200)
    const before = rssOf(pid)
    const peak = watchRss(pid)
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => postLarge(port, 50 * MB, false)),
      ...Array.from({ length: 2 }, () => postLarge(port, 50 * MB, true)),
    ])
    const grown = peak() - before
    for (const r of results) {
      expect(r.status).toBe(413)
      // The client could not push the body through: the listener stopped reading.
      expect(r.sent).toBeLessThan(50 * MB)
    }
    // Six 50 MB bodies read whole would add hundreds of MB; unread, a few buffers.
    expect(grown).toBeLessThan(48 * MB)
    await listener.nextLine()
    const records = (await Promise.all(results.map(() => listener.nextLine()))).map((l) => JSON.parse(l).delivery)
    expect(records.every((r) => r.reason === 'too_large' && r.verified === false)).toBe(true)
    expect(records[0].message).toMatch(/limit \(raise it with --max-body\): answered 413 unread/)
  })

  it('--max-body sets the limit', async () => {
    const { port } = await listen(['--max-body', '64kb'])
    const small = razorpayDelivery(32 * 1024)
    const large = razorpayDelivery(80 * 1024)
    expect(await post(port, '/', small.body, small.headers)).toBe(200)
    expect(await post(port, '/', large.body, large.headers)).toBe(413)
  })

  it('200 deliveries at once: all verified, and memory bounded by --concurrency (measured against no bound)', async () => {
    // One signed 900 KB body, sent 200 times at once, each held back by its last byte until all are
    // under way: a listener reading every body at once would hold 200 of them (180 MB).
    const delivery = razorpayDelivery(900 * 1024)
    const body = Buffer.from(delivery.body)
    const growth = async (concurrency: string) => {
      const { listener, port } = await listen(['--concurrency', concurrency])
      const pid = listener.child.pid!
      expect(await post(port, '/', delivery.body, delivery.headers)).toBe(200)
      await listener.nextLine()
      const before = rssOf(pid)
      const peak = watchRss(pid)
      let release: () => void = () => undefined
      const released = new Promise<void>((r) => (release = r))
      const statuses = Promise.all(Array.from({ length: 200 }, () => postHeld(port, body, delivery.headers, released)))
      await new Promise((r) => setTimeout(r, 1500))
      release()
      const answered = await statuses
      const grown = peak() - before
      expect(answered.filter((s) => s === 200)).toHaveLength(200)
      const records = await Promise.all(Array.from({ length: 200 }, () => listener.nextLine()))
      expect(records.filter((l) => JSON.parse(l).delivery.verified)).toHaveLength(200)
      return grown
    }
    const bounded = await growth('8')
    const unbounded = await growth('1000')
    console.log(`listen RSS growth, 200 × 900 KB at once: --concurrency 8 ${(bounded / MB).toFixed(0)} MB, 1000 ${(unbounded / MB).toFixed(0)} MB`)
    // Most of what remains is garbage not yet collected (each verified body is parsed once); the history
    // writes each body from its bytes, never as a string.
    expect(bounded).toBeLessThan(128 * MB)
    expect(bounded).toBeLessThan(unbounded * 0.75)
  })

  it('forwards with the path and query kept, to a target per provider', async () => {
    const seen: string[] = []
    const app = createServer((req, res) => {
      seen.push(req.url ?? '')
      req.resume().on('end', () => res.end('ok'))
    })
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r))
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    try {
      const keys = { publicKey: 'pk_bounds', secretKey: 'sk_bounds' }
      const { port } = await listen(['--forward-to', `razorpay=${appUrl}/rzp`, '--forward-to', `${appUrl}/all?source=unihook`], {
        UNIHOOK_CALYPSO_KEYS: `${keys.publicKey}:${keys.secretKey}`,
      })
      const rzp = razorpayDelivery()
      expect(await post(port, '/hooks/razorpay?shop=7', rzp.body, rzp.headers)).toBe(200)
      const cal = signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID', data: {} }), keys)
      expect(await post(port, '/hooks/calypso', cal.body, cal.headers)).toBe(200)
      expect(seen).toEqual(['/rzp/hooks/razorpay?shop=7', '/all/hooks/calypso?source=unihook'])
    } finally {
      await new Promise((r) => app.close(r))
    }
  })
})
