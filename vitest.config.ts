import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { vitestAliases } from './scripts/workspace.mjs'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run against the TypeScript sources; test/build checks the built bundles separately.
export default defineConfig({
  resolve: {
    alias: [
      // Core's sources import `#crypto`, which its package maps by runtime; the tests run on Node.
      { find: /^#crypto$/, replacement: src('./packages/core/src/verify/crypto-node.ts') },
      // Every entry of every package (packages/*/package.json `exports`) to its source.
      ...vitestAliases(),
    ],
  },
  test: {
    environment: 'node',
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup/network-guard.ts'],
    testTimeout: 20_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
})
