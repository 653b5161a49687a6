/**
 * The published shape of every package: ESM and CJS builds that load through `import` and `require`
 * by the package's own name (Node's self-reference, so the `exports` map itself is exercised), type
 * declarations for both, `types` first in every condition, no side effects, Node ≥ 20.
 */

import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const packagesDir = join(root, 'packages')

interface Condition {
  readonly types: string
  readonly default: string
}
interface Manifest {
  name: string
  sideEffects: boolean
  engines: { node: string }
  exports: Record<string, string | { import: Condition; require: Condition }>
}

const packages = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
  .map((dir) => ({ dir: join(packagesDir, dir), manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest }))

/** Loads an entry in a fresh Node process, outside vitest's module runner, and lists its exports. */
function exportsOf(cwd: string, specifier: string, how: 'import' | 'require'): string[] {
  const script =
    how === 'import'
      ? `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter(k => k !== 'default').sort()))`
      : `const m = require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()))`
  const args = how === 'import' ? ['--input-type=module', '-e', script] : ['-e', script]
  return JSON.parse(execFileSync(process.execPath, args, { cwd, encoding: 'utf8' })) as string[]
}

describe.each(packages)('$manifest.name bundles', ({ dir, manifest }) => {
  it('declares no side effects and Node >= 20', () => {
    expect(manifest.sideEffects).toBe(false)
    expect(manifest.engines.node).toBe('>=20')
  })

  const entries = Object.entries(manifest.exports).filter(([key]) => key !== './package.json')

  it.each(entries)('%s lists types first and points at built files', (_key, target) => {
    expect(typeof target).toBe('object')
    const conditions = target as { import: Condition; require: Condition }
    for (const condition of [conditions.import, conditions.require]) {
      expect(Object.keys(condition)[0]).toBe('types')
      expect(existsSync(join(dir, condition.types)), condition.types).toBe(true)
      expect(existsSync(join(dir, condition.default)), condition.default).toBe(true)
    }
    expect(conditions.import.types).toMatch(/\.d\.ts$/)
    expect(conditions.require.types).toMatch(/\.d\.cts$/)
  })

  it.each(entries)('%s loads through import and require with the same exports', (key) => {
    const specifier = key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`
    const esm = exportsOf(dir, specifier, 'import')
    const cjs = exportsOf(dir, specifier, 'require')
    expect(esm.length).toBeGreaterThan(0)
    expect(cjs).toEqual(esm)
  })
})
