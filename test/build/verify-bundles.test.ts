/**
 * Verifier bundle budgets (issue #8): a verifier imported alone from its light entry, and the receiver
 * with the first three and with every registered one, bundled from the BUILT packages with esbuild (minified, gzipped) as an edge or browser
 * app would be, carry no HTTP client, no codec library and no fp-ts runtime, and stay within budget.
 *
 * The receiver with all three meets the 4 KB. A verifier alone is held at 2.6 KB, above the
 * issue's 2 KB: a verifier with no provider code at all, on core's kit, already weighs about 2.15 KB
 * (`pnpm bench -- --only verify` prints it as the floor), being what every verifier must carry: Web Crypto
 * (~0.19 KB of it), the checks of the secrets (~0.17 KB), header and raw-body handling (~0.25 KB), typed
 * refusals, and the redacted views of events (~0.28 KB: URL credentials and credential-named fields).
 */

import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { PACKAGED_DESCRIPTORS } from '../providers.generated.js'

const root = new URL('../../', import.meta.url).pathname

const KB = 1024
const VERIFIER_BUDGET = 2.6 * KB
const RECEIVER_BUDGET = 4 * KB
// Handlers with the in-memory seen-store and the Node adapter, on the receiver with all three (issue #22):
// about 2 KB over the receiver, which does not carry them (they are tree-shaken away when unused).
const HANDLERS_BUDGET = 6.5 * KB
/** With Stripe's verifier too: each verifier adds its own checks and messages (about 0.41 KB for Stripe's). */
const RECEIVER_OF_FOUR_BUDGET = 4.5 * KB

/** Each adapter package's verifier (`<name>Verifier` from `@unihook/<name>/verify`) alone, and the receiver with all of them. */
const verifiers = PACKAGED_DESCRIPTORS.map((d) => `export { ${d.name}Verifier } from '@unihook/${d.name}/verify'`)
/** The three verifiers issue #8's 4 KB receiver budget was set for. */
const FIRST_THREE = `export { razorpayVerifier } from '@unihook/razorpay/verify'
export { conektaVerifier } from '@unihook/conekta/verify'
export { calypsoVerifier } from '@unihook/calypso/verify'`
const CASES: Record<string, { readonly entry: string; readonly budget: number }> = {
  ...Object.fromEntries(PACKAGED_DESCRIPTORS.map((d, i) => [`${d.name}Verifier`, { entry: verifiers[i]!, budget: VERIFIER_BUDGET }])),
  'createReceiver with all three': {
    entry: `export { createReceiver, verifyOrThrow } from '@unihook/core/verify'\n${FIRST_THREE}`,
    budget: RECEIVER_BUDGET,
  },
  [`createReceiver with all ${PACKAGED_DESCRIPTORS.length}`]: {
    entry: [`export { createReceiver, verifyOrThrow } from '@unihook/core/verify'`, ...verifiers].join('\n'),
    budget: RECEIVER_OF_FOUR_BUDGET,
  },
  'createHandlers with all three': {
    entry: `export { createReceiver, createHandlers, memorySeenStore, nodeHandler } from '@unihook/core/verify'\n${FIRST_THREE}`,
    budget: HANDLERS_BUDGET,
  },
}

async function bundle(entry: string, platform: 'browser' | 'node') {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    // The installed packages, as an application resolves them: no source aliases from the repo's tsconfig.
    tsconfigRaw: {},
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.contents
  return { gzip: gzipSync(code).length, inputs: Object.keys(result.metafile.inputs), text: new TextDecoder().decode(code) }
}

describe.each(Object.entries(CASES))('%s, bundled alone', (_name, { entry, budget }) => {
  it.each(['browser', 'node'] as const)('stays within budget, with no ky, io-ts or fp-ts runtime (platform %s)', async (platform) => {
    const bundled = await bundle(entry, platform)
    expect(bundled.gzip).toBeLessThanOrEqual(budget)
    expect(bundled.inputs.filter((file) => /\/(ky|io-ts|fp-ts)\//.test(file))).toEqual([])
    expect(bundled.inputs.some((file) => file.includes('/dist/'))).toBe(true)
    // The tools' entry (descriptor, fakes, samples) never comes along.
    expect(bundled.inputs.filter((file) => /\/(descriptor|testing|samples)[.-]|\/fake\//.test(file))).toEqual([])
    // Web Crypto for browsers and workers; node:crypto only where Node resolves the package.
    const nodeCrypto = /from\s*["'](node:)?crypto["']/
    if (platform === 'browser') expect(bundled.text).not.toMatch(nodeCrypto)
    else expect(bundled.text).toMatch(nodeCrypto)
  })
})
