import { defineConfig, type Options } from 'tsup'

/**
 * Each package is built twice, a choice made by measurement (`pnpm bench`: cold import, bundle size):
 * - For Node, `dist/*.js` (ESM) and `dist/*.cjs` (CJS) carry the fp-ts and io-ts pieces they use,
 *   inlined from those libraries' ES modules. fp-ts 2 and io-ts 2 ship CommonJS that Node would load
 *   file by file (fp-ts's ES modules are not loadable by Node), which made a cold ESM import of an adapter
 *   cost 2.8× bare ky; inlined, it costs about what ky does. The packages' own code stays external, so
 *   core is loaded once; io-ts is matched across copies by `_tag`, never `instanceof`.
 * - For bundlers, `dist/bundler/*.js` (ESM, the `module` export condition) keeps fp-ts and io-ts
 *   external and points at their ES modules (`fp-ts/es6/*.js`, `io-ts/es6/*.js`), so that an
 *   application holds one copy of each, shared by core and the adapter, under any resolution (esbuild's
 *   default `--platform=node` reads io-ts's `main`, its CommonJS build, unless told otherwise).
 * The sources keep the idiomatic `fp-ts/Either` and `io-ts/Decoder` imports.
 */
const FP_LIBRARIES = [/^fp-ts(\/|$)/, /^io-ts(\/|$)/]

const esModulePaths: NonNullable<Options['plugins']>[number] = {
  name: 'fp-ts-io-ts-es-modules',
  renderChunk(code) {
    return {
      code: code
        .replace(/(["'])fp-ts\/(\w+)\1/g, '$1fp-ts/es6/$2.js$1')
        .replace(/(["'])io-ts(?:\/(\w+))?\1/g, (_, q, module = 'index') => `${q}io-ts/es6/${module}.js${q}`),
    }
  },
}

export function preset(entry: Record<string, string>): ReturnType<typeof defineConfig> {
  const common: Options = { entry, sourcemap: true, target: 'node20', treeshake: true, clean: false }
  return defineConfig([
    {
      ...common,
      format: ['esm', 'cjs'],
      dts: true,
      noExternal: FP_LIBRARIES,
      // Inline the libraries' ES modules (tree-shaken), not their CommonJS builds.
      esbuildOptions: (options) => {
        options.mainFields = ['module', 'main']
      },
    },
    { ...common, format: ['esm'], dts: false, outDir: 'dist/bundler', plugins: [esModulePaths] },
  ])
}
