/**
 * `@unihook/core/testing`: what the fakes are built on (runtime, faults, clocks, `serveFake`, `directFetch`), delivery
 * helpers, and `memoryProvider()` for testing provider-neutral code without HTTP.
 *
 * @module @unihook/core/testing
 */

export * from './clock.js'
export * from './delivery.js'
export * from './direct.js'
export * from './either.js'
export * from './fake.js'
export * from './faults.js'
export * from './memory.js'
export * from './samples.js'
export * from './serve.js'
