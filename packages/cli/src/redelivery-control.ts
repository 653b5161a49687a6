/**
 * Handing redeliveries to a running sandbox. A one-shot command (`trigger`) delivers from its own
 * process; while a `unihook sandbox` runs, that sandbox plays the provider, so the retries of a delivery
 * the receiver did not accept are its to make, in the background, and the command returns at once. The
 * command posts the delivery, as first sent, to the running sandbox's `/_unihook/redeliveries`, with the
 * token from the sandbox's runtime file (readable by its owner only): no other local user, and no web
 * page (a request with an `Origin` is refused), can make the sandbox send anything.
 */

import { constantTimeEqual } from '@unihook/core'
import type { FakeHandler } from '@unihook/core/testing'
import { providerNames } from './providers.js'
import type { Redeliverer, RedelivererOptions, SentDelivery } from './redelivery.js'
import { CONTROL_PATH } from './sandbox.js'

const REDELIVERIES = `${CONTROL_PATH}redeliveries`
const TOKEN_HEADER = 'x-unihook-token'

interface HandedOff {
  readonly provider: string
  readonly status?: number
  readonly sent: SentDelivery
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')

function handedOff(value: unknown): HandedOff | undefined {
  const v = value as Partial<HandedOff> | null
  const sent = v?.sent
  const fine =
    typeof v?.provider === 'string' &&
    (providerNames() as readonly string[]).includes(v.provider) &&
    (v.status === undefined || Number.isInteger(v.status)) &&
    typeof sent?.url === 'string' &&
    /^https?:\/\//.test(sent.url) &&
    typeof sent.body === 'string' &&
    isStringRecord(sent.headers)
  return fine ? (v as HandedOff) : undefined
}

/** The running sandbox's side: takes a delivery a command made and retries it as its own. */
export function redeliveryControl(token: string, redeliveries: Redeliverer): FakeHandler {
  return async (request) => {
    const given = request.headers.get(TOKEN_HEADER) ?? ''
    if (request.headers.has('origin') || !constantTimeEqual(given, token)) return new Response('refused', { status: 403 })
    if (new URL(request.url).pathname !== REDELIVERIES || request.method !== 'POST') return new Response('not found', { status: 404 })
    const taken = handedOff(await request.json().catch(() => undefined))
    if (!taken) return new Response('not a delivery', { status: 400 })
    redeliveries.observe(taken.provider, taken.sent, taken.status === undefined ? {} : { status: taken.status })
    return new Response(null, { status: 202 })
  }
}

/** The command's side: hands each delivery's retries to the running sandbox at `base` (any of its URLs). */
export function handOffTo(base: string, token: string): NonNullable<RedelivererOptions['handOff']> {
  return async (provider, sent, outcome) => {
    const response = await fetch(new URL(REDELIVERIES, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ provider, sent, ...(outcome.status === undefined ? {} : { status: outcome.status }) }),
      signal: AbortSignal.timeout(5_000),
    })
    if (response.status !== 202) throw new Error(`the running sandbox answered ${response.status}`)
  }
}
