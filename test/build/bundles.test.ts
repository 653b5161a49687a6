/**
 * The published shape of every package: ESM and CJS builds that load through `import` and `require`
 * by the package's own name (Node's self-reference, so the `exports` map itself is exercised), type
 * declarations for both, `types` first in every condition, no side effects, Node ≥ 20; and a build for
 * bundlers (the `module` condition) that uses fp-ts's ES modules, so applications can tree-shake it.
 */

import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import * as D from 'io-ts/Decoder'
import { describe, expect, it, onTestFinished } from 'vitest'
import { adapterPackages } from '../../scripts/workspace.mjs'
import { APPS, bundle, RESOLUTIONS } from '../bench/bundle.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const packagesDir = join(root, 'packages')

interface Condition {
  readonly types: string
  readonly default: string
}
interface Conditions {
  readonly module: Condition
  readonly import: Condition
  /** Absent on the ESM-only entries: those built on an ESM-only peer (vitest, for the contract suite). */
  readonly require?: Condition
}
interface Manifest {
  name: string
  sideEffects: boolean
  engines: { node: string }
  exports: Record<string, string | Conditions>
}

/** The entries built on an ESM-only peer, which `require` cannot load: vitest refuses CommonJS. */
const ESM_ONLY = ['@unihook/core/testing/contract']

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

  it.each(entries)('%s lists types first and points at built files', (key, target) => {
    expect(typeof target).toBe('object')
    const conditions = target as Conditions
    // Node picks the first matching condition in order; bundlers match `module`, so it must come first.
    expect(Object.keys(conditions)).toEqual(conditions.require ? ['module', 'import', 'require'] : ['module', 'import'])
    for (const condition of [conditions.module, conditions.import, conditions.require ?? conditions.import]) {
      expect(Object.keys(condition)[0]).toBe('types')
      expect(existsSync(join(dir, condition.types)), condition.types).toBe(true)
      expect(existsSync(join(dir, condition.default)), condition.default).toBe(true)
    }
    expect(conditions.import.types).toMatch(/\.d\.ts$/)
    if (conditions.require) expect(conditions.require.types).toMatch(/\.d\.cts$/)
    else expect(ESM_ONLY).toContain(`${manifest.name}/${key.slice(2)}`)
  })

  it.each(entries)('%s loads through import and require with the same exports', (key, target) => {
    const specifier = key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`
    const esm = exportsOf(dir, specifier, 'import')
    expect(esm.length).toBeGreaterThan(0)
    if ((target as Conditions).require) expect(exportsOf(dir, specifier, 'require')).toEqual(esm)
  })

  it.each(entries)('%s bundles through the module condition with the same exports', async (key) => {
    const specifier = key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`
    // Written beside the package, so that what stays external resolves as it would for a user: msw, and
    // node-redis, a CommonJS package that requires Node's built-ins, which an ESM bundle cannot inline.
    const folder = mkdtempSync(join(dir, 'node_modules', '.bundle-check-'))
    const out = join(folder, 'bundle.mjs')
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
    const result = await build({
      stdin: { contents: `export * from '${specifier}'`, resolveDir: dir, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      mainFields: ['module', 'main'],
      conditions: ['module'],
      external: ['msw', 'msw/*', '@redis/client'],
      outfile: out,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((file) => file.includes('/dist/bundler/'))).toBe(true)
    expect(inputs.some((file) => /fp-ts\/lib\//.test(file))).toBe(false)
    expect(exportsOf(dir, out, 'import')).toEqual(exportsOf(dir, specifier, 'import'))
  })
})

/**
 * The size budget of an application that uses one adapter (create + list), minified and gzipped, under
 * esbuild's default `--platform=node` resolution and with module-first resolution. Issue #12 asks for
 * 12 KB; `pnpm bench -- --only bundle` shows why that is out of reach without dropping features: ky with
 * the fp-ts and io-ts pieces each app uses already weighs about 7 KB (ky alone 4.3 KB of it), and our
 * code on top (transport, validation, decoding, redaction, errors, the adapter's seven operations) about
 * 10 to 12 KB. These budgets hold each app just above the size reached against regressions.
 */
const APP_BUDGET_BYTES: Record<string, number> = {
  // Raised by 0.2–0.25 KB after the scale work (core's rate budget, idempotency keys on creates) and
  // Stripe's retryVerdict reached the transport every app carries: measured 19064, 20136 and 18523 B. Taken
  // out one by one, the rate budget's hooks in the attempt loop weigh 127–134 B of it and retryVerdict
  // 47–58 B: both are read from settings at run time, so tree-shaking cannot drop them from an app.
  // Raised by 0.3–0.35 KB for list speed (measured 19429, 20525 and 18921 B): core's decoders read through
  // a fast path besides io-ts's error path (about 225 B) and `makeWebhook` copies each field by name into a
  // small class (about 125 B); together they take a quarter to a half off a list's decoding and mapping CPU.
  // Razorpay's page read by hand before its decoders (measured 19739 B) adds 310 B: decoding a page takes
  // a third of the time, and its list comes within 0.92–1.00× the SDK instead of 0.95–1.07×.
  // The transport's CPU work for #24 (ky's one `beforeRequest` hook answering each attempt, one abort
  // promise per attempt, the base URL trimmed once), merged with the list work, took Conekta, Calypso and
  // Stripe 9–37 B over: measured together 20597, 19004 and 20261 B.
  razorpay: 19.35 * 1024,
  conekta: 20.15 * 1024,
  calypso: 18.6 * 1024,
  // Its catalogue is the OpenAPI enumeration, 276 names: about 1 KB of the bundle. Its list page read by
  // hand before its decoders (measured 20179 B, 19838 before) adds 341 B for list speed.
  stripe: 19.85 * 1024,
}
/** A new adapter's app until it is measured and given its own budget. */
const NEW_ADAPTER_BUDGET = 20 * 1024

describe.each(Object.keys(APPS))('an app using @unihook/%s', (name) => {
  it.each(RESOLUTIONS)('stays within its budget, with one copy of fp-ts and io-ts (%s resolution)', async (resolution) => {
    const bundled = await bundle(APPS[name] as string, resolution)
    expect(bundled.gzip).toBeLessThanOrEqual(APP_BUDGET_BYTES[name] ?? NEW_ADAPTER_BUDGET)
    // ES modules only: a CommonJS build of either library would be a second copy.
    expect(bundled.inputs.filter((file) => /(fp-ts|io-ts)\/lib\//.test(file))).toEqual([])
    expect(bundled.inputs.some((file) => /io-ts\/es6\//.test(file))).toBe(true)
    // io-ts's root module cannot be tree-shaken (about 3 KB min+gz): only its Decoder modules may be bundled.
    expect(bundled.inputs.filter((file) => /io-ts\/es6\/index\.js$/.test(file))).toEqual([])
    expect(bundled.fpTsCopies).toBe(1)
    // The built packages, as installed, not their sources.
    expect(bundled.inputs.some((file) => file.includes(`packages/${name}/dist/bundler/`))).toBe(true)
    // The floor the bench prints is read from this very bundle: ky, fp-ts and io-ts alone, gzipped.
    expect(bundled.floorGzip).toBeGreaterThan(0)
    expect(bundled.floorGzip).toBeLessThan(bundled.gzip)
    expect(bundled.parts.get('ky')?.gzip).toBeGreaterThan(0)
    expect(bundled.parts.get('adapter')?.gzip).toBeGreaterThan(0)
  })
})

/**
 * Management runs where verification does: each adapter's main entry bundles for browsers and edge
 * runtimes (esbuild `platform` browser and neutral) with no Node built-in, and the tools' entry
 * (descriptor, fakes, samples) stays out of it.
 */
describe.each(adapterPackages())('$name, bundled for browsers and edge runtimes', ({ name, dir }) => {
  it.each(['browser', 'neutral'] as const)('bundles its main entry with no Node built-in (platform %s)', async (platform) => {
    const result = await build({
      stdin: { contents: `export * from '${name}'`, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform,
      mainFields: ['module', 'main'],
      conditions: ['module'],
      // The installed packages, not the repo's source paths.
      tsconfigRaw: '{}',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((file) => file.includes(`packages/${dir}/dist/bundler/index.js`))).toBe(true)
    expect(inputs.filter((file) => /\/(descriptor|testing|samples)\.js$|\/fake\//.test(file))).toEqual([])
    const text = result.outputFiles[0]!.text
    expect(text).not.toMatch(/from\s*["'](node:)?(crypto|buffer|fs|http|https|util)["']/)
    expect(text).not.toMatch(/\bBuffer\.from\(/)
  })
})

describe('the Node builds, which carry their own io-ts', () => {
  it('still read the errors of decoders built by another copy of io-ts (unions, structs, partials)', async () => {
    const core = (await import(pathToFileURL(join(packagesDir, 'core/dist/index.js')).href)) as typeof import('@unihook/core')
    const decoder = D.intersect(D.partial({ url: D.string }))(D.struct({ id: D.union(D.string, D.number) }))
    const result = core.decodeWith(decoder, { id: true, url: 5 })
    expect(result).toEqual({
      _tag: 'Left',
      left: [
        { path: 'id', message: 'expected one of string | number, got true' },
        { path: 'url', message: 'expected string, got 5' },
      ],
    })
  })
})
