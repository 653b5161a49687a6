/**
 * Bundle size of an application that uses one adapter (create + list), minified and gzipped, under
 * esbuild's default `--platform=node` resolution and with module-first resolution (what webpack and Vite
 * do), against the same application written with ky alone and with the official SDK. The sizes are not
 * times; the budget itself is checked in test/build/bundles.test.ts.
 */

import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { PACKAGED_DESCRIPTORS } from '../providers.generated.js'
import type { Row } from './measure.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

export type Resolution = 'node default' | 'module first'

export const RESOLUTIONS: Resolution[] = ['node default', 'module first']

/**
 * The application, per adapter package of the registry: build one from its credential variables (the
 * factory is named as the provider and takes the credentials by their descriptor names), create a
 * webhook to the first sample event, list a page.
 */
export const APPS: Record<string, string> = Object.fromEntries(
  PACKAGED_DESCRIPTORS.map((d) => {
    const options = Object.entries(d.credentials.variables).map(([name, variable]) => `${name}: process.env.${variable}`)
    if (d.account.required) options.push(`account: process.env.${d.credentials.accountVariable}`)
    const app = `import { ${d.name} } from '@unihook/${d.name}'
const p = ${d.name}({ ${options.join(', ')} })
console.log(await p.create({ url: process.argv[2], events: ['${d.samples.events[0]}'] })(), await p.list()())`
    return [d.name, app]
  }),
)

const KY_APP = `import ky from 'ky'
const api = ky.create({ prefixUrl: 'https://api.razorpay.com/v2/accounts/' + process.env.ACCOUNT, headers: { authorization: 'Basic ' + btoa(process.env.KEY_ID + ':' + process.env.KEY_SECRET) } })
console.log(await api.post('webhooks', { json: { url: process.argv[2], events: ['payment.captured'] } }).json(), await api.get('webhooks').json())`

const SDK_APPS: Record<string, string> = {
  razorpay: `import Razorpay from 'razorpay'
const r = new Razorpay({ key_id: process.env.KEY_ID, key_secret: process.env.KEY_SECRET })
console.log(await r.webhooks.create({ url: process.argv[2], events: ['payment.captured'] }, process.env.ACCOUNT), await r.webhooks.all({}, process.env.ACCOUNT))`,
  conekta: `import { Configuration, WebhooksApi } from 'conekta'
const api = new WebhooksApi(new Configuration({ accessToken: process.env.API_KEY }))
console.log(await api.createWebhook({ url: process.argv[2] }), await api.getWebhooks())`,
  stripe: `import Stripe from 'stripe'
const s = new Stripe(process.env.API_KEY)
console.log(await s.webhookEndpoints.create({ url: process.argv[2], enabled_events: ['payment_intent.succeeded'] }), await s.webhookEndpoints.list())`,
}

const SDK_LABELS: Record<string, string> = { razorpay: 'razorpay@2.9.8', conekta: 'conekta@9', stripe: 'stripe@23' }

