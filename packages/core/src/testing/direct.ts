/**
 * A fetch that hands each request straight to a fake's handler: no sockets and no interceptor, for unit
 * tests and property runs that make many calls.
 */

import type { FakeHandler } from './fake.js'

/**
 * `fetch` over a fake's handler. A dropped connection (a `Response.error()`, how fakes answer a reset
 * fault) becomes the `TypeError` a real fetch throws, with the `ECONNRESET` code undici gives it, so the
 * transport sees exactly what it would on the network.
 */
export const directFetch =
  (fake: { readonly handle: FakeHandler }): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await fake.handle(new Request(input, init))
    if (response.type === 'error') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    return response
  }
