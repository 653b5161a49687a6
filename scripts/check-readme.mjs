// Type-checks every ```ts block of the README and the packages' READMEs against the workspace sources,
// so the examples stay true. Each block becomes its own module; `rawBody`, `request` and `provider` stand for what a reader's code
// would already have in hand.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const dir = join(root, '.readme-check')
const readmes = ['README.md', ...readdirSync(join(root, 'packages')).map((dir) => join('packages', dir, 'README.md'))].filter((f) => existsSync(join(root, f)))
const blocks = readmes.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]))

rmSync(dir, { recursive: true, force: true })
mkdirSync(dir)
const given = {
  rawBody: 'declare const rawBody: string',
  request: 'declare const request: Request',
  provider: "declare const provider: import('@unihook/core').WebhookProvider",
}
blocks.forEach((code, i) => {
  const preamble = Object.entries(given)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`(const|let|function)\\s+${name}\\b`).test(code))
    .map(([, line]) => line)
  writeFileSync(join(dir, `block-${i + 1}.ts`), `${preamble.join('\n')}\n${code}\nexport {}\n`)
})
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noUnusedLocals: false, baseUrl: '..' }, include: ['*.ts'] }),
)
try {
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json'), '--noEmit'], { stdio: 'inherit' })
  console.log(`READMEs: ${blocks.length} TypeScript examples type-check`)
} catch {
  console.error('README: an example does not type-check (files in .readme-check/)')
  process.exit(1)
}
rmSync(dir, { recursive: true, force: true })
