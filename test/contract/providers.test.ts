/**
 * Every registered provider passes the contract suite, built from its descriptor's sandbox, and again
 * under each variant its descriptor declares (Conekta's API 2.1.0: a two-step create, no writable `active`).
 */

import { contractSubject, runContractSuite } from '@unihook/core/testing/contract'
import { describe } from 'vitest'
import { REGISTRY } from '../registry.js'

for (const descriptor of REGISTRY) {
  runContractSuite(contractSubject(descriptor))
  for (const variant of descriptor.contract.variants ?? [])
    describe(variant.label, () => runContractSuite(contractSubject(descriptor, { options: variant.options })))
}
