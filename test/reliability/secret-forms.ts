/** The forms a planted secret is searched for in, shared by the library's and the CLI's leak scans. */

/** Every form a secret takes once it is embedded somewhere: raw, base64, hex, URL-encoded, JSON-escaped. */
export function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const json = JSON.stringify(secret).slice(1, -1)
  const forms = [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(secret),
    json,
    json.replace(/\//g, '\\/'),
  ]
  return [...new Set(forms)].filter((f) => f.length >= 8)
}

/** The forms of `secrets` found in `text`. */
export const leakedForms = (text: string, secrets: readonly string[]): string[] => secrets.flatMap(formsOf).filter((form) => text.includes(form))
