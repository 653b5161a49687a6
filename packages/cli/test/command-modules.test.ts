/**
 * Commands import no other command's internals: what two commands share lives in a module of its own
 * (listener.ts for `listen` and `demo`, planning.ts for `plan`, `apply` and `demo`, sandbox-deliver.ts
 * for `trigger` and `demo`).
 */

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dir = fileURLToPath(new URL('../src/commands/', import.meta.url))

/** The sibling command modules `file` imports (`./listen.js`). */
const siblingImports = (file: string): string[] => [...readFileSync(join(dir, file), 'utf8').matchAll(/from '(\.\/[^']+)'/g)].map((m) => m[1]!)

describe('the command modules', () => {
  it("import no other command's module", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    expect(files.flatMap((file) => siblingImports(file).map((imported) => `${file} imports ${imported}`))).toEqual([])
  })
})
