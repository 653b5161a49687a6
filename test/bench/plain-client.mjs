// The comparator of the scale section: a plain-fetch client sending what `reconcileAccounts` sends for an
// empty Razorpay account that should hold one webhook (list, create, list again to confirm), `width`
// accounts at a time, keeping nothing. With a rate budget it draws from it as the library does (one
// request on the wire per slot, paced), so that the two are compared under the same limit.

import ky from 'ky'

/** One request and its parsed answer, through plain fetch. */
const viaFetch = async (url, init) => {
  const response = await fetch(url, init)
  const body = await response.json()
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return body
}

/** The same through ky alone, as an application would call it (ky's defaults: its timeout, and retries of GETs). */
const viaKy = (url, init) => ky(url, init).json()

/**
 * Runs the targets (`{ account, desired: [{ url, events }] }`, any iterable) through plain fetch, or with
 * `client: 'ky'` through ky alone: the floor with ky in the path.
 */
export async function plainReconcile({ baseUrl, keyId, keySecret, targets, width, budget, client = 'fetch' }) {
  const authorization = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
  const headers = { authorization, accept: 'application/json' }
  const exchange = client === 'ky' ? viaKy : viaFetch
  const send = async (url, init) => {
    const release = await budget?.acquire()
    try {
      return await exchange(url, init)
    } finally {
      release?.()
    }
  }
  const list = (account) => send(`${baseUrl}/v2/accounts/${account}/webhooks?count=100&skip=0`, { headers })
  const iterator = targets[Symbol.iterator]()
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const { account, desired } = next.value
      const current = await list(account)
      if (current.items.some((w) => w.url === desired[0].url)) continue
      await send(`${baseUrl}/v2/accounts/${account}/webhooks`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url: desired[0].url, events: desired[0].events }),
      })
      await list(account)
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}
