/**
 * One process, two copies of core: the ESM build (`import`) and the CJS build (`require`), as when an
 * application imports core while a dependency requires it. Classes differ between the copies, so errors
 * are recognised by the documented guards (`isUnihookError`, `isVerificationError`, `isWebhookError`),
 * and `instanceof UnihookError` follows the same guard. Runs the BUILT packages in a fresh Node process.
 */

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const coreDir = fileURLToPath(new URL('../../packages/core/', import.meta.url))

const SCRIPT = `
import { createRequire } from 'node:module'
const esm = await import('@unihook/core')
const cjs = createRequire(process.cwd() + '/package.json')('@unihook/core')
const thrown = await esm.runOrThrow(async () => ({ _tag: 'Left', left: esm.webhookError('NotFound', { provider: 'p', operation: 'get' }, 'gone') })).catch((e) => e)
const verifier = { provider: 'p', signatureHeaders: ['x'], verify: () => async () => ({ _tag: 'Left', left: esm.verificationError('p', 'signature_mismatch', 'no') }) }
const refused = await esm.verifyOrThrow(verifier, 'body', {}).catch((e) => e)
console.log(JSON.stringify({
  classesDiffer: esm.UnihookError !== cjs.UnihookError,
  isUnihookError: cjs.isUnihookError(thrown),
  instanceOfOtherCopy: thrown instanceof cjs.UnihookError,
  isWebhookError: cjs.isWebhookError(thrown.error),
  isVerificationError: cjs.isVerificationError(refused),
  verificationReason: refused.reason,
  plainErrorIsNot: cjs.isUnihookError(new Error('x')) || new Error('x') instanceof cjs.UnihookError,
  lookalikeIsNot: cjs.isUnihookError({ _tag: 'NotFound', error: thrown.error }),
}))
`

describe('errors across the ESM and CJS copies of core', () => {
  it('are recognised by the guards, never by class identity alone', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: coreDir, encoding: 'utf8' })
    expect(JSON.parse(output)).toEqual({
      classesDiffer: true,
      isUnihookError: true,
      instanceOfOtherCopy: true,
      isWebhookError: true,
      isVerificationError: true,
      verificationReason: 'signature_mismatch',
      plainErrorIsNot: false,
      lookalikeIsNot: false,
    })
  })
})
