/**
 * Benchmarks: prints figures, asserts nothing. Run with `npx --yes pnpm@10 bench` (builds first; it
 * measures the built packages, as users install them).
 *
 * - size: what an application ships when it imports one adapter (adapter + core + ky + fp-ts + io-ts,
 *   bundled, minified, gzipped), next to the packed size of the provider's official SDK as published.
 * - verification: each verifier's throughput next to a hand-written node:crypto check (verify.ts).
 * - round trips: `list` calls per second against the provider's fake served over loopback HTTP.
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { calypso } from '@unihook/calypso'
import { createCalypsoFake } from '@unihook/calypso/testing'
import { conekta } from '@unihook/conekta'
import { createConektaFake } from '@unihook/conekta/testing'
import { runOrThrow, type WebhookProvider } from '@unihook/core'
import { serveFake } from '@unihook/core/testing'
import { razorpay } from '@unihook/razorpay'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { build } from 'esbuild'
import { bench as verifyBench } from './verify.js'

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

/** Verification speed, each verifier next to a hand-written node:crypto check (test/bench/verify.ts). */
async function verification(): Promise<void> {
  table('Delivery verification: our throughput / a hand-written check (goal 0.9)', (await verifyBench()).map((row) => ({ figure: row.figure, vs: row.vs, ratio: row.ratio, goal: row.goal ?? '' })))
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
await verification()
await roundTrips()
