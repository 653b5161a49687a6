import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const cases = {
  razorpay: `export { razorpayVerifier } from '@unihook/razorpay/verify'`,
  conekta: `export { conektaVerifier } from '@unihook/conekta/verify'`,
  calypso: `export { calypsoVerifier } from '@unihook/calypso/verify'`,
  all: `export { createReceiver } from '@unihook/core/verify'
export { razorpayVerifier } from '@unihook/razorpay/verify'
export { conektaVerifier } from '@unihook/conekta/verify'
export { calypsoVerifier } from '@unihook/calypso/verify'`,
  rootRazorpay: `export { razorpayVerifier } from '@unihook/razorpay'`,
}
for (const [name, code] of Object.entries(cases)) {
  for (const platform of ['browser', 'node']) {
    const r = await build({ stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', platform, write: false, metafile: true, tsconfigRaw: {}, logLevel: 'silent' })
    const text = r.outputFiles[0].text
    const inputs = Object.keys(r.metafile.inputs)
    console.log(name, platform, gzipSync(text).length, inputs.some((f) => f.includes('io-ts')), inputs.some((f) => f.includes('/ky/')))
  }
}
