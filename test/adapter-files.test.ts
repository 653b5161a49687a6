/**
 * Same file name, same contract, in every adapter package of the registry: `account.ts` exports
 * `accountOf(settings, call)`, `client.ts` a client of core's `AdapterClient` shape, `options.ts` the
 * option and input types, and nothing but the entry points imports `adapter.ts` (no type-only circles
 * through it from the context or the operations).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapterPackages } from '../scripts/workspace.mjs'

const root = new URL('../', import.meta.url).pathname
const ENTRY_POINTS = new Set(['index.ts', 'descriptor.ts'])

const sourcesOf = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesOf(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))

describe.each(adapterPackages())('$name', ({ dir }) => {
  const src = join(root, 'packages', dir, 'src')
  const read = (file: string) => readFileSync(join(src, file), 'utf8')

  it('has the shared file set', () => {
    for (const file of ['adapter.ts', 'options.ts', 'context.ts', 'client.ts', 'account.ts', 'descriptor.ts', 'samples.ts'])
      expect(existsSync(join(src, file)), file).toBe(true)
  })

  it('resolves accounts with accountOf(settings, call) and builds a client of the AdapterClient shape', async () => {
    const account = (await import(join(src, 'account.ts'))) as {
      accountOf?: (settings: object, call?: { account?: string }) => { account: unknown; issues: unknown[] }
    }
    expect(typeof account.accountOf).toBe('function')
    expect(account.accountOf?.({}, { account: 'given-by-the-call' }).account).toBe('given-by-the-call')
    expect(Array.isArray(account.accountOf?.({}, {}).issues)).toBe(true)
    expect(read('client.ts')).toMatch(/AdapterClient/)
    expect(read('client.ts')).not.toMatch(/envelope\(|Scoped</)
  })

  it('keeps option and input types out of adapter.ts, which only the entry points import', () => {
    expect(read('adapter.ts')).not.toMatch(/export interface \w+Options\b/)
    const importers = sourcesOf(src)
      .filter((file) => /from '\.{1,2}\/adapter\.js'/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(src.length + 1))
    expect(importers.filter((file) => !ENTRY_POINTS.has(file))).toEqual([])
  })
})
