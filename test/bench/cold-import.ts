/**
 * Cold import: how long a fresh Node process takes to load one adapter, as ESM (`import`) and as CJS
 * (`require`), against loading bare ky the same way. Each load runs in its own process and times only
 * the import itself (Node's own start-up is the same for both and would hide the difference); the four
 * kinds of process alternate, round after round.
 */

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { median, type Row } from './measure.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Milliseconds the import took, printed by the child. */
function timeImport(specifier: string, how: 'import' | 'require'): number {
  const load = how === 'import' ? `await import(${JSON.stringify(specifier)})` : `require(${JSON.stringify(specifier)})`
  const script = `const t0 = performance.now(); ${load}; console.log(performance.now() - t0)`
  const args = how === 'import' ? ['--input-type=module', '-e', script] : ['-e', script]
  // From the package that depends on it, as an application's node_modules would resolve it.
  const cwd = `${root}packages/core`
  return Number(execFileSync(process.execPath, ['--no-warnings', ...args], { cwd, encoding: 'utf8' }).trim())
}

const ROUNDS = 15

export async function bench(): Promise<Row[]> {
  const adapter = `${root}packages/razorpay/dist/index`
  const kinds = [
    { name: 'esm', ours: () => timeImport(`${adapter}.js`, 'import'), ky: () => timeImport('ky', 'import') },
    { name: 'cjs', ours: () => timeImport(`${adapter}.cjs`, 'require'), ky: () => timeImport('ky', 'require') },
  ]
  const ratios = new Map<string, number[]>(kinds.map((k) => [k.name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 ? [...kinds].reverse() : kinds) {
      let ky = 0
      if (round % 2) ky = kind.ky()
      const ours = kind.ours()
      if (!(round % 2)) ky = kind.ky()
      ratios.get(kind.name)?.push(ours / ky)
    }
  }
  return kinds.map((kind) => ({
    figure: `cold import @unihook/razorpay, ${kind.name.toUpperCase()}`,
    vs: 'bare ky',
    ratio: median(ratios.get(kind.name) ?? []),
    goal: 1.5,
  }))
}
