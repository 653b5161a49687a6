/**
 * On a terminal (a pseudo-terminal from util-linux `script`): colour unless `NO_COLOR`, the progress bar,
 * and `apply` asking before it changes anything.
 */

import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, baseEnv, ESCAPE, sandboxState, SPAWN_TIMEOUT_MS } from './helpers.js'

const SCRIPT = '/usr/bin/script'
const sandbox = sandboxState('each')

/** Runs the CLI on a pseudo-terminal, typing `input`; resolves with everything the terminal showed. */
function onTerminal(args: readonly string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], { env: baseEnv({ TERM: 'xterm', ...sandbox.env, ...env }), cwd: sandbox.dir })
    let screen = ''
    child.stdout.on('data', (d) => (screen += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, screen }))
    // The prompt reads a line; typing it early is fine, the terminal buffers it.
    child.stdin.write(input)
    child.stdin.end()
  })
}

describe.skipIf(!existsSync(SCRIPT))('on a terminal', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const config = () =>
    writeFileSync(
      join(sandbox.dir, 'unihook.config.json'),
      JSON.stringify({ webhooks: [{ provider: 'razorpay', account: 'acc_Terminal000001', url: 'https://shop.example.com/t', events: ['payment.captured'] }] }),
    )

  it('asks before applying; "n" changes nothing, "y" applies with a progress bar, in colour', async () => {
    config()
    const declined = await onTerminal(['apply', '--sandbox'], 'n\n')
    expect(declined.screen).toMatch(/Apply these changes\? \[y\/N\]/)
    expect(declined.screen).toMatch(/apply cancelled; nothing was changed/)
    expect(declined.code).toBe(1)

    const accepted = await onTerminal(['apply', '--sandbox'], 'y\n')
    expect(accepted.code, accepted.screen).toBe(0)
    expect(accepted.screen).toMatch(/apply \[[=-]+\] 1\/1 \(0 failed\)/)
    expect(accepted.screen).toMatch(/Apply: 1 succeeded, 0 failed/)
    // Colour codes (the plan's "+ create" in green).
    expect(accepted.screen).toContain(`${ESCAPE}[32m+ create`)
  })

  it('prints no colour when NO_COLOR is set', async () => {
    config()
    const plain = await onTerminal(['plan', '--sandbox'], '', { NO_COLOR: '1' })
    expect(plain.code, plain.screen).toBe(0)
    expect(plain.screen).toMatch(/\+ create https:\/\/shop\.example\.com\/t/)
    expect(plain.screen).not.toMatch(new RegExp(`${ESCAPE}\\[3\\dm`))
  })
})
