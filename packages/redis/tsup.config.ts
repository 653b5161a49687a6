import { preset } from '../../tsup.preset'

export default preset({ index: 'src/index.ts' })
