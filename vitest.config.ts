import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run against the TypeScript sources; test/build checks the built bundles separately.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@unihook\/core\/testing\/msw$/, replacement: src('./packages/core/src/testing/msw.ts') },
      { find: /^@unihook\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^#crypto$/, replacement: src('./packages/core/src/verify/crypto-node.ts') },
      { find: /^@unihook\/core\/verify$/, replacement: src('./packages/core/src/verify/index.ts') },
      { find: /^@unihook\/core$/, replacement: src('./packages/core/src/index.ts') },
      ...['conekta', 'razorpay', 'calypso', 'stripe'].flatMap((name) => [
        { find: new RegExp(`^@unihook/${name}/testing$`), replacement: src(`./packages/${name}/src/testing.ts`) },
        { find: new RegExp(`^@unihook/${name}/verify$`), replacement: src(`./packages/${name}/src/verify.ts`) },
        { find: new RegExp(`^@unihook/${name}$`), replacement: src(`./packages/${name}/src/index.ts`) },
      ]),
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
