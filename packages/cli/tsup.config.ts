import { defineConfig } from 'tsup'

// A command, not a library: one ESM entry for Node; dependencies stay external (installed alongside).
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  target: 'node20',
  sourcemap: true,
  clean: false,
})
