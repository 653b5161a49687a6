/**
 * The CLI's source names no provider: every provider it serves comes from the registry of descriptors
 * (registry.ts and the generated modules it reads), so adding one touches no CLI file. This scans every
 * source file but the generated ones, comments included (a comment naming a provider goes stale as
 * surely as code does), for the name and title of every packaged provider and of the reference adapter.
 */

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PACKAGED_DESCRIPTORS } from '../src/providers.generated.js'
import { acmeDescriptor } from '../../../test/reference/acme-descriptor.js'

const src = fileURLToPath(new URL('../src/', import.meta.url))
const sourceFiles = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(src, f))
const isGenerated = (file: string) => file.endsWith('.generated.ts')

/** Where a provider's name occurs in `text`, case-insensitively: `file:line: name`. */
function mentions(file: string, names: readonly string[]): string[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  return lines.flatMap((line, i) => names.filter((name) => line.toLowerCase().includes(name)).map((name) => `${relative(src, file)}:${i + 1}: ${name}`))
}

const names = [...new Set([...PACKAGED_DESCRIPTORS, acmeDescriptor].flatMap((d) => [d.name, d.title.toLowerCase()]))]

describe("the CLI's source", () => {
  it('finds the provider names where the registry keeps them (the scan works)', () => {
    const generated = sourceFiles.filter(isGenerated)
    expect(generated.length).toBeGreaterThan(0)
    const found = generated.flatMap((f) => mentions(f, names))
    for (const d of PACKAGED_DESCRIPTORS)
      expect(
        found.some((m) => m.endsWith(`: ${d.name}`)),
        d.name,
      ).toBe(true)
  })

  it('names no provider outside the generated registry, in code or in comments', () => {
    const handWritten = sourceFiles.filter((f) => !isGenerated(f))
    expect(handWritten.length).toBeGreaterThan(20)
    expect(handWritten.flatMap((f) => mentions(f, names))).toEqual([])
  })
})
