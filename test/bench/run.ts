/**
 * Benchmarks: prints figures, asserts nothing. Run with `npx --yes pnpm@10 bench` (builds first; it
 * measures the built packages, as users install them).
 *
 * - size: what an application ships when it imports one adapter (adapter + core + ky + fp-ts + io-ts,
 *   bundled, minified, gzipped), next to the packed size of the provider's official SDK as published.
 * - verification: deliveries verified per second, per provider.
 * - round trips: `list` calls per second against the provider's fake served over loopback HTTP.
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { calypso, calypsoVerifier } from '@unihook/calypso'
import { calypsoDeliveryPayload, createCalypsoFake, signCalypsoDelivery } from '@unihook/calypso/testing'
import { conekta, conektaVerifier } from '@unihook/conekta'
import { createConektaFake, generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import { runOrThrow, type WebhookProvider } from '@unihook/core'
import { serveFake } from '@unihook/core/testing'
import { razorpay, razorpayVerifier } from '@unihook/razorpay'
import { createRazorpayFake, razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'
import { build } from 'esbuild'

const root = new URL('../../', import.meta.url).pathname

function table(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`)
  console.table(rows)
}

async function bundleSize(entry: string): Promise<{ minified: number; gzip: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'unihook-bench-'))
  const file = join(dir, 'entry.mjs')
  writeFileSync(file, entry)
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    // As webpack and Vite do: prefer a package's ES modules (`module`), which can be tree-shaken.
    mainFields: ['module', 'main'],
    write: false,
    absWorkingDir: root,
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return { minified: code.length, gzip: gzipSync(code).length }
}

/** The official SDK as published (its own files, before axios and its other dependencies), when the registry answers. */
function officialSdkSize(name: string): string {
  try {
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', name, '--dry-run', '--json'], { encoding: 'utf8', cwd: tmpdir(), stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }),
    ) as { name: string; version: string; unpackedSize: number }[]
    return info ? `${info.name}@${info.version}: ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked, plus axios` : 'n/a'
  } catch {
    return 'registry not reachable'
  }
}

async function sizes(): Promise<void> {
  const rows = []
  for (const [pkg, names, sdk] of [
    ['@unihook/conekta', 'conekta, conektaVerifier', 'conekta'],
    ['@unihook/razorpay', 'razorpay, razorpayVerifier', 'razorpay'],
    ['@unihook/calypso', 'calypso, calypsoVerifier', ''],
  ] as const) {
    const size = await bundleSize(`export { ${names} } from '${pkg}'`)
    rows.push({
      package: pkg,
      'bundled, minified (KiB)': +(size.minified / 1024).toFixed(1),
      'gzipped (KiB)': +(size.gzip / 1024).toFixed(1),
      'official SDK': sdk ? officialSdkSize(sdk) : 'none published',
    })
  }
  const verifierOnly = await bundleSize(`export { razorpayVerifier } from '@unihook/razorpay'`)
  rows.push({ package: 'razorpayVerifier alone', 'bundled, minified (KiB)': +(verifierOnly.minified / 1024).toFixed(1), 'gzipped (KiB)': +(verifierOnly.gzip / 1024).toFixed(1), 'official SDK': '' })
  table('Bundle size (what an application ships)', rows)
}

function perSecond(iterations: number, run: () => void): number {
  for (let i = 0; i < Math.min(200, iterations); i++) run()
  const started = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) run()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return Math.round(iterations / seconds)
}

function verification(): void {
  const payload = { padding: 'x'.repeat(2000) }
  const rzSecret = 'bench_razorpay_secret_123456'
  const rz = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured', account: 'acc_H3kYHQ635sBwXG', payload }), secret: rzSecret })
  const rzVerifier = razorpayVerifier({ secrets: [rzSecret] })

  const keys = generateConektaKeyPair()
  const ck = signedConektaDelivery({ type: 'order.paid', data: payload }, keys.privateKey)
  const ckVerifier = conektaVerifier({ publicKeys: [keys.publicKey] })

  const cpKey = 'bench-public-key'
  const cpSecret = 'bench-secret-key-0123456789abcdef'
  const cp = signCalypsoDelivery(calypsoDeliveryPayload({ eventType: 'INVOICE_PAID', data: payload }), { publicKey: cpKey, secretKey: cpSecret })
  const cpVerifier = calypsoVerifier({ secrets: { [cpKey]: cpSecret } })

  const check = (name: string, result: { _tag: string }) => {
    if (result._tag !== 'Right') throw new Error(`${name}: the benchmark delivery does not verify: ${JSON.stringify(result)}`)
  }
  check('razorpay', rzVerifier.verify(rz.body, rz.headers))
  check('conekta', ckVerifier.verify(ck.body, ck.headers))
  check('calypso', cpVerifier.verify(cp.body, cp.headers))
  table('Delivery verification (2 KB payload)', [
    { provider: 'razorpay (HMAC-SHA256)', 'verifications/s': perSecond(20_000, () => rzVerifier.verify(rz.body, rz.headers)) },
    { provider: 'conekta (RSA-2048 SHA-256)', 'verifications/s': perSecond(5_000, () => ckVerifier.verify(ck.body, ck.headers)) },
    { provider: 'calypso (HMAC-SHA512)', 'verifications/s': perSecond(20_000, () => cpVerifier.verify(cp.body, cp.headers)) },
  ])
}

async function roundTrips(): Promise<void> {
  const subjects: { name: string; make: (baseUrl: string) => WebhookProvider; fake: { handle: (r: Request) => Promise<Response> } }[] = []
  const ckFake = createConektaFake({ apiKey: 'key_bench_conekta' })
  subjects.push({ name: 'conekta', fake: ckFake, make: (baseUrl) => conekta({ apiKey: 'key_bench_conekta', baseUrl }) })
  const rzFake = createRazorpayFake({ keys: { rzp_test_bench: 'bench-key-secret' } })
  subjects.push({ name: 'razorpay', fake: rzFake, make: (baseUrl) => razorpay({ keyId: 'rzp_test_bench', keySecret: 'bench-key-secret', account: 'acc_H3kYHQ635sBwXG', baseUrl }) })
  const cpFake = createCalypsoFake({ apiKey: 'bench-api-key', apiSecret: 'bench-api-secret', accounts: ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'] })
  subjects.push({
    name: 'calypso',
    fake: cpFake,
    make: (baseUrl) => calypso({ apiKey: 'bench-api-key', apiSecret: 'bench-api-secret', account: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', baseUrl }),
  })
  const rows = []
  for (const subject of subjects) {
    const served = await serveFake(subject.fake)
    try {
      const provider = subject.make(served.url)
      await runOrThrow(provider.list())
      const latencies: number[] = []
      const count = 300
      const started = performance.now()
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        await runOrThrow(provider.list())
        latencies.push(performance.now() - t0)
      }
      const total = performance.now() - started
      latencies.sort((a, b) => a - b)
      rows.push({
        provider: subject.name,
        'list calls/s': Math.round((count / total) * 1000),
        'p50 (ms)': +(latencies[Math.floor(count * 0.5)] ?? 0).toFixed(2),
        'p99 (ms)': +(latencies[Math.floor(count * 0.99)] ?? 0).toFixed(2),
      })
    } finally {
      await served.close()
    }
  }
  table('Round trips against the fake over loopback HTTP (sequential, 300 calls)', rows)
}

await sizes()
verification()
await roundTrips()
