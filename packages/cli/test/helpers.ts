/** Runs the built `unihook` binary as a child process, the way users run it. */

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KeptSecret } from '../src/secrets-file.js'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** stdout parsed as JSON (for `--json` runs). */
  json<T = Record<string, any>>(): T
}

/** A clean environment: no provider credentials leak in from the machine running the tests. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra }
}

export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(options.env), cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({
        code,
        stdout,
        stderr,
        json: () => {
          try {
            return JSON.parse(stdout)
          } catch {
            throw new Error(`stdout is not one JSON document:\n${stdout}\nstderr:\n${stderr}`)
          }
        },
      })
    })
  })
}

export interface Background {
  readonly child: ChildProcess
  /** Resolves with the next line of stdout. */
  nextLine(): Promise<string>
  readonly stderr: () => string
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>
  readonly stdout: () => string
}

/** Starts a long-running command (`sandbox`, `listen`), reading its stdout line by line. */
export function startCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Background {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(options.env), cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
  let buffer = ''
  let all = ''
  let err = ''
  const lines: string[] = []
  const waiters: ((line: string) => void)[] = []
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d
    all += d
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i)
      buffer = buffer.slice(i + 1)
      const waiter = waiters.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  child.stderr!.on('data', (d: Buffer) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    nextLine: () => {
      const line = lines.shift()
      if (line !== undefined) return Promise.resolve(line)
      return new Promise((resolve, reject) => {
        waiters.push(resolve)
        void exited.then(() => reject(new Error(`the command ended before printing a line; stderr:\n${err}`)))
      })
    },
    stderr: () => err,
    stdout: () => all,
    exited,
  }
}

/** A temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'unihook-cli-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The escape character that starts every ANSI colour sequence. */
export const ESCAPE = String.fromCharCode(27)

/** No stack trace: no `    at …` frames and no source file references. */
export const NO_STACK = /^\s+at\s|\.ts:\d+|\.js:\d+:\d+/m

/**
 * A temporary directory with a sandbox state file in it, fresh for the whole file (`all`) or for each
 * test (`each`); read `dir` and `env` inside tests.
 */
export function sandboxState(scope: 'all' | 'each' = 'all'): { dir: string; env: Record<string, string> } {
  const state = { dir: '', env: {} as Record<string, string> }
  let cleanup: () => void = () => undefined
  ;(scope === 'all' ? beforeAll : beforeEach)(() => {
    const temp = tempDir()
    cleanup = temp.cleanup
    state.dir = temp.dir
    state.env = { UNIHOOK_SANDBOX_STATE: join(temp.dir, 'state.json') }
  })
  ;(scope === 'all' ? afterAll : afterEach)(() => cleanup())
  return state
}

/** Tests that start several processes get this long: each start costs seconds on a machine shared by many test runs. */
export const SPAWN_TIMEOUT_MS = 180_000

/** One line of a secrets file (JSON lines, appended by every command that hands out a secret). */
export type SecretLine = KeptSecret

/** Every record of a secrets file, in the order written. */
export const readSecrets = (path: string): SecretLine[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SecretLine)

/** An app on a free loopback port that keeps every request, answering each with the next of `statuses` (then 200). */
export async function receiver(statuses: number[] = []) {
  const got: { body: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      got.push({ body, headers: req.headers })
      res.writeHead(statuses.shift() ?? 200).end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, close: () => new Promise((r) => server.close(r)) }
}

/** A receiver that keeps what it gets and answers 200, for capturing deliveries. */
export const capture = () => receiver()

/** Resolves once `read()` matches `pattern`; fails after `ms`. */
export async function waitFor(read: () => string, pattern: RegExp, ms = 60_000): Promise<void> {
  const until = Date.now() + ms
  while (!pattern.test(read())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; got:\n${read()}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** `webhooks create` of a Razorpay webhook in the sandbox, for tests of its refusals. */
export const sandboxCreateArgs = (account: string, url: string, events: string, ...extra: string[]): string[] => [
  ...'webhooks create --sandbox --provider razorpay'.split(' '),
  ...['--account', account, '--url', url, '--events', events],
  ...extra,
]
