/**
 * The sandbox: the three providers' fakes from `@unihook/*\/testing`, with fixed, documented credentials,
 * state persisted to a JSON file (mode 0600: it holds the fakes' webhook secrets) and reloaded, any
 * well-formed account accepted and created on first use, and deliveries signed as each provider signs.
 *
 * A running `unihook sandbox` writes a runtime file next to its state (`<state>.run.json`: pid and base
 * URLs) so that other commands talk to it; without one, a command runs an in-process sandbox on the
 * persisted state and saves it afterwards.
 */

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { AnyProviderDescriptor, SandboxFake } from '@unihook/core'
import { type FakeHandler, type ServedFake, serveFake } from '@unihook/core/testing'
import { failure, usageError } from './errors.js'
import { writePrivateFile } from './private-file.js'
import { PROJECT_DIR, projectFile } from './project.js'
import { type ProviderName, providerNames, providers } from './providers.js'
import { createRedeliverer, type Redeliverer, type RedelivererOptions, type SentDelivery } from './redelivery.js'
import { descriptorOf } from './registry.js'
import { sharedStateLock } from './sandbox-lock.js'

/** The sandbox's credentials of a provider (its descriptor's): fixed, so that scripts and apps can be pointed at it. They guard nothing real. */
export const sandboxCredentials = (name: ProviderName): Readonly<Record<string, string>> => descriptorOf(name).sandbox.credentials

/** The account used when a command names none, where the provider has accounts. */
export const sandboxAccount = (name: ProviderName): string | undefined => descriptorOf(name).sandbox.accounts[0]

export const DEFAULT_SANDBOX_PORT = 4010
export const DEFAULT_STATE_FILE = `${PROJECT_DIR}/sandbox.json`

/** The persisted sandbox: each provider's fake's snapshot under its name (a provider missing starts empty). */
export interface SandboxState {
  readonly version: 1
  readonly [provider: string]: unknown
}

export interface SandboxFakes {
  /** Each provider's fake, by name. */
  readonly fakes: Readonly<Record<ProviderName, SandboxFake>>
  /** How long the last delivery to each URL took, in milliseconds. */
  readonly deliveryTimes: ReadonlyMap<string, number>
  /** Every delivery the receiver did not accept, sent again on the provider's schedule. */
  readonly redeliveries: Redeliverer
  snapshot(): SandboxState
  /** Replaces every fake's data with a state's (faults and latency stay armed). */
  restore(state: SandboxState): void
}

export type SandboxUrls = Readonly<Record<ProviderName, string>>

/**
 * Where the state lives: `--state`, else `UNIHOOK_SANDBOX_STATE`, else `sandbox.json` in the project's
 * `.unihook/` (the nearest one from the working directory up, as git finds `.git`; the working
 * directory's when there is none yet).
 */
export function statePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag ?? env.UNIHOOK_SANDBOX_STATE
  return given === undefined ? projectFile('sandbox.json') : resolve(given)
}

const runtimePath = (state: string) => `${state.replace(/\.json$/, '')}.run.json`

/** What the sandbox redelivers with: its pace (`--speed`, `--no-redeliver`) and who hears of each retry. */
export type SandboxRedelivery = Pick<RedelivererOptions, 'settings' | 'onAttempt' | 'handOff'>

export function createSandboxFakes(state?: SandboxState, env: NodeJS.ProcessEnv = process.env, redelivery: SandboxRedelivery = {}): SandboxFakes {
  const deliveryTimes = new Map<string, number>()
  const redeliveries = createRedeliverer({
    ...redelivery,
    resign: (provider, sent) => {
      const spec = descriptorOf(provider).sandbox.redelivery
      return spec?.resign?.(fakes[provider]!.snapshot(), sent)
    },
  })
  // Each provider's deliveries are timed, so that `trigger` can say how long the receiver took, and
  // handed to the redeliverer, which retries those the receiver did not accept.
  const deliveringFor =
    (provider: ProviderName): typeof globalThis.fetch =>
    async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      const sent: SentDelivery | undefined =
        typeof init?.body === 'string' ? { url, headers: Object.fromEntries(new Headers(init.headers)), body: init.body } : undefined
      const started = performance.now()
      try {
        const response = await globalThis.fetch(input, init)
        if (sent) redeliveries.observe(provider, sent, { status: response.status })
        return response
      } catch (error) {
        if (sent) redeliveries.observe(provider, sent, {})
        throw error
      } finally {
        deliveryTimes.set(url.replace(/\/\/[^@/]*@/, '//'), Math.round(performance.now() - started))
      }
    }
  const fakes: Record<ProviderName, SandboxFake> = Object.fromEntries(providers().map((d) => [d.name, d.sandbox.fake({ fetch: deliveringFor(d.name) })]))
  const restore = (saved: SandboxState) => {
    for (const [name, fake] of Object.entries(fakes)) if (saved[name] !== undefined) fake.restore(saved[name])
  }
  if (state) restore(state)
  armFaults(fakes, env.UNIHOOK_SANDBOX_FAULTS)
  return {
    fakes,
    deliveryTimes,
    redeliveries,
    snapshot: () => ({ version: 1, ...Object.fromEntries(Object.entries(fakes).map(([name, fake]) => [name, fake.snapshot()])) }),
    restore,
  }
}

