/**
 * `@unihook/core/testing/contract`: the provider contract suite, the same behavioural checks every
 * adapter passes, for vitest. An adapter in any repository proves itself with one call in a test file:
 *
 * ```ts
 * import { mountFake, runContractSuite } from '@unihook/core/testing/contract'
 *
 * runContractSuite({ name: 'acme', modes: ['msw', 'http'], setup: async (mode) => { … }, … })
 * ```
 *
 * It lives in its own entry so that vitest and msw stay optional peer dependencies: nothing else in
 * `@unihook/core` (or `@unihook/core/testing`) loads them.
 *
 * @module @unihook/core/testing/contract
 */

export { type Mounted, mountFake } from './mount.js'
export type { ContractHarness, ContractSubject, Mode } from './subject.js'
export { runContractSuite } from './suite.js'
export { type ContractSubjectOptions, contractSubject, credentialSecrets } from './descriptor.js'
