/**
 * A URL the user gives the CLI to POST to (`trigger --to`, `listen --forward-to`) may carry credentials
 * (`https://user:password@host/…`). fetch refuses such URLs and quotes them whole in its error, so the
 * credentials are sent as a Basic `Authorization` header instead, and every error text is scrubbed of them.
 */

import { redactText } from '@unihook/core'

export interface Target {
  /** The URL without its credentials. */
  readonly url: string
  /** `Authorization: Basic …` when the URL carried credentials. */
  readonly headers: Readonly<Record<string, string>>
}

export function targetOf(given: string): Target {
  const url = new URL(given)
  if (url.username === '' && url.password === '') return { url: given, headers: {} }
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')
  url.username = ''
  url.password = ''
  return { url: url.href, headers: { authorization: `Basic ${basic}` } }
}

/** Why a POST failed, in one line, with the URL's credentials (in any form) hidden. */
export function postFailure(error: unknown, given: string): string {
  const cause = (error as Error)?.cause as Error | undefined
  const text = cause?.message ?? (error as Error)?.message ?? String(error)
  const url = URL.canParse(given) ? new URL(given) : undefined
  const secrets = url ? [url.password, decodeURIComponent(url.password), url.username].filter((s) => s.length > 0) : []
  return redactText(text, secrets)
}
