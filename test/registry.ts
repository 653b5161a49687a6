/**
 * The registry the repository's test suites loop over: every adapter package's descriptor (generated
 * from packages/*, see scripts/generate.mjs) and the reference adapter's, registered in one line.
 */

import type { AnyProviderDescriptor } from '@unihook/core'
import { PACKAGED_DESCRIPTORS } from './providers.generated.js'
import { acmeDescriptor } from './reference/acme-descriptor.js'

export const REGISTRY: readonly AnyProviderDescriptor[] = [...PACKAGED_DESCRIPTORS, acmeDescriptor]
