// Prints `Tests: N passed, N failed` from vitest's JSON report; exits non-zero when anything failed,
// nothing ran, or the report is missing (the build or vitest itself broke before testing).
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.vitest-results.json'
if (!existsSync(file)) {
  console.log('Tests: 0 passed, 0 failed')
  console.error(`no vitest report at ${file}`)
  process.exit(1)
}
const report = JSON.parse(readFileSync(file, 'utf8'))
const passed = report.numPassedTests ?? 0
const failed = report.numFailedTests ?? 0
const brokenFiles = report.numFailedTestSuites ?? 0
if (brokenFiles > 0) console.error(`${brokenFiles} test file(s) failed`)
console.log(`Tests: ${passed} passed, ${failed} failed`)
process.exit(passed > 0 && failed === 0 && brokenFiles === 0 ? 0 : 1)
