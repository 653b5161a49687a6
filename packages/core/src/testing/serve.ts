/**
 * Serves a fake handler over real HTTP on 127.0.0.1 with an ephemeral port, for end-to-end tests, the
 * CLI's sandbox and benchmarks.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeHandler } from './fake.js'

export interface ServedFake {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string
  close(): Promise<void>
}

async function toRequest(req: IncomingMessage, base: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item)
    else if (v !== undefined) headers.set(k, v)
  }
  const method = req.method ?? 'GET'
  return new Request(new URL(req.url ?? '/', base), {
    method,
    headers,
    body: body.length > 0 ? body : undefined,
    signal,
  })
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    headers[key] = value
  })
  const chunks: Uint8Array[] = []
  try {
    const reader = response.body?.getReader()
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) chunks.push(read.value)
  } catch {
    // The body broke (a fake's mid-body reset): promise more than was read, send what was, then reset.
    const sent = Buffer.concat(chunks)
    res.writeHead(response.status, { ...headers, 'content-length': String(sent.length + 1) })
    res.write(sent, () => res.destroy())
    return
  }
  const body = Buffer.concat(chunks)
  headers['content-length'] = String(body.length)
  res.writeHead(response.status, headers)
  res.end(body)
}

export interface ServeOptions {
  /** The port to listen on; default 0, an ephemeral port. A port in use rejects with the `EADDRINUSE` error. */
  readonly port?: number
}

/** Starts serving `handle`. Accepts a fake (anything with `handle`) or a bare handler. */
export async function serveFake(fake: FakeHandler | { readonly handle: FakeHandler }, options: ServeOptions = {}): Promise<ServedFake> {
  const handle = typeof fake === 'function' ? fake : fake.handle
  let base = ''
  const server = createServer((req, res) => {
    const aborter = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort()
    })
    void (async () => {
      try {
        const response = await handle(await toRequest(req, base, aborter.signal))
        if (response.type === 'error') {
          req.socket.destroy()
          return
        }
        if (!res.destroyed) await send(response, res)
      } catch (error) {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' })
          res.end(`fake failed: ${(error as Error).message}`)
        }
      }
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
