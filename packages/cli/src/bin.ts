#!/usr/bin/env node
import { main } from './main.js'

// SIGINT/SIGTERM end long-running commands (sandbox, listen) through their signal, so state is saved.
const stop = new AbortController()
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130)
    stopping = true
    stop.abort()
  })
}

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
