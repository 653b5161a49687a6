/** The outgoing side every fake shares: posting a signed delivery to a receiver, as a provider does. */

/** The receiver's HTTP status, or why the delivery did not arrive. */
export type DeliveryOutcome = { readonly status: number } | { readonly error: string }

/** POSTs `body` to `url`, drains the answer, and reports the outcome; never throws. */
export async function postDelivery(
  fetch: typeof globalThis.fetch,
  url: string,
  request: { readonly headers: Readonly<Record<string, string>>; readonly body: string; readonly timeoutMs?: number },
): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      ...(request.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(request.timeoutMs) }),
    })
    await response.arrayBuffer().catch(() => undefined)
    return { status: response.status }
  } catch (error) {
    return { error: (error as Error).message }
  }
}
