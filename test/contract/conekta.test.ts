/** Conekta at API 2.1.0 too (two-step create, no writable `active`); the default version runs with every provider. */

import { conektaDescriptor } from '@unihook/conekta/descriptor'
import { contractSubject, runContractSuite } from '@unihook/core/testing/contract'
import { describe } from 'vitest'

describe('API 2.1.0', () => runContractSuite(contractSubject(conektaDescriptor, { options: { apiVersion: '2.1.0' } })))
