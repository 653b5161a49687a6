/**
 * Reads a form body (or query string) with bracketed keys back into structure, as Stripe's API does:
 * `a[0]=x&a[1]=y` is an array, `m[k]=v` an object, `a[]=x` appends. Values stay strings.
 */

export type Parsed = string | Parsed[] | { [key: string]: Parsed }

const SEGMENTS = /\[([^\]]*)\]/g

/** The key's path: `metadata[order]` is `['metadata', 'order']`; `null` for a key that is not well formed. */
function pathOf(key: string): string[] | null {
  const open = key.indexOf('[')
  const head = open === -1 ? key : key.slice(0, open)
  const rest = open === -1 ? '' : key.slice(open)
  const segments = [...rest.matchAll(SEGMENTS)].map((m) => m[1]!)
  if (head === '' || segments.map((s) => `[${s}]`).join('') !== rest) return null
  // Assigning `__proto__` would replace an object's prototype rather than add a key.
  return [head, ...segments].includes('__proto__') ? null : [head, ...segments]
}

/** What a form body holds; throws a `TypeError` naming the key when keys contradict each other. */
export function formDecode(text: string): Record<string, Parsed> {
  const root: Record<string, Parsed> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const path = pathOf(key)
    if (!path) throw new TypeError(`Invalid parameter name: ${key}`)
    let node: Record<string, Parsed> | Parsed[] = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!
      const last = i === path.length - 1
      const isIndex = /^\d*$/.test(path[i + 1] ?? 'x')
      const slot: string | number = Array.isArray(node) ? (segment === '' ? node.length : Number(segment)) : segment
      if (Array.isArray(node) && !/^\d*$/.test(segment)) throw new TypeError(`Invalid array index in ${key}`)
      // Own keys only: `metadata[constructor]` is a key like any other, not a prototype member.
      const here: Parsed | undefined = Object.hasOwn(node, slot) ? (node as Record<string | number, Parsed>)[slot] : undefined
      if (last) {
        if (here !== undefined && typeof here !== 'string') throw new TypeError(`Parameter ${key} is given both as a value and as a structure`)
        ;(node as Record<string | number, Parsed>)[slot] = value
      } else {
        const next: Parsed = here ?? (isIndex ? [] : {})
        if (typeof next === 'string') throw new TypeError(`Parameter ${key} is given both as a value and as a structure`)
        ;(node as Record<string | number, Parsed>)[slot] = next
        node = next
      }
    }
  }
  return root
}
