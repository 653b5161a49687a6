/**
 * `trigger --override path=value` and `--add path=value`: edits to a sample event before it is signed.
 * A path names a field of the delivered body from its event-data root (the descriptor's `samples.payloadField`:
 * `data.…` for most), with dots and `[n]` for array items: `data.object.amount=100`. The
 * envelope around the data is the sandbox's own (event name, account, ids, times). A value is read as
 * JSON when it is JSON (`100`, `true`, `"100"`, `{"a":1}`), else as a string. `--override` changes a
 * field that exists; `--add` creates one that does not (and any missing objects on its way).
 */

import { usageError } from './errors.js'
import type { ProviderName } from './providers.js'
import { descriptorOf } from './registry.js'

export interface SampleEdit {
  readonly mode: 'override' | 'add'
  readonly path: readonly string[]
  readonly value: unknown
  readonly text: string
}

export function parseEdits(provider: ProviderName, overrides: readonly string[], adds: readonly string[]): SampleEdit[] {
  const parse = (mode: SampleEdit['mode'], text: string): SampleEdit => {
    const eq = text.indexOf('=')
    if (eq <= 0) throw usageError(`--${mode} takes path=value, not "${text}"`)
    const path = text
      .slice(0, eq)
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
    if (path.some((p) => p === '')) throw usageError(`--${mode} ${text}: the path "${text.slice(0, eq)}" has an empty part`)
    const root = descriptorOf(provider).samples.payloadField
    if (path[0] !== root || path.length < 2)
      throw usageError(`--${mode} ${text}: a ${provider} path starts with "${root}." (the event's data); the envelope is the sandbox's`)
    const raw = text.slice(eq + 1)
    let value: unknown = raw
    try {
      value = JSON.parse(raw)
    } catch {}
    return { mode, path: path.slice(1), value, text }
  }
  return [...overrides.map((t) => parse('override', t)), ...adds.map((t) => parse('add', t))]
}

const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Applies the edits to a copy of the sample's data; a path that does not fit is a usage error. */
export function applyEdits<T>(data: T, edits: readonly SampleEdit[]): T {
  if (edits.length === 0) return data
  const copy = structuredClone(data) as unknown
  for (const edit of edits) {
    let node = copy
    for (const [i, key] of edit.path.slice(0, -1).entries()) {
      if (!isContainer(node)) throw usageError(`--${edit.mode} ${edit.text}: ${edit.path.slice(0, i).join('.') || 'the data'} is not an object`)
      if (!(key in node)) {
        if (edit.mode === 'override') throw usageError(`--override ${edit.text}: the sample has no "${edit.path.slice(0, i + 1).join('.')}" (use --add)`)
        node[key] = {}
      }
      node = node[key]
    }
    const last = edit.path.at(-1)!
    if (!isContainer(node)) throw usageError(`--${edit.mode} ${edit.text}: ${edit.path.slice(0, -1).join('.')} is not an object`)
    const exists = last in node
    if (edit.mode === 'override' && !exists) throw usageError(`--override ${edit.text}: the sample has no "${edit.path.join('.')}" (use --add)`)
    if (edit.mode === 'add' && exists) throw usageError(`--add ${edit.text}: the sample already has "${edit.path.join('.')}" (use --override)`)
    node[last] = edit.value
  }
  return copy as T
}
