// Preloaded (`node -r`) into a process whose peak RSS the bench wants: on exit, writes the process's
// maximum resident set size, in kilobytes, to the file named by UNIHOOK_BENCH_RSS_OUT.
const { writeFileSync } = require('node:fs')

process.on('exit', () => writeFileSync(process.env.UNIHOOK_BENCH_RSS_OUT, String(process.resourceUsage().maxRSS)))
