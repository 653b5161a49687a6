/** Every registered provider passes the contract suite, built from its descriptor's sandbox. */

import { contractSubject, runContractSuite } from '@unihook/core/testing/contract'
import { REGISTRY } from '../registry.js'

for (const descriptor of REGISTRY) runContractSuite(contractSubject(descriptor))
