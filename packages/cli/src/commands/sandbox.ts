/**
 * `unihook sandbox`: serves every registered provider's fake on loopback from port N (sandbox.ts's `sandboxPorts`), saving state after every change
 * and on SIGINT/SIGTERM, until stopped.
 */

import { randomBytes } from 'node:crypto'
import { redactUrl } from '@unihook/core'
import { type Command, REDELIVERY_OPTIONS, str } from '../command.js'
import { EXIT, failure, usageError } from '../errors.js'
import { withStateLock } from '../sandbox-lock.js'
import { providerNames } from '../providers.js'
import { DEFAULT_SPEED, describeAttempt, redeliveryFlags } from '../redelivery.js'
import { redeliveryControl } from '../redelivery-control.js'
import {
  createSandboxFakes,
  DEFAULT_SANDBOX_PORT,
  loadState,
  portUrls,
  removeRuntime,
  runningSandbox,
  sandboxAccount,
  sandboxCredentials,
  type SandboxUrls,
  sandboxEnv,
  saveState,
  serveSandbox,
  sharedStateGuard,
  writeRuntime,
} from '../sandbox.js'

const envLines = (urls: SandboxUrls) => Object.entries(sandboxEnv(urls)).map(([k, v]) => `export ${k}=${v}`)

export const sandboxCommand: Command = {
  name: 'sandbox',
  usage: 'unihook sandbox [--port N] [--state FILE] [--speed N | --no-redeliver] [--print-env]',
  summary: 'serve every provider’s fake locally, state persisted',
  options: { port: { type: 'string' }, 'print-env': { type: 'boolean' }, ...REDELIVERY_OPTIONS },
  async run(c) {
    const portText = str(c.flags, 'port')
    const port = portText === undefined ? DEFAULT_SANDBOX_PORT : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port + providerNames().length - 1 > 65535)
      throw usageError(`--port must be a port number (0 for ephemeral ports), not "${portText}"`)
    const path = c.session.statePath
    const running = runningSandbox(path)
    if (c.flags['print-env'] === true) {
      const urls = running?.urls ?? portUrls(port)
      if (c.out.json) c.out.document({ env: sandboxEnv(urls), running: running !== undefined })
      else for (const line of envLines(urls)) c.out.line(line)
      return EXIT.ok
    }
    if (running) throw failure(`a sandbox (pid ${running.pid}) already serves ${path}; stop it first or pass another --state`, { tag: 'SandboxRunning' })

    const redelivery = redeliveryFlags(c.flags)
    // Redeliveries run in the background while the sandbox runs; stopping it cancels those pending.
    const fakes = createSandboxFakes(loadState(path), c.env, {
      settings: redelivery,
      onAttempt: (task, attempt) => c.out.note(describeAttempt(task, attempt, redactUrl)),
    })
    const save = () => withStateLock(path, () => saveState(path, fakes.snapshot()))
    // Each write is saved before it is answered, under the state's lock, so other commands see it at once.
    // Other commands hand it the retries of their deliveries, with this token from the runtime file.
    const token = randomBytes(24).toString('base64url')
    const served = await serveSandbox(fakes, port, undefined, sharedStateGuard(path, fakes), redeliveryControl(token, fakes.redeliveries))
    await save()
    writeRuntime(path, served.urls, { url: Object.values(served.urls)[0] ?? '', token })
    const info = {
      urls: served.urls,
      state: path,
      pid: process.pid,
      credentials: Object.fromEntries(providerNames().map((name) => [name, sandboxCredentials(name)])),
      accounts: Object.fromEntries(
        providerNames().flatMap((name) => {
          const account = sandboxAccount(name)
          return account === undefined ? [] : [[name, account]]
        }),
      ),
    }
    if (c.out.json) c.out.record(info)
    else {
      c.out.line(c.out.c.bold('unihook sandbox'))
      c.out.table(
        ['provider', 'base URL', 'credentials'],
        providerNames().map((name) => [
          name,
          served.urls[name] ?? '',
          Object.entries(sandboxCredentials(name))
            .map(([k, v]) => `${k}=${v}`)
            .join('\n'),
        ]),
      )
      c.out.line(`state: ${path}`)
      const accounts = Object.entries(info.accounts).map(([name, account]) => `${name} ${account}`)
      if (accounts.length) c.out.line(`default accounts: ${accounts.join(', ')} (any well-formed id works)`)
      c.out.line(
        redelivery.enabled
          ? `Deliveries the receiver does not accept are redelivered on each provider's schedule, ${redelivery.speed === DEFAULT_SPEED ? 'a day of it in ten seconds' : `${redelivery.speed} s of it per second`} (--speed N, --no-redeliver).`
          : 'Redelivery is off (--no-redeliver): each delivery is sent once.',
      )
      c.out.line('Point an app at it with `unihook sandbox --print-env`; other commands use it with --sandbox. Ctrl-C stops it.')
    }
    await new Promise<void>((resolve) => c.signal.addEventListener('abort', () => resolve()))
    const cancelled = fakes.redeliveries.stop()
    if (cancelled) c.out.note(`${cancelled} pending redelivery(ies) cancelled`)
    await save()
    removeRuntime(path)
    await served.close()
    c.out.note(`sandbox stopped; state saved to ${path}`)
    return EXIT.ok
  },
}
