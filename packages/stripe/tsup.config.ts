import { preset } from '../../tsup.preset'

export default preset({ index: 'src/index.ts', verify: 'src/verify.ts', testing: 'src/testing.ts', descriptor: 'src/descriptor.ts' })
