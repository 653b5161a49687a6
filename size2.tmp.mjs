import { createRequire } from "node:module"; const require = createRequire(import.meta.url)
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const r = await build({ stdin: { contents: `export { razorpayVerifier } from '@unihook/razorpay/verify'`, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, tsconfigRaw: {}, logLevel: 'silent' })
const out = Object.values(r.metafile.outputs)[0]
for (const [f, v] of Object.entries(out.inputs)) console.log(v.bytesInOutput, f)
require("fs").writeFileSync("/tmp/rz.js", r.outputFiles[0].text)
