import { preset } from '../../tsup.preset'

export default preset({ index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'testing/msw': 'src/testing/msw.ts' })
