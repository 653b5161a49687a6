#!/usr/bin/env node
import { installInterrupts } from './interrupt.js'
import { main } from './main.js'

// The first SIGINT/SIGTERM stops what the command would start next (and ends sandbox and listen); a second exits at once.
const stop = installInterrupts()

main(process.argv.slice(2), { signal: stop.signal }).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // main never rejects; should it, say so without a stack.
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`)
    process.exitCode = 1
  },
)
