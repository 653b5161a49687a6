import { execFileSync } from 'node:child_process'
import { startFake } from './reconcile.js'
import { RZ_KEY, RZ_SECRET } from './subjects.js'
const fake = await startFake()
await fake.ask({ latency: 2, empty: true })
for (const way of (process.env.WAYS ?? 'fetch,unihook').split(',')) {
  await fake.ask({ empty: true })
  const out = execFileSync(process.execPath, [
    ...(process.env.PROF ? process.env.PROF.split(' ') : []),
    '--expose-gc',
    'test/bench/scale-child.mjs',
    fake.url,
    process.env.N ?? '2000',
    way,
    RZ_KEY,
    RZ_SECRET,
    '8',
  ])
  const { counts } = await fake.ask({ requests: true })
  const r = JSON.parse(String(out))
  const req = Object.values(counts).reduce((a, b) => a + b, 0)
  console.log(way, 'cpu/req', (r.cpuMs / req).toFixed(3), 'peakKB', r.peakGrowthKB.toFixed(1), 'retKB', r.retainedKB.toFixed(2))
}
fake.stop()