/** Where a byte of the bundle comes from: a library, or a part of our code. */
const PARTS: readonly (readonly [string, RegExp])[] = [
  ['ky', /\/ky\//],
  ['fp-ts', /\/fp-ts\//],
  ['io-ts', /\/io-ts\//],
  ['core transport', /core\/src\/http(-failure)?\.ts$/],
  ['core errors', /core\/src\/errors\.ts$/],
  ['core redaction', /core\/src\/secret\.ts$/],
  ['core decoding', /core\/src\/decode\.ts$/],
  ['core validation', /core\/src\/validate\.ts$/],
  ['core pagination', /core\/src\/pagination\.ts$/],
  ['core, other', /core\//],
  ['adapter', /packages\//],
]
const LIBRARIES = new Set(['ky', 'fp-ts', 'io-ts'])
const partOf = (source: string): string => PARTS.find(([, pattern]) => pattern.test(source))?.[0] ?? 'app'

export interface Bundled {
  readonly gzip: number
  readonly minified: number
  /** Distinct fp-ts builds in the bundle (`lib` is CJS, `es6` ES modules): more than one is a duplicate. */
  readonly fpTsCopies: number
  readonly inputs: readonly string[]
  /** The floor: the bytes of this bundle that come from ky, fp-ts and io-ts, gzipped on their own. */
  readonly floorGzip: number
  /** Per part (a library or a part of our code): minified bytes, and what the gzipped bundle would lose without them. */
  readonly parts: ReadonlyMap<string, { readonly minified: number; readonly gzip: number }>
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The source index of every character of the output, read from the source map's mappings. */
function sourceOfEachChar(code: string, mappings: string): Int32Array {
  const owner = new Int32Array(code.length).fill(-1)
  const lineStarts = [0]
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1)
  let source = 0
  let line = 0
  let from = -1
  let fromSource = -1
  const fill = (to: number) => {
    if (from >= 0) owner.fill(fromSource, from, to)
  }
  for (const lineMappings of mappings.split(';')) {
    let column = 0
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue
      const fields: number[] = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = BASE64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0] ?? 0
      const at = (lineStarts[line] ?? code.length) + column
      fill(at)
      if (fields.length > 1) source += fields[1] ?? 0
      from = at
      fromSource = fields.length > 1 ? source : -1
    }
    line++
    fill(lineStarts[line] ?? code.length)
    from = -1
  }
  return owner
}

function partsOf(code: string, owner: Int32Array, sources: readonly string[]) {
  const partOfChar = Array.from(owner, (index) => (index < 0 ? 'app' : partOf(sources[index] ?? '')))
  const total = gzipSync(code).length
  const names = [...new Set(partOfChar)]
  const keep = (wanted: (part: string) => boolean) => [...code].filter((_, i) => wanted(partOfChar[i] as string)).join('')
  const parts = new Map(
    names.map((name) => [name, { minified: partOfChar.filter((p) => p === name).length, gzip: total - gzipSync(keep((p) => p !== name)).length }] as const),
  )
  return { parts, floorGzip: gzipSync(keep((p) => LIBRARIES.has(p))).length }
}

export async function bundle(app: string, resolution: Resolution): Promise<Bundled> {
  const result = await build({
    stdin: { contents: app, resolveDir: root, loader: 'js' },
    // Not the repo's tsconfig, whose `paths` point the packages at their sources: the built packages, as installed.
    tsconfigRaw: '{}',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    ...(resolution === 'module first' ? { mainFields: ['module', 'main'], conditions: ['module'] } : {}),
    // The packages' own source maps carry each byte back to its source file.
    sourcemap: 'external',
    outfile: join(root, 'app.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'))
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{}') as { sources: string[]; mappings: string }
  const code = output?.contents ?? new Uint8Array()
  const inputs = Object.keys(result.metafile.inputs)
  const fpTsCopies = new Set(inputs.map((file) => /fp-ts\/(lib|es6)\//.exec(file)?.[1]).filter(Boolean)).size
  const text = output?.text ?? ''
  const { parts, floorGzip } = partsOf(text, sourceOfEachChar(text, map.mappings ?? ''), map.sources ?? [])
  return { gzip: gzipSync(code).length, minified: code.length, fpTsCopies, inputs, floorGzip, parts }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export const BUDGET_BYTES = 12 * 1024

/** The parts, largest first, as "ky 4.3, core transport 2.6, …" (KB each part's absence would save). */
const breakdown = (parts: Bundled['parts'], which: (name: string) => boolean) =>
  [...parts]
    .filter(([name]) => which(name))
    .sort((a, b) => b[1].gzip - a[1].gzip)
    .map(([name, part]) => `${name} ${(part.gzip / 1024).toFixed(2)}`)
    .join(', ')

export async function bench(): Promise<Row[]> {
  const rows: Row[] = []
  for (const resolution of RESOLUTIONS) {
    const ky = await bundle(KY_APP, resolution)
    for (const [name, app] of Object.entries(APPS)) {
      const ours = await bundle(app, resolution)
      const figure = `${name} app bundle, ${resolution}`
      const note = `${kb(ours.gzip)} min+gz; fp-ts copies: ${ours.fpTsCopies}`
      rows.push({ figure, vs: '12 KB budget', ratio: ours.gzip / BUDGET_BYTES, goal: 1, note })
      rows.push({
        figure: `  its floor: ky + the fp-ts/io-ts pieces it uses`,
        vs: '12 KB budget',
        ratio: ours.floorGzip / BUDGET_BYTES,
        note: `${kb(ours.floorGzip)} min+gz: ${breakdown(ours.parts, (part) => LIBRARIES.has(part))} KB`,
      })
      rows.push({
        figure: `  our code on top of the floor`,
        vs: 'the floor',
        ratio: (ours.gzip - ours.floorGzip) / ours.floorGzip,
        note: `${kb(ours.gzip - ours.floorGzip)}: ${breakdown(ours.parts, (part) => !LIBRARIES.has(part) && part !== 'app')} KB (each part: what the bundle would lose without it)`,
      })
      rows.push({ figure, vs: 'ky alone app', ratio: ours.gzip / ky.gzip, note: `ky alone: ${kb(ky.gzip)}` })
      const sdkApp = SDK_APPS[name]
      if (sdkApp) {
        const sdk = await bundle(sdkApp, resolution).catch(() => undefined)
        if (sdk) rows.push({ figure, vs: `${SDK_LABELS[name]} app`, ratio: ours.gzip / sdk.gzip, note: `SDK: ${kb(sdk.gzip)}` })
      }
    }
  }
  return rows
}
