import { defineConfig, type Options } from 'tsup'

/**
 * fp-ts 2 has no `exports` map, so Node's ESM loader cannot resolve `fp-ts/Either` (a directory). The
 * sources keep the idiomatic subpaths; the bundles point at the files Node can load in both formats.
 */

export function preset(entry: Record<string, string>): ReturnType<typeof defineConfig> {
  const options: Options = {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    plugins: [
      {
        name: 'fp-ts-node-paths',
        renderChunk(code) {
          return { code: code.replace(/(["'])fp-ts\/(\w+)\1/g, '$1fp-ts/lib/$2.js$1') }
        },
      },
    ],
  }
  return defineConfig(options)
}