interface FaultSpec {
  readonly provider: ProviderName
  /** Answer with this status (`times` requests)… */
  readonly status?: number
  /** …or delay every matching request by this many milliseconds. */
  readonly latencyMs?: number
  readonly method?: string
  /** Exact request path, or a regular expression with `pathPattern`. */
  readonly path?: string
  readonly pathPattern?: string
  readonly times?: number
}

/**
 * `UNIHOOK_SANDBOX_FAULTS`: a JSON list of `{provider, status, method?, path?|pathPattern?, times?}`, each
 * answering the next `times` matching requests with that status, or of `{provider, latencyMs, method?,
 * path?|pathPattern?}`, each delaying every matching request. For rehearsing failures (and for tests).
 */
function armFaults(fakes: Readonly<Record<ProviderName, SandboxFake>>, spec: string | undefined): void {
  if (!spec) return
  let faults: FaultSpec[]
  try {
    faults = JSON.parse(spec) as FaultSpec[]
    if (!Array.isArray(faults)) throw new Error('not a list')
  } catch (error) {
    throw usageError(`UNIHOOK_SANDBOX_FAULTS is not a JSON list of faults: ${(error as Error).message}`)
  }
  faults.forEach((f, i) => {
    const latency = f.latencyMs !== undefined && Number.isInteger(f.latencyMs) && f.latencyMs >= 0
    const fake = fakes[f.provider]
    if (!fake || !(Number.isInteger(f.status) || latency))
      throw usageError(`UNIHOOK_SANDBOX_FAULTS[${i}]: needs a provider (${providerNames().join('|')}) and an integer status or latencyMs`)
    const path = f.pathPattern === undefined ? f.path : new RegExp(f.pathPattern)
    const match = { ...(f.method ? { method: f.method } : {}), ...(path === undefined ? {} : { path }) }
    if (latency) fake.runtime.faults.latency(f.latencyMs as number, match)
    else fake.runtime.faults.failNext(f.times ?? 1, { status: f.status as number }, match)
  })
}

export function loadState(path: string): SandboxState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw failure(`cannot read the sandbox state ${path}: ${(error as Error).message}`)
  }
  try {
    const state = JSON.parse(text) as SandboxState
    if (state?.version !== 1 || typeof state !== 'object') throw new Error('not a unihook sandbox state (version 1)')
    return state
  } catch (error) {
    throw failure(`the sandbox state ${path} is unreadable (${(error as Error).message}); delete it to start afresh`, { tag: 'StateError' })
  }
}

/** Writes atomically (a temporary file renamed into place), readable by the owner only. */
export function saveState(path: string, state: SandboxState): void {
  mkdirSync(dirname(path), { recursive: true })
  writePrivateFile(path, `${JSON.stringify(state, null, 2)}\n`)
}

interface RuntimeInfo {
  readonly pid: number
  readonly urls: SandboxUrls
  /** Where other commands hand it their redeliveries, and the token that lets them (the file is the owner's only). */
  readonly control?: { readonly url: string; readonly token: string }
}

/** The running sandbox for this state file, if its process is alive. */
export function runningSandbox(state: string): RuntimeInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(runtimePath(state), 'utf8')) as RuntimeInfo
    process.kill(info.pid, 0)
    return info
  } catch {
    return undefined
  }
}

export interface ServedSandbox {
  readonly fakes: SandboxFakes
  readonly urls: SandboxUrls
  close(): Promise<void>
}

/** Runs one request's handling; `write` is false for reads (GET), which change nothing. */
export type RequestGuard = (write: boolean, handle: () => Promise<Response>) => Promise<Response>

/**
 * The port each provider is served on from `port`: a provider with a documented sandbox port at its
 * offset from the first documented one (4010, 4011, … by default, as the descriptors document them), the others
 * on the next ports, in registry order.
 */
