import { defineConfig, type Options } from 'tsup'

/**
 * Each package is built three ways:
 * - `dist/*.js` (ESM) and `dist/*.cjs` (CJS) for Node. fp-ts 2 has no `exports` map, so Node cannot
 *   resolve `fp-ts/Either` (a directory); these builds point at `fp-ts/lib/*.js`, which Node loads in
 *   both formats.
 * - `dist/bundler/*.js` (ESM, the `module` export condition) for bundlers, pointing at fp-ts's ES
 *   modules (`fp-ts/es6/*.js`) so that unused fp-ts and io-ts code is shaken out of applications.
 * The sources keep the idiomatic `fp-ts/Either` subpaths.
 */
const fpTsPaths = (folder: 'lib' | 'es6'): NonNullable<Options['plugins']>[number] => ({
  name: `fp-ts-${folder}-paths`,
  renderChunk(code) {
    return { code: code.replace(/(["'])fp-ts\/(\w+)\1/g, `$1fp-ts/${folder}/$2.js$1`) }
  },
})

export function preset(entry: Record<string, string>): ReturnType<typeof defineConfig> {
  const common: Options = { entry, sourcemap: true, target: 'node20', treeshake: true, clean: false }
  return defineConfig([
    { ...common, format: ['esm', 'cjs'], dts: true, plugins: [fpTsPaths('lib')] },
    { ...common, format: ['esm'], dts: false, outDir: 'dist/bundler', plugins: [fpTsPaths('es6')] },
  ])
}
