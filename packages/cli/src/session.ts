/**
 * Which provider a command talks to. With `--sandbox`, the running sandbox when there is one, else an
 * in-process sandbox on the persisted state (saved when the command ends); otherwise the real API with
 * credentials from the environment. It never falls back from one to the other.
 */

import type { WebhookError } from '@unihook/core'
import { findConfig, loadConfig, type Profile } from './config.js'
import { usageError } from './errors.js'
import { fromAdapterError } from './flag-issues.js'
import { type AnyProvider, buildAdapter, type Endpoint, type ProviderName, realEndpoint } from './providers.js'
import {
  createSandboxFakes,
  loadState,
  runningSandbox,
  SANDBOX_ACCOUNTS,
  SANDBOX_CREDENTIALS,
  type SandboxFakes,
  type SandboxUrls,
  saveState,
  type ServedSandbox,
  serveSandbox,
  statePath,
} from './sandbox.js'

export interface SessionSettings {
  readonly sandbox: boolean
  readonly state?: string
  readonly env: NodeJS.ProcessEnv
  /** A profile of the config file (`--profile`), and that file (`-c`, else the default names). */
  readonly profile?: string
  readonly config?: string
}

export interface Session {
  readonly sandbox: boolean
  /** The sandbox's state file. */
  readonly statePath: string
  adapter(name: ProviderName, account?: string): Promise<AnyProvider>
  /** Whether the provider can be reached: always in the sandbox, else when its credentials are set. */
  reachable(name: ProviderName): Promise<boolean>
  /** The sandbox's fakes, loaded from its state (trigger and listen read secrets and deliver through them). */
  fakes(): SandboxFakes
  /** Saves an in-process sandbox's state and stops it. */
  close(): Promise<void>
}

export function createSession(settings: SessionSettings): Session {
  const path = statePath(settings.state, settings.env)
  let inProcess: { fakes: SandboxFakes; served?: Promise<ServedSandbox>; persist: boolean } | undefined

  const local = () => {
    if (!inProcess) {
      const running = runningSandbox(path)
      // With a sandbox running, its state is its own: read it, never write it.
      inProcess = { fakes: createSandboxFakes(loadState(path), settings.env), persist: running === undefined }
    }
    return inProcess
  }

  async function sandboxUrls(): Promise<SandboxUrls> {
    const running = runningSandbox(path)
    if (running) return running.urls
    const sandbox = local()
    // One server for every adapter of the command, however many ask at once.
    sandbox.served ??= serveSandbox(sandbox.fakes, 0)
    return (await sandbox.served).urls
  }

  let profile: Promise<Profile | undefined> | undefined
  const loadProfile = async (): Promise<Profile | undefined> => {
    const wanted = settings.profile
    if (wanted === undefined) return undefined
    const config = await loadConfig(findConfig(settings.config, process.cwd()))
    const found = config.profiles[wanted]
    if (!found) throw usageError(`no profile "${wanted}" in ${config.file} (profiles: ${Object.keys(config.profiles).join(', ') || 'none'})`, 'ConfigError')
    return found
  }

  async function endpoint(name: ProviderName): Promise<Endpoint> {
    if (settings.sandbox && settings.profile !== undefined) throw usageError('--profile names a real-API profile; it cannot be combined with --sandbox')
    if (!settings.sandbox) {
      profile ??= loadProfile()
      return realEndpoint(name, settings.env, (await profile)?.[name])
    }
    const urls = await sandboxUrls()
    const defaultAccount = name === 'conekta' ? undefined : SANDBOX_ACCOUNTS[name]
    return { baseUrl: urls[name], credentials: SANDBOX_CREDENTIALS[name], ...(defaultAccount ? { defaultAccount } : {}), sandbox: true }
  }

  return {
    sandbox: settings.sandbox,
    statePath: path,
    adapter: async (name, account) => buildAdapter(name, await endpoint(name), account),
    reachable: async (name) => {
      if (settings.sandbox) return true
      profile ??= loadProfile()
      try {
        realEndpoint(name, settings.env, (await profile)?.[name])
        return true
      } catch {
        return false
      }
    },
    fakes: () => local().fakes,
    async close() {
      if (!inProcess) return
      if (inProcess.persist) saveState(path, inProcess.fakes.snapshot())
      await (await inProcess.served)?.close()
      inProcess = undefined
    },
  }
}

/** Runs a provider call; a Left becomes the CLI's failure for that typed error (bad input: a usage error about flags). */
export async function run<A>(
  task: () => Promise<{ readonly _tag: 'Left'; readonly left: WebhookError } | { readonly _tag: 'Right'; readonly right: A }>,
): Promise<A> {
  const result = await task()
  if (result._tag === 'Left') throw fromAdapterError(result.left)
  return result.right
}
