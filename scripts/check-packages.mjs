// Checks the packages as users receive them, outside the workspace:
// 1. lint and format (biome), and the API reference (typedoc: every export documented, no broken link;
//    a docs/api that differs from the generated one is reported);
// 2. `pnpm -r pack`, then `publint --strict` and `attw` on each tarball;
// 3. a consumer project in a temporary directory installs the tarballs (one @unihook/core for all
//    adapters), type-checks against them with skipLibCheck off under nodenext, bundler and node10 with
//    exactOptionalPropertyTypes and noUncheckedIndexedAccess, and runs an ESM app and a CJS app against
//    the fakes over loopback, and the installed `unihook` command verifies a delivery;
// 4. the msw handler, under each msw major the peer range admits;
// 5. a changesets dry run: a minor change to core versions every package together.
// Needs the npm registry only (for the consumer's install). `--built` skips the build (CI builds for the
// tests first); `--keep` leaves the temporary directory for inspection.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const fixtures = join(root, 'scripts', 'consumer')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const args = new Set(process.argv.slice(2))
const work = mkdtempSync(join(tmpdir(), 'unihook-packages-'))
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' }

/** The msw majors `@unihook/core/testing/msw` supports; the peer range in core's manifest must match. */
const MSW_MAJORS = [2, 3]

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const run = (command, commandArgs, cwd = root) => execFileSync(command, commandArgs, { cwd, env, stdio: 'inherit' })
const quiet = (command, commandArgs, cwd = root) => execFileSync(command, commandArgs, { cwd, env, encoding: 'utf8' })

async function step(name, action) {
  const started = Date.now()
  console.log(`\n== ${name}`)
  await action()
  console.log(`-- ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')) && !readJson(join(dir, 'package.json')).private)
}

function lintAndDocs() {
  run(bin('biome'), ['ci', '.'])
  // Validation fails on an undocumented export or a broken link. A reference that differs from the one
  // committed in docs/api is reported (regenerate it with `npx --yes pnpm@10 run docs`) but not fatal.
  const generated = join(work, 'api')
  run(bin('typedoc'), ['--out', generated])
  const stale = differingFiles(generated, join(root, 'docs', 'api'))
  if (stale.length > 0) console.warn(`docs/api is out of date (${stale.slice(0, 5).join(', ')}): run npx --yes pnpm@10 run docs`)
}

/** Files that differ between two directory trees, or exist in only one. */
function differingFiles(a, b) {
  const list = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => !statSync(join(dir, f)).isDirectory()) : [])
  const files = new Set([...list(a), ...list(b)])
  return [...files].filter((f) => !existsSync(join(a, f)) || !existsSync(join(b, f)) || readFileSync(join(a, f), 'utf8') !== readFileSync(join(b, f), 'utf8'))
}

function packAll(packs) {
  mkdirSync(packs)
  run('npx', ['--yes', 'pnpm@10', '-r', '--filter', './packages/**', 'pack', '--pack-destination', packs])
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'))
  if (tarballs.length !== publishedPackages().length) throw new Error(`expected ${publishedPackages().length} tarballs, got ${tarballs.join(', ')}`)
  return tarballs.map((f) => join(packs, f))
}

function checkTarball(tarball) {
  const listing = quiet('tar', ['tzf', tarball]).split('\n')
  for (const file of ['package/README.md', 'package/LICENSE', 'package/CHANGELOG.md']) {
    if (!listing.includes(file)) throw new Error(`${tarball} lacks ${file.slice('package/'.length)}`)
  }
  run(bin('publint'), ['--strict', tarball])
  // Entries built on an ESM-only peer (the contract suite on vitest) declare no `require`: checked as ESM only.
  const manifest = JSON.parse(quiet('tar', ['-xOzf', tarball, 'package/package.json']))
  const esmOnly = Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'object' && !('require' in target))
    .map(([key]) => key)
  run(bin('attw'), [tarball, '--format', 'ascii', ...(esmOnly.length ? ['--exclude-entrypoints', ...esmOnly] : [])])
  if (esmOnly.length) run(bin('attw'), [tarball, '--format', 'ascii', '--profile', 'esm-only', '--entrypoints', ...esmOnly])
}

function installConsumer(dir, tarballs) {
  const names = Object.fromEntries(tarballs.map((t) => [quietJsonFromTarball(t).name, `file:${t}`]))
  const typescript = readJson(join(root, 'node_modules', 'typescript', 'package.json')).version
  const manifest = {
    name: 'unihook-consumer',
    private: true,
    type: 'module',
    dependencies: { ...names, msw: `^${MSW_MAJORS[0]}` },
    devDependencies: { typescript, '@types/node': '^20' },
  }
  mkdirSync(dir)
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(dir, file))
  // The same declarations, loaded through `require` under nodenext.
  copyFileSync(join(fixtures, 'types.ts'), join(dir, 'types.cts'))
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir)
}

function quietJsonFromTarball(tarball) {
  return JSON.parse(quiet('tar', ['xzf', tarball, '-O', 'package/package.json']))
}

/** A user with several adapters must get one core: every adapter's range meets the installed core. */
function checkOneCore(dir) {
  const found = []
  const walk = (modules) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((e) => `${entry}/${e}`) : [entry]
      for (const name of scoped) {
        if (name === '@unihook/core') found.push(relative(dir, join(modules, name)))
        walk(join(modules, name, 'node_modules'))
      }
    }
  }
  walk(join(dir, 'node_modules'))
  if (found.length !== 1) throw new Error(`expected one @unihook/core, found ${found.length}: ${found.join(', ')}`)
  console.log(`one @unihook/core for every adapter: ${found[0]}`)
}

const strict = {
  strict: true,
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2023'],
  types: ['node'],
}
const resolutions = {
  nodenext: { compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['types.ts', 'types.cts'] },
  bundler: { compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' }, files: ['types.ts'] },
  node10: { compilerOptions: { ...strict, module: 'commonjs', moduleResolution: 'node10' }, files: ['types.ts'] },
  msw: { compilerOptions: { ...strict, lib: ['ES2023', 'DOM', 'DOM.Iterable'], module: 'nodenext', moduleResolution: 'nodenext' }, files: ['msw-types.ts'] },
}

/** Type-checks under each named configuration, in parallel (each tsc is single-threaded). */
async function typeCheck(dir, names) {
  const tsc = join(dir, 'node_modules', '.bin', 'tsc')
  const results = await Promise.allSettled(
    names.map(async (name) => {
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(resolutions[name], null, 2))
      await promisify(execFile)(tsc, ['-p', `tsconfig.${name}.json`], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 })
      return name
    }),
  )
  for (const result of results) {
    if (result.status === 'fulfilled') console.log(`types hold under ${result.value}`)
    else console.error(`${result.reason.stdout ?? ''}${result.reason.stderr ?? ''}`)
  }
  if (results.some((r) => r.status === 'rejected')) throw new Error('the consumer project does not type-check')
}

async function checkMswMajors(dir) {
  const range = readJson(join(root, 'packages', 'core', 'package.json')).peerDependencies.msw
  const declared = range.split('||').map((r) => Number(r.trim().replace(/^\^/, '').split('.')[0]))
  if (declared.join() !== MSW_MAJORS.join()) throw new Error(`core's msw peer range ${range} does not match the tested majors ${MSW_MAJORS}`)
  for (const major of MSW_MAJORS) {
    // The first major's types were checked with the consumer's; a later major comes with a plain
    // install, as a user would do it: npm fails with ERESOLVE if core's peer range refuses it.
    if (major !== MSW_MAJORS[0]) {
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `msw@^${major}`], dir)
      await typeCheck(dir, ['msw'])
    }
    run('node', ['msw.mjs'], dir)
  }
}

