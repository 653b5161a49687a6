/**
 * The published manifests: what npm shows and what TypeScript resolves. The tarballs themselves are
 * checked from outside the workspace by scripts/check-packages.mjs (publint, attw, a consumer project).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const REPOSITORY = 'git+https://github.com/unihook/unihook.git'

interface Manifest {
  name: string
  private?: boolean
  version: string
  keywords?: string[]
  homepage?: string
  bugs?: { url: string }
  repository?: { type: string; url: string; directory: string }
  license?: string
  files?: string[]
  types?: string
  typesVersions?: Record<string, Record<string, string[]>>
  exports: Record<string, string | { import?: { types: string } }>
  publishConfig?: Record<string, unknown>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => !manifest.private)
const versions = new Set(packages.map(({ manifest }) => manifest.version))

describe.each(packages)('$manifest.name', ({ dir, manifest }) => {
  it('says where it comes from, on the npm page and for provenance', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: REPOSITORY, directory: `packages/${dir}` })
    expect(manifest.homepage).toBe(`https://github.com/unihook/unihook/tree/main/packages/${dir}#readme`)
    expect(manifest.bugs).toEqual({ url: 'https://github.com/unihook/unihook/issues' })
    expect(manifest.keywords).toEqual(expect.arrayContaining(['webhooks', 'unihook']))
    expect(manifest.license).toBe('MIT')
  })

  it('publishes publicly with provenance', () => {
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true })
  })

  it('ships a README, a LICENSE and a CHANGELOG', () => {
    for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) expect(existsSync(join(root, 'packages', dir, file)), file).toBe(true)
    expect(manifest.files).toContain('CHANGELOG.md')
    expect(readFileSync(join(root, 'packages', dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
    expect(readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8')).toMatch(new RegExp(`npm install[^\\n]*${manifest.name}`))
  })

  it('resolves every subpath under node10 through typesVersions, to the types exports gives', () => {
    const subpaths = Object.entries(manifest.exports).filter(([path, target]) => path !== '.' && typeof target === 'object')
    const expected = Object.fromEntries(subpaths.map(([path, target]) => [path.slice(2), [(target as { import: { types: string } }).import.types]]))
    expect(manifest.typesVersions ?? {}).toEqual(subpaths.length === 0 ? {} : { '*': expected })
  })

  it('depends on core with a caret range, so several adapters share one core', () => {
    const core = manifest.dependencies?.['@unihook/core']
    if (manifest.name !== '@unihook/core') expect(core).toBe('workspace:^')
    expect(manifest.peerDependencies?.['@unihook/core']).toBeUndefined()
  })
})

it('every published package has the same version (one fixed changesets group)', () => {
  expect(versions.size).toBe(1)
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'))
  expect(config.fixed).toEqual([['@unihook/*']])
})
