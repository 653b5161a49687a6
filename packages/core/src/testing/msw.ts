/**
 * Mounts a fake under msw for fast in-process tests: `server.use(mswHandler(fake, baseUrl))`. Lives in
 * its own entry (`@unihook/core/testing/msw`) so that msw stays an optional peer dependency.
 *
 * @module @unihook/core/testing/msw
 */

import { http, type HttpHandler } from 'msw'
import type { FakeHandler } from './fake.js'

/**
 * An msw handler that sends every request under `baseUrl` to the fake: `setupServer(mswHandler(fake,
 * 'https://api.razorpay.com'))`. Works with msw 2 and 3.
 */
export function mswHandler(fake: FakeHandler | { readonly handle: FakeHandler }, baseUrl: string): HttpHandler {
  const handle = typeof fake === 'function' ? fake : fake.handle
  return http.all(`${baseUrl.replace(/\/+$/, '')}/*`, ({ request }) => handle(request))
}
