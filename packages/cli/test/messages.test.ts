/**
 * What a person reads when they get the command line wrong: what was typed, what is expected, the flag
 * that fixes it, "did you mean" for commands, flags, providers and events, exit 64, and never the
 * argument parser's or the library's internals. `--help` of every command lists every flag that applies
 * (and no other), each with a description, its default and an example.
 */

import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../src/main.js'
import { NO_STACK, runCli, SPAWN_TIMEOUT_MS, sandboxCreateArgs, sandboxState } from './helpers.js'

const sandbox = sandboxState('all')
const INTERNALS = /ambiguous|To specify a positional|ERR_PARSE_ARGS|razorpay\(\)|calypso\(\)|conekta\(\)|set allowUnknownEvents|invalid input:|Unknown option/

const cases: { args: string[]; message: RegExp }[] = [
  { args: ['plna'], message: /unknown command "plna" \(did you mean "plan"\?\)/ },
  { args: ['webhook', 'list'], message: /unknown command "webhook list" \(did you mean "webhooks list"\?\)/ },
  { args: ['webhooks', 'lst'], message: /did you mean "webhooks list"\?/ },
  { args: ['webhooks'], message: /webhooks needs a subcommand: list, get, create/ },
  { args: ['webhooks', 'list', '--limt', '3'], message: /unknown flag --limt for webhooks list \(did you mean --limit\?\)/ },
  { args: ['webhooks', 'list', '--provider', 'razorpay', '--limit'], message: /--limit needs a value \(e\.g\. --limit 20\)/ },
  { args: ['webhooks', 'list', '--limit', '--provider', 'razorpay'], message: /--limit needs a value, but the next word is the flag --provider/ },
  {
    args: ['webhooks', 'list', '--provider', 'razorpy', '--sandbox'],
    message: /unknown provider "razorpy" for --provider; expected one of conekta, razorpay, calypso, stripe \(did you mean "razorpay"\?\)/,
  },
  { args: ['sandbox', '--sandbox'], message: /unknown flag --sandbox for sandbox/ },
  { args: ['plan', '--yes'], message: /unknown flag --yes for plan \(--yes belongs to apply\)/ },
  { args: ['apply', '--yes=1'], message: /--yes is a switch and takes no value/ },
  { args: ['webhooks', 'get', '-x1', '--provider', 'razorpay', '--sandbox'], message: /an argument that starts with - goes after --/ },
  { args: ['plan', 'extra'], message: /plan takes flags only, but got 1/ },
  {
    args: ['trigger', 'razorpay', 'paymnt.captured'],
    message: /"paymnt\.captured" is not a razorpay event \(did you mean "payment\.captured"\?\); pass --allow-unknown/,
  },
  {
    args: ['trigger', 'razorpay', 'payment.captured', '--to', 'notaurl', '--secret', 's'],
    message: /--to must be an absolute http\(s\) URL like http:\/\/127\.0\.0\.1:3000\/hooks, not "notaurl"/,
  },
  { args: ['trigger', 'strpe', 'charge.succeeded'], message: /unknown provider "strpe" for trigger/ },
  {
    args: sandboxCreateArgs('acc_Messages000001', 'https://a.example.com', 'payment.capturd'),
    message: /--events: unknown event "payment\.capturd" \(pass --allow-unknown to send names outside the catalog\) \(did you mean "payment\.captured"\?\)/,
  },
  {
    args: sandboxCreateArgs('acc_Messages000001', 'nope', 'payment.captured'),
    message: /--url: is not a well-formed absolute URL; expected an absolute http\(s\) URL/,
  },
  {
    args: ['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', 'acc_short'],
    message: /razorpay account "acc_short" is not valid: must be acc_ followed by 14 letters or digits; fix --account/,
  },
  { args: ['listen', '--max-body', 'huge'], message: /--max-body must be a size such as 1mb, 256kb or 65536/ },
  {
    args: ['listen', '--forward-to', 'razorpy=http://127.0.0.1:1'],
    message: /unknown provider "razorpy" \(did you mean "razorpay"\?\)|unknown provider "razorpy"; expected one of .*did you mean "razorpay"/,
  },
  { args: ['verify', '--provider', 'razorpay', '--body', 'missing.json'], message: /--body missing\.json: cannot read it \(no such file\)/ },
]

