/** `@unihook/cli` as a library: run the command line in-process (`main`), or embed the sandbox. */
export { main, type MainSettings } from './main.js'
export { EXIT } from './errors.js'
export { createSandboxFakes, DEFAULT_SANDBOX_PORT, SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS, type SandboxState, serveSandbox } from './sandbox.js'