export function sandboxPorts(port: number, list: readonly AnyProviderDescriptor[] = providers()): Record<ProviderName, number> {
  const documented = list.flatMap((d) => (d.sandbox.port === undefined ? [] : [d.sandbox.port]))
  const first = Math.min(DEFAULT_SANDBOX_PORT, ...documented)
  let next = Math.max(DEFAULT_SANDBOX_PORT - 1, ...documented) + 1
  return Object.fromEntries(list.map((d) => [d.name, port + (d.sandbox.port === undefined ? next++ : d.sandbox.port) - first]))
}

/**
 * Serves every provider's fake on loopback at the ports `sandboxPorts(port)` gives; port 0 gives
 * ephemeral ports. `onChange` runs after every request that may have changed state; `guard`, around each request.
 */
export async function serveSandbox(
  fakes: SandboxFakes,
  port: number,
  onChange?: () => void,
  guard?: RequestGuard,
  control?: FakeHandler,
): Promise<ServedSandbox> {
  const served: ServedFake[] = []
  const ports = sandboxPorts(port)
  const names = providerNames()
  try {
    for (const name of names) {
      const fake = fakes.fakes[name]!.runtime
      const handle: FakeHandler = async (request) => {
        if (control && new URL(request.url).pathname.startsWith(CONTROL_PATH)) return control(request)
        const write = request.method !== 'GET'
        const response = guard ? await guard(write, () => fake.handle(request)) : await fake.handle(request)
        if (write) onChange?.()
        return response
      }
      const at = port === 0 ? 0 : ports[name]!
      try {
        served.push(await serveFake(handle, { port: at }))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw failure(`port ${at} (the ${name} sandbox) is in use; stop what holds it or pick other ports with --port`, { tag: 'PortInUse' })
        }
        throw error
      }
    }
  } catch (error) {
    await Promise.all(served.map((s) => s.close()))
    throw error
  }
  const urls: SandboxUrls = Object.fromEntries(names.map((name, i) => [name, served[i]!.url]))
  return { fakes, urls, close: async () => void (await Promise.all(served.map((s) => s.close()))) }
}

/** The running sandbox's own routes, on every provider's port, beside the fakes' (which never use this prefix). */
export const CONTROL_PATH = '/_unihook/'

export function writeRuntime(state: string, urls: SandboxUrls, control?: RuntimeInfo['control']): void {
  mkdirSync(dirname(state), { recursive: true })
  writeFileSync(runtimePath(state), JSON.stringify({ pid: process.pid, urls, ...(control ? { control } : {}) }), { mode: 0o600 })
}

export function removeRuntime(state: string): void {
  rmSync(runtimePath(state), { force: true })
}

/** The environment variables that point the CLI, or an app using the adapters, at a sandbox. */
export function sandboxEnv(urls: SandboxUrls): Record<string, string> {
  const env: Record<string, string> = {}
  for (const d of providers()) {
    for (const [credential, variable] of Object.entries(d.credentials.variables)) env[variable] = d.sandbox.credentials[credential] ?? ''
    const url = urls[d.name]
    if (url !== undefined) env[d.credentials.baseUrlVariable] = url
    const account = d.sandbox.accounts[0]
    if (account !== undefined) env[d.credentials.accountVariable] = account
  }
  return env
}

export const portUrls = (port: number): SandboxUrls =>
  Object.fromEntries(Object.entries(sandboxPorts(port)).map(([name, at]) => [name, `http://127.0.0.1:${at}`]))

/** What identifies one version of the state file: a save renames a new file into place. */
function stampOf(path: string): string {
  try {
    const { ino, size, mtimeMs } = statSync(path)
    return `${ino}:${size}:${mtimeMs}`
  } catch {
    return 'none'
  }
}

/**
 * The guard of an in-process sandbox shared with other processes through its state file: each write runs
 * under the state's lock, on the state as last saved (another command's writes included), and is saved
 * before it is answered; a read first picks up what others saved. So any number of commands writing one
 * sandbox at once lose nothing, and one killed mid-apply has saved every write it was answered.
 */
export function sharedStateGuard(path: string, fakes: SandboxFakes): RequestGuard {
  // Undefined until the first reload: the fakes may have been loaded before another command's last save.
  let seen: string | undefined
  const reload = (always: boolean) => {
    const now = stampOf(path)
    if (now === seen && !always) return
    const state = loadState(path)
    if (state) fakes.restore(state)
    seen = now
  }
  // Under the lock the state is always read afresh: a file's identity (inode, size, time) can repeat.
  const locked = sharedStateLock(path, () => reload(true))
  let writing = 0
  return (write, handle) => {
    if (!write) {
      // Writes of this process in flight hold the lock, so no other process changed the file meanwhile.
      if (writing === 0) reload(false)
      return handle()
    }
    writing++
    return locked(async () => {
      try {
        return await handle()
      } finally {
        saveState(path, fakes.snapshot())
        seen = stampOf(path)
        writing--
      }
    })
  }
}
