// The workspace's packages as the repository's own tooling sees them, read from packages/*/package.json:
// each entry point with the source file it is built from, and the adapter packages (those exporting
// `./descriptor`). The vitest aliases, the tsconfig.json paths, the typedoc entry points and the test
// registry of provider descriptors all derive from this list, so a new package needs no edit there.
// `node scripts/generate.mjs` rewrites the checked-in files; `--check` fails when one is stale.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

/** The source an export is built from: `./x` is `src/x.ts`, else `src/x/index.ts`; `.` is `src/index.ts`. */
function sourceOf(dir, key) {
  const name = key === '.' ? 'index' : key.slice(2)
  const candidates = [`src/${name}.ts`, `src/${name}/index.ts`]
  const found = candidates.find((file) => existsSync(join(root, 'packages', dir, file)))
  if (!found) throw new Error(`packages/${dir}: no source for the export ${key} (looked for ${candidates.join(', ')})`)
  return `packages/${dir}/${found}`
}

/** Every package with its entries: `{ dir, name, private, entries: [{ specifier, source }] }`, by directory name. */
export function workspacePackages() {
  return readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .sort()
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
      const keys = Object.keys(manifest.exports ?? {}).filter((key) => key !== './package.json')
      const entries = keys.map((key) => ({ specifier: key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`, source: sourceOf(dir, key) }))
      return { dir, name: manifest.name, entries }
    })
}

/** The adapter packages: those that export a provider descriptor (`<name>/descriptor`, exporting `<dir>Descriptor`). */
export const adapterPackages = (packages = workspacePackages()) =>
  packages.filter((p) => p.entries.some((e) => e.specifier === `${p.name}/descriptor`)).map((p) => ({ ...p, descriptor: `${p.dir}Descriptor` }))

/** Package entry to source file, longest specifier first (for tsconfig paths and vitest aliases alike). */
export const sourceEntries = (packages = workspacePackages()) =>
  packages.flatMap((p) => p.entries).sort((a, b) => b.specifier.length - a.specifier.length || a.specifier.localeCompare(b.specifier))

/** vitest `resolve.alias` entries: each package entry to its source. */
export const vitestAliases = () =>
  sourceEntries().map(({ specifier, source }) => ({
    find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`),
    replacement: join(root, source),
  }))
