/**
 * Stripe's request bodies are `application/x-www-form-urlencoded` with brackets for structure, as its
 * SDKs send them: `enabled_events[0]=charge.failed&metadata[order]=42`. Arrays are indexed, objects
 * nested by key, booleans `true`/`false`; an empty string unsets a value (`metadata[k]=`, `description=`).
 */

export type FormValue = string | number | boolean | null | undefined | readonly FormValue[] | { readonly [key: string]: FormValue }

/** Keys keep their brackets readable, as Stripe's SDKs send them; everything else is percent-encoded. */
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')

function append(pairs: string[], key: string, value: FormValue): void {
  if (value === undefined) return
  if (value === null) {
    pairs.push(`${encodeKey(key)}=`)
    return
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) append(pairs, `${key}[${i}]`, item)
    return
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value)
    // An empty object unsets the whole field (`metadata=`), as Stripe documents for metadata.
    if (entries.length === 0) pairs.push(`${encodeKey(key)}=`)
    for (const [sub, item] of entries) append(pairs, `${key}[${sub}]`, item)
    return
  }
  pairs.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`)
}

/** The form body for a set of top-level parameters; `undefined` ones are left out. */
export function formEncode(params: Readonly<Record<string, FormValue>>): string {
  const pairs: string[] = []
  for (const [key, value] of Object.entries(params)) append(pairs, key, value)
  return pairs.join('&')
}
