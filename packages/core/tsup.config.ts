import type { Options } from 'tsup'
import { preset } from '../../tsup.preset'

const entries = {
  index: 'src/index.ts',
  verify: 'src/verify/index.ts',
  // The two implementations of `#crypto`, picked at run time by the package's `imports` conditions.
  'crypto/node': 'src/verify/crypto-node.ts',
  'crypto/web': 'src/verify/crypto-web.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/msw': 'src/testing/msw.ts',
  'testing/contract': 'src/testing/contract/index.ts',
}

const builds = preset(entries) as Options[]
// `#crypto` stays an import in the output, resolved by whoever loads or bundles the package.
const withCrypto: Options[] = builds.map((build) => ({ ...build, external: [...(build.external ?? []), '#crypto'] }))

export default withCrypto