describe('usage errors', { timeout: SPAWN_TIMEOUT_MS }, () => {
  for (const { args, message } of cases) {
    it(args.join(' '), async () => {
      const run = await runCli(args, { env: sandbox.env, cwd: sandbox.dir })
      expect(run.code, run.stderr).toBe(64)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).not.toMatch(INTERNALS)
      expect(run.stderr).not.toMatch(NO_STACK)
    })
  }

  it('verify --body - reads the body from stdin', async () => {
    const { spawn } = await import('node:child_process')
    const { BIN, baseEnv } = await import('./helpers.js')
    const child = spawn(
      process.execPath,
      [BIN, 'verify', '--provider', 'razorpay', '--body', '-', '--header', 'x-razorpay-signature: 00', '--secret', 'topsecret1', '--json'],
      {
        env: baseEnv(),
      },
    )
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stdin.end('{"event":"payment.captured"}')
    const code = await new Promise((r) => child.on('close', r))
    expect(code).toBe(1)
    expect(JSON.parse(out)).toMatchObject({ verified: false, provider: 'razorpay', reason: expect.stringMatching(/signature/) })
  })
})

describe("the README's way to run the built CLI in this repository", { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('works from a package subdirectory with nothing but the JSON document on stdout, and only the error on stderr', async () => {
    const { execFile } = await import('node:child_process')
    const { fileURLToPath } = await import('node:url')
    const line = 'node "$(git rev-parse --show-toplevel)/packages/cli/dist/bin.js"'
    const run = (args: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const cwd = fileURLToPath(new URL('../../core/src', import.meta.url))
        execFile('sh', ['-c', `${line} ${args}`], { cwd, env: { ...process.env, ...sandbox.env } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        )
      })
    const listed = await run('webhooks list --sandbox --json')
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout)).toMatchObject({ providers: ['conekta', 'razorpay', 'calypso', 'stripe'], webhooks: expect.any(Array) })
    const failed = await run('plna')
    expect(failed.code).toBe(64)
    expect(failed.stdout).toBe('')
    expect(failed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error UsageError: unknown command "plna"/)])
  })
})

describe('--help', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('of every command lists each flag that applies, with a description, and a default or an example for every value', async () => {
    const helps = await Promise.all(COMMANDS.map(async (command) => ({ command, run: await runCli([...command.name.split(' '), '--help']) })))
    for (const { command, run } of helps) {
      expect(run.code, command.name).toBe(0)
      const lines = run.stdout.split('\n')
      for (const [name, option] of Object.entries(command.options)) {
        const line = lines.find((l) => l.includes(`--${name}`) && /^\s+(-\w, )?\s*--/.test(l))
        expect(line, `${command.name} --${name}`).toBeDefined()
        // A description after the flag, and for a flag taking a value, its default or an example.
        expect(line!.replace(/^\s*(-\w, )?\s*--[\w-]+( \S+)?\s+/, '').length, `${command.name} --${name}`).toBeGreaterThan(10)
        if (option.type === 'string') expect(line, `${command.name} --${name}`).toMatch(/Default: |Example: /)
      }
      expect(run.stdout, command.name).toMatch(/\nexamples:\n {2}unihook /)
    }
    const help = (name: string) => helps.find((h) => h.command.name === name)!.run.stdout
    expect(help('sandbox')).not.toContain('--sandbox')
    expect(help('plan')).toMatch(/--concurrency N\s+requests on the wire at once per provider credential.*Default: 8/)
    expect(help('trigger')).toContain('--allow-unknown')
    expect(help('listen')).toMatch(/--max-body SIZE .*Default: 1mb/)
    expect(help('webhooks list')).toMatch(/--provider NAME .*Default: every provider with credentials/)
  })
})
