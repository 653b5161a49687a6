// The installed `unihook` command (from @unihook/cli's tarball) verifies a signed Razorpay delivery, and
// refuses it under another secret.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { razorpayEvent, signRazorpayDelivery } from '@unihook/razorpay/testing'

const secret = 'consumer-webhook-secret'
const delivery = signRazorpayDelivery({ payload: razorpayEvent({ event: 'payment.captured' }), secret })
const body = join(mkdtempSync(join(tmpdir(), 'unihook-cli-')), 'body.json')
writeFileSync(body, delivery.body)
const headers = Object.entries(delivery.headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`])
const verify = (withSecret) =>
  spawnSync(join('node_modules', '.bin', 'unihook'), ['verify', '--provider', 'razorpay', '--body', body, ...headers, '--secret', withSecret, '--json'], {
    encoding: 'utf8',
  })

const version = spawnSync(join('node_modules', '.bin', 'unihook'), ['--version'], { encoding: 'utf8' })
assert.equal(version.status, 0, version.stderr)
const verified = verify(secret)
assert.equal(verified.status, 0, verified.stderr)
assert.equal(JSON.parse(verified.stdout).event.type, 'payment.captured')
const refused = verify('another-secret')
assert.equal(refused.status, 1, refused.stderr)
assert.equal(JSON.parse(refused.stdout).verified, false)
console.log(`unihook ${version.stdout.trim()}: verify accepts the signed delivery and refuses another secret`)
