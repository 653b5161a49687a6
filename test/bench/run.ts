/**
 * Benchmarks: prints one table of ratios, asserts nothing (CI runs no timed test; sizes are budgets in
 * test/build). Run with `npx --yes pnpm@10 bench`, which builds first: it measures the built packages,
 * as users install them. Every ratio is ours over a comparator measured side by side in the same run;
 * `--only <section>` runs one section (latency, import, bundle, paging, reconcile, scale, receive, verify).
 */

import { existsSync } from 'node:fs'
import { round2, type Row } from './measure.js'

interface Section {
  readonly name: string
  readonly load: () => Promise<{ bench: () => Promise<Row[]> }>
}

const sections: Section[] = [
  { name: 'latency', load: () => import('./latency.js') },
  { name: 'import', load: () => import('./cold-import.js') },
  { name: 'bundle', load: () => import('./bundle.js') },
  { name: 'paging', load: () => import('./paging.js') },
  { name: 'reconcile', load: () => import('./reconcile.js') },
  { name: 'receive', load: () => import('./receive.js') },
  { name: 'scale', load: () => import('./scale.js') },
]
// The verification benchmark lives with the receiving code; it joins the table once it exists.
const verify = './verify.js'
if (existsSync(new URL('./verify.ts', import.meta.url)))
  sections.push({ name: 'verify', load: () => import(verify) as Promise<{ bench: () => Promise<Row[]> }> })

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined

function print(rows: readonly Row[]): void {
  console.table(
    rows.map((row) => ({
      figure: row.figure,
      vs: row.vs,
      ratio: Number.isNaN(row.ratio) ? '-' : `${round2(row.ratio)}×`,
      goal: row.goal === undefined ? '' : `≤ ${round2(row.goal)}×`,
      met: row.goal === undefined || Number.isNaN(row.ratio) ? '' : row.ratio <= row.goal ? 'yes' : 'NO',
      note: row.note ?? '',
    })),
  )
}

const all: Row[] = []
for (const section of sections) {
  if (only && section.name !== only) continue
  const rows = await (await section.load()).bench()
  console.log(`\n${section.name}`)
  print(rows)
  all.push(...rows)
}
