/**
 * Bundle size of an application that uses one adapter (create + list), minified and gzipped, under
 * esbuild's default `--platform=node` resolution and with module-first resolution (what webpack and Vite
 * do), against the same application written with ky alone and with the official SDK. The sizes are not
 * times; the budget itself is checked in test/build/bundles.test.ts.
 */

import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import type { Row } from './measure.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

export type Resolution = 'node default' | 'module first'

export const RESOLUTIONS: Resolution[] = ['node default', 'module first']

/** The application, per adapter: build one, create a webhook, list a page. */
export const APPS: Record<string, string> = {
  razorpay: `import { razorpay } from '@unihook/razorpay'
const p = razorpay({ keyId: process.env.KEY_ID, keySecret: process.env.KEY_SECRET, account: process.env.ACCOUNT })
console.log(await p.create({ url: process.argv[2], events: ['payment.captured'] })(), await p.list()())`,
  conekta: `import { conekta } from '@unihook/conekta'
const p = conekta({ apiKey: process.env.API_KEY })
console.log(await p.create({ url: process.argv[2], events: ['order.paid'] })(), await p.list()())`,
  calypso: `import { calypso } from '@unihook/calypso'
const p = calypso({ apiKey: process.env.API_KEY, apiSecret: process.env.API_SECRET, account: process.env.ACCOUNT })
console.log(await p.create({ url: process.argv[2], events: ['INVOICE_PAID'] })(), await p.list()())`,
}

const KY_APP = `import ky from 'ky'
const api = ky.create({ prefixUrl: 'https://api.razorpay.com/v2/accounts/' + process.env.ACCOUNT, headers: { authorization: 'Basic ' + btoa(process.env.KEY_ID + ':' + process.env.KEY_SECRET) } })
console.log(await api.post('webhooks', { json: { url: process.argv[2], events: ['payment.captured'] } }).json(), await api.get('webhooks').json())`

/**
 * What stands under any app built on this stack: ky plus the io-ts and fp-ts modules the packages
 * import, referenced but with none of our code. io-ts 2 keeps its whole `index` module in a bundle (its
 * codecs are module-level `new` calls with no pure annotations, which bundlers must keep).
 */
const FLOOR_APP = `import ky from 'ky'
import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
console.log(ky, t.type, t.partial, t.intersection, t.union, t.array, t.string, t.number, t.boolean, t.unknown, t.Type, t.success, t.failure,
  E.isLeft, E.isRight, E.left, E.right, E.map, E.mapLeft, E.chain, TE.map, TE.chain, TE.orElse, TE.mapLeft, TE.left, TE.right, pipe)`

const SDK_APPS: Record<string, string> = {
  razorpay: `import Razorpay from 'razorpay'
const r = new Razorpay({ key_id: process.env.KEY_ID, key_secret: process.env.KEY_SECRET })
console.log(await r.webhooks.create({ url: process.argv[2], events: ['payment.captured'] }, process.env.ACCOUNT), await r.webhooks.all({}, process.env.ACCOUNT))`,
  conekta: `import { Configuration, WebhooksApi } from 'conekta'
const api = new WebhooksApi(new Configuration({ accessToken: process.env.API_KEY }))
console.log(await api.createWebhook({ url: process.argv[2] }), await api.getWebhooks())`,
}

export interface Bundled {
  readonly gzip: number
  readonly minified: number
  /** Distinct fp-ts builds in the bundle (`lib` is CJS, `es6` ES modules): more than one is a duplicate. */
  readonly fpTsCopies: number
  readonly inputs: readonly string[]
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
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  const inputs = Object.keys(result.metafile.inputs)
  const fpTsCopies = new Set(inputs.map((file) => /fp-ts\/(lib|es6)\//.exec(file)?.[1]).filter(Boolean)).size
  return { gzip: gzipSync(code).length, minified: code.length, fpTsCopies, inputs }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export const BUDGET_BYTES = 12 * 1024

export async function bench(): Promise<Row[]> {
  const rows: Row[] = []
  for (const resolution of RESOLUTIONS) {
    const ky = await bundle(KY_APP, resolution)
    const floor = await bundle(FLOOR_APP, resolution)
    rows.push({
      figure: `floor: ky + io-ts + fp-ts pieces, ${resolution}`,
      vs: '12 KB budget',
      ratio: floor.gzip / BUDGET_BYTES,
      note: `${kb(floor.gzip)} min+gz, before any of our code`,
    })
    for (const [name, app] of Object.entries(APPS)) {
      const ours = await bundle(app, resolution)
      const figure = `${name} app bundle, ${resolution}`
      const note = `${kb(ours.gzip)} min+gz; fp-ts copies: ${ours.fpTsCopies}`
      rows.push({ figure, vs: '12 KB budget', ratio: ours.gzip / BUDGET_BYTES, goal: 1, note })
      rows.push({ figure, vs: 'ky alone app', ratio: ours.gzip / ky.gzip, note: `ky alone: ${kb(ky.gzip)}` })
      const sdkApp = SDK_APPS[name]
      if (sdkApp) {
        const sdk = await bundle(sdkApp, resolution).catch(() => undefined)
        if (sdk)
          rows.push({ figure, vs: name === 'razorpay' ? 'razorpay@2.9.8 app' : 'conekta@9 app', ratio: ours.gzip / sdk.gzip, note: `SDK: ${kb(sdk.gzip)}` })
      }
    }
  }
  return rows
}
