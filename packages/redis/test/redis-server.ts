/**
 * Real Redis for the tests. The shared server comes from `UNIHOOK_REDIS_URL` (`.ci/run` starts one);
 * tests that stop or restart Redis spawn their own `redis-server` on a free loopback port (the binary
 * from `UNIHOOK_REDIS_SERVER`, else `redis-server` on the PATH). Without them the tests are skipped,
 * and reported as skipped, outside CI; under `CI=true` a missing Redis is a failure.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'vitest'

export const sharedRedisUrl = process.env.UNIHOOK_REDIS_URL

const serverBinary = process.env.UNIHOOK_REDIS_SERVER ?? 'redis-server'
const hasServerBinary = spawnSync(serverBinary, ['--version'], { stdio: 'ignore' }).status === 0

/** `describe` when Redis is there; skipped outside CI when it is not; a failure under CI. */
export function describeWithRedis(name: string, needs: 'shared' | 'binary', body: () => void): void {
  const present = needs === 'shared' ? sharedRedisUrl !== undefined : hasServerBinary
  const missing = needs === 'shared' ? 'UNIHOOK_REDIS_URL is not set' : `${serverBinary} is not installed`
  if (present) describe(name, body)
  else if (process.env.CI && process.env.CI !== 'false')
    describe(name, () =>
      it('has Redis', () => {
        throw new Error(`${missing}: CI must provide Redis (.ci/run starts it)`)
      }),
    )
  else describe.skip(`${name} (skipped: ${missing})`, body)
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A redis-server of the test's own, persisting every write (AOF, fsync always) so a restart keeps its keys. */
export interface OwnRedis {
  readonly url: string
  /** Stops the server (SIGKILL: a crash) and waits for it to exit. */
  stop(): Promise<void>
  /** Starts it again on the same port and directory. */
  start(): Promise<void>
  /** Stops it and removes its directory. */
  dispose(): Promise<void>
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    serverBinary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 10_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`))
    })
  })
  return child
}

export async function ownRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'unihook-redis-'))
  const port = await freePort()
  let child: ChildProcess | undefined = await launch(port, dir)
  const stop = async () => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start: async () => {
      child = await launch(port, dir)
    },
    dispose: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
