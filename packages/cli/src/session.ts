/**
 * Which provider a command talks to. With `--sandbox`, the running sandbox when there is one, else an
 * in-process sandbox on the persisted state (each write saved under the state's lock before it is
 * answered); otherwise the real API with credentials from the environment. It never falls back from one
 * to the other. Every adapter it hands out keeps its secrets (keep-secrets.ts) and stops starting calls
 * once the command is interrupted (interrupt.ts).
 */

import { redactUrl, type WebhookError } from '@unihook/core'
import { findConfig, loadConfig, type Profile } from './config.js'
import { usageError } from './errors.js'
import { fromAdapterError } from './flag-issues.js'
import { gateProvider } from './interrupt.js'
import { keepSecrets } from './keep-secrets.js'
import { type AnyProvider, buildAdapter, type Endpoint, type ProviderName, realEndpoint } from './providers.js'
import { describeAttempt, type RedeliverySettings, remainingSeconds } from './redelivery.js'
import { handOffTo } from './redelivery-control.js'
import { withStateLock } from './sandbox-lock.js'
import {
  createSandboxFakes,
  loadState,
  runningSandbox,
  sandboxAccount,
  sandboxCredentials,
  type SandboxFakes,
  type SandboxUrls,
  saveState,
  type ServedSandbox,
  serveSandbox,
  sharedStateGuard,
  statePath,
} from './sandbox.js'
import type { SecretsSink } from './secrets-file.js'

export interface SessionSettings {
  readonly sandbox: boolean
  readonly state?: string
  readonly env: NodeJS.ProcessEnv
  /** A profile of the config file (`--profile`), and that file (`-c`, else the default names). */
  readonly profile?: string
  readonly config?: string
  /** Where every secret handed out is written. */
  readonly secrets: SecretsSink
  /** Aborted when the command is interrupted: no call starts afterwards. */
  readonly stop: AbortSignal
  /** Tells the user something on stderr (which sandbox is used, each redelivery). */
  readonly note: (text: string) => void
  /** How this command's sandbox deliveries are redelivered (`--speed`, `--no-redeliver`); default on, a day in ten seconds. */
  readonly redelivery?: RedeliverySettings
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
  /** Where every secret handed out is written. */
  readonly secrets: SecretsSink
  /** Provider calls in flight right now. */
  readonly inFlight: { readonly count: number }
  /** Waits for this command's pending redeliveries (Ctrl-C cancels them), saves an in-process sandbox's state and stops it. */
  close(): Promise<void>
}

export function createSession(settings: SessionSettings): Session {
  const path = statePath(settings.state, settings.env)
  let inProcess: { fakes: SandboxFakes; served?: Promise<ServedSandbox>; persist: boolean } | undefined

  const local = () => {
    if (!inProcess) {
      const running = runningSandbox(path)
      // With a sandbox running, its state is its own: read it, never write it.
      const fakes = createSandboxFakes(loadState(path), settings.env, {
        ...(settings.redelivery ? { settings: settings.redelivery } : {}),
        // A running sandbox plays the provider: the retries of this command's deliveries are its to make.
        ...(running?.control ? { handOff: handOffTo(running.control.url, running.control.token) } : {}),
        onAttempt: (task, attempt) => settings.note(describeAttempt(task, attempt, redactUrl)),
      })
      settings.stop.addEventListener('abort', () => {
        const cancelled = fakes.redeliveries.stop()
        if (cancelled) settings.note(`${cancelled} pending redelivery(ies) cancelled`)
      })
      inProcess = { fakes, persist: running === undefined }
    }
    return inProcess
  }

  async function sandboxUrls(): Promise<SandboxUrls> {
    const running = runningSandbox(path)
    if (running) return running.urls
    const sandbox = local()
    if (!sandbox.served) {
      settings.note(
        `no sandbox is running for ${path}: this command runs its own, in-process, on that state (saved after every write). Start \`unihook sandbox\` to share one.`,
      )
      // One server for every adapter of the command, however many ask at once.
      sandbox.served = serveSandbox(sandbox.fakes, 0, undefined, sharedStateGuard(path, sandbox.fakes))
    }
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
    const defaultAccount = sandboxAccount(name)
    return { baseUrl: urls[name], credentials: sandboxCredentials(name), ...(defaultAccount ? { defaultAccount } : {}), sandbox: true }
  }

  const inFlight = { count: 0 }
  return {
    sandbox: settings.sandbox,
    statePath: path,
    adapter: async (name, account) =>
      gateProvider(keepSecrets(buildAdapter(name, await endpoint(name), account), settings.secrets, account), settings.stop, inFlight),
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
    secrets: settings.secrets,
    inFlight,
    async close() {
      if (!inProcess) return
      const { persist, served, fakes } = inProcess
      await waitForRedeliveries(fakes, settings)
      inProcess = undefined
      // Served writes were saved as they happened; what changed the fakes directly (deliveries) is saved now.
      if (persist && !served) await withStateLock(path, () => saveState(path, fakes.snapshot()))
      await (await served)?.close()
    },
  }
}

/**
 * A one-shot command is the sandbox that made its deliveries, so it stays until their redeliveries end:
 * at most the rest of the schedule at its speed (under a minute by default); Ctrl-C cancels them.
 */
async function waitForRedeliveries(fakes: SandboxFakes, settings: SessionSettings): Promise<void> {
  const pending = fakes.redeliveries.pending()
  if (!pending.length) return
  const longest = Math.max(...pending.map((t) => remainingSeconds(t, fakes.redeliveries.settings.speed)))
  settings.note(
    `waiting for ${pending.length} delivery(ies) the receiver did not accept to be redelivered (at most ${Math.ceil(longest)} s more; Ctrl-C cancels them, --no-redeliver skips them)`,
  )
  await fakes.redeliveries.idle()
}

/** Runs a provider call; a Left becomes the CLI's failure for that typed error (bad input: a usage error about flags). */
export async function run<A>(
  task: () => Promise<{ readonly _tag: 'Left'; readonly left: WebhookError } | { readonly _tag: 'Right'; readonly right: A }>,
): Promise<A> {
  const result = await task()
  if (result._tag === 'Left') throw fromAdapterError(result.left)
  return result.right
}