/** Versions a copy of the workspace's manifests with a minor change to core, as the release would. */
function changesetsDryRun(dir) {
  mkdirSync(dir)
  for (const file of ['package.json', 'pnpm-workspace.yaml']) copyFileSync(join(root, file), join(dir, file))
  cpSync(join(root, '.changeset'), join(dir, '.changeset'), { recursive: true })
  for (const pkg of publishedPackages()) {
    const target = join(dir, relative(root, pkg))
    mkdirSync(target, { recursive: true })
    for (const file of ['package.json', 'CHANGELOG.md']) copyFileSync(join(pkg, file), join(target, file))
  }
  writeFileSync(join(dir, '.changeset', 'dry-run.md'), "---\n'@unihook/core': minor\n---\n\nA dry run.\n")
  const before = Object.fromEntries(publishedPackages().map((pkg) => [readJson(join(pkg, 'package.json')).name, readJson(join(pkg, 'package.json')).version]))
  run(bin('changeset'), ['version'], dir)
  const core = before['@unihook/core']
  const [major, minor] = core.split('.').map(Number)
  const expected = `${major}.${minor + 1}.0`
  for (const pkg of publishedPackages()) {
    const after = readJson(join(dir, relative(root, pkg), 'package.json'))
    if (after.version !== expected) throw new Error(`${after.name} went to ${after.version}, expected ${expected} with core (fixed versioning)`)
    const range = after.dependencies?.['@unihook/core']
    if (range !== undefined && range !== 'workspace:^') throw new Error(`${after.name} depends on core as ${range}`)
    if (!readFileSync(join(dir, relative(root, pkg), 'CHANGELOG.md'), 'utf8').includes(`## ${expected}`))
      throw new Error(`${after.name}'s CHANGELOG lacks ${expected}`)
  }
  console.log(`a minor change to core versions every package to ${expected}, each with a CHANGELOG entry`)
}

try {
  if (!args.has('--built')) await step('build', () => run('npx', ['--yes', 'pnpm@10', 'build']))
  await step('lint, format and API reference', lintAndDocs)
  const tarballs = packAll(join(work, 'packs'))
  await step('publint and attw on each tarball', () => tarballs.forEach(checkTarball))
  const consumer = join(work, 'consumer')
  await step('consumer install', () => {
    installConsumer(consumer, tarballs)
    checkOneCore(consumer)
  })
  await step('consumer type-check', () => typeCheck(consumer, ['nodenext', 'bundler', 'node10', 'msw']))
  await step('ESM and CJS apps, and the CLI', () => {
    run('node', ['app.mjs'], consumer)
    run('node', ['app.cjs'], consumer)
    run('node', ['cli.mjs'], consumer)
  })
  await step(`msw majors ${MSW_MAJORS.join(', ')}`, () => checkMswMajors(consumer))
  await step('changesets dry run', () => changesetsDryRun(join(work, 'changesets')))
  console.log('\npackage checks passed')
} catch (error) {
  console.error(`\npackage checks failed: ${error.message}`)
  process.exitCode = 1
} finally {
  if (args.has('--keep')) console.log(`kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
