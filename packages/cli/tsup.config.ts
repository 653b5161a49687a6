import { defineConfig } from 'tsup'

// A command for Node: ESM only; dependencies stay external (installed alongside).
export default defineConfig({
  entry: { bin: 'src/bin.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  sourcemap: true,
  dts: { entry: { index: 'src/index.ts' } },
  clean: false,
})
