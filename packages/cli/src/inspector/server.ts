/**
 * The inspector: a page on 127.0.0.1 listing deliveries live (server-sent events), each opening to its
 * headers, body and diagnosis, with a resend button. Only the holder of its URL drives it:
 * - it listens on 127.0.0.1 only;
 * - every request needs the random token in its URL (`?token=`), or, for a resend, in the
 *   `X-Unihook-Token` header, which a cross-site page cannot send without a preflight this server never
 *   answers;
 * - the `Host` header must name this server (a DNS-rebinding page names its own host) and an `Origin` or
 *   `Sec-Fetch-Site`, when the browser sends one, must be this page's own.
 * The page is one HTML document with its script and style inline (a per-response nonce in a strict
 * Content-Security-Policy): no external asset, so it works offline.
 */

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { constantTimeEqual } from '@unihook/core'
import { failure } from '../errors.js'
import type { ResendResult } from '../history/resend.js'
import type { History, HistoryRecord } from '../history/store.js'
import { view } from '../history/view.js'
import { inspectorPage } from './page.js'

export interface InspectorSettings {
  readonly port: number
  readonly history: History
  readonly resend: (id: string) => Promise<ResendResult>
  readonly showSecret: boolean
}

export interface Inspector {
  /** The page's address, token included. */
  readonly url: string
  publish(record: HistoryRecord): void
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
}

const sameToken = (given: string | null | undefined, token: string): boolean => typeof given === 'string' && constantTimeEqual(given, token)

/** Why a request is refused, or undefined when it may go on. */
export function refusal(req: IncomingMessage, url: URL, token: string, port: number): string | undefined {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!own.includes(req.headers.host ?? '')) return 'this server answers only to its own address (Host)'
  const origin = req.headers.origin
  if (origin !== undefined && !own.some((o) => origin === `http://${o}`)) return 'cross-origin requests are refused (Origin)'
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site requests are refused (Sec-Fetch-Site)'
  const given = req.method === 'POST' ? req.headers['x-unihook-token'] : url.searchParams.get('token')
  if (!sameToken(Array.isArray(given) ? given[0] : given, token)) return 'a missing or wrong token: open the URL listen printed'
  return undefined
}

export async function startInspector(settings: InspectorSettings): Promise<Inspector> {
  const token = randomBytes(24).toString('base64url')
  const streams = new Set<ServerResponse>()
  let port = 0

  const json = (res: ServerResponse, status: number, value: unknown) =>
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value))

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refused = refusal(req, url, token, port)
    if (refused) return void res.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(`refused: ${refused}\n`)
    if (req.method === 'GET' && url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64')
      return void res
        .writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        })
        .end(inspectorPage(nonce, token))
    }
    if (req.method === 'GET' && url.pathname === '/api/deliveries')
      return json(res, 200, { deliveries: settings.history.all().map((r) => view(r, settings.showSecret)) })
    if (req.method === 'GET' && url.pathname === '/api/stream') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' })
      res.write('retry: 1000\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    const resend = url.pathname.match(/^\/api\/deliveries\/([\w-]+)\/resend$/)
    if (req.method === 'POST' && resend) {
      try {
        return json(res, 200, { resent: await settings.resend(resend[1]!) })
      } catch (error) {
        return json(res, 409, { error: (error as Error).message })
      }
    }
    json(res, 404, { error: 'not found' })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) json(res, 500, { error: error.message })
    })
  })
  const keepAlive = setInterval(() => {
    for (const s of streams) s.write(': keep-alive\n\n')
  }, 15_000)
  keepAlive.unref()
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? failure(`port ${settings.port} is in use; pick another with --inspect-port`, { tag: 'PortInUse' }) : error),
    )
    server.listen(settings.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    publish(record) {
      const data = JSON.stringify(view(record, settings.showSecret))
      for (const s of streams) s.write(`event: delivery\ndata: ${data}\n\n`)
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive)
        for (const s of streams) s.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
