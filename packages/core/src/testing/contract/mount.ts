/** Mounts a fake in the mode a contract run asks for: under msw in-process, or over real HTTP on loopback. */

import { setupServer } from 'msw/node'
import type { FakeHandler } from '../fake.js'
import { mswHandler } from '../msw.js'
import { serveFake } from '../serve.js'

/** A fake mounted for a contract run. */
export interface Mounted {
  /** The base URL to point the adapter at. */
  readonly baseUrl: string
  /** Stops the msw server or the HTTP server. */
  close(): Promise<void>
}

/** Mounts `fake` under msw at `mswBaseUrl` (`msw`), or serves it on 127.0.0.1 (`http`). */
export async function mountFake(mode: 'msw' | 'http', fake: { readonly handle: FakeHandler }, mswBaseUrl: string): Promise<Mounted> {
  if (mode === 'http') {
    const served = await serveFake(fake)
    return { baseUrl: served.url, close: served.close }
  }
  const server = setupServer(mswHandler(fake, mswBaseUrl))
  server.listen({ onUnhandledRequest: 'error' })
  return {
    baseUrl: mswBaseUrl,
    close: async () => {
      server.close()
    },
  }
}
