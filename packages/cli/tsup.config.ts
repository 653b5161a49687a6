import { defineConfig } from 'tsup'

// The command: one ESM entry for Node; dependencies stay external (installed alongside). The library
// entry (`defineConfig` for a typed unihook.config.ts) is built for import and require, with types.
export default defineConfig([
  { entry: { bin: 'src/bin.ts' }, format: ['esm'], target: 'node20', sourcemap: true, clean: false },
  { entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true, target: 'node20', sourcemap: true, clean: false },
])
