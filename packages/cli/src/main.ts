/**
 * `unihook`: finds the command, parses its flags strictly (node's `util.parseArgs`), runs it, and turns
 * any failure into a message and an exit code. No stack trace unless `--debug`.
 */

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { parseCommandLine } from './args.js'
import type { Command, Context, Flags } from './command.js'
import { demoCommand } from './commands/demo.js'
import { eventsCommands } from './commands/events.js'
import { listenCommand } from './commands/listen.js'
import { applyCommand, planCommand } from './commands/reconcile.js'
import { sandboxCommand } from './commands/sandbox.js'
import { triggerCommand } from './commands/trigger.js'
import { verifyCommand } from './commands/verify.js'
import { webhooksCommands } from './commands/webhooks.js'
import { CliError, EXIT, toCliError, usageError } from './errors.js'
import { commandHelp, GLOBAL_OPTIONS, mainHelp } from './help.js'
import { INTERRUPTED_EXIT } from './interrupt.js'
import { createOutput, type Output } from './output.js'
import { projectFile } from './project.js'
import { registerFromEnv } from './registry.js'
import { redeliveryFlags } from './redelivery.js'
import { statePath } from './sandbox.js'
import { openSecretsSink, type SecretsSink } from './secrets-file.js'
import { didYouMean } from './suggest.js'
import { createSession, type Session } from './session.js'

export const COMMANDS: readonly Command[] = [
  sandboxCommand,
  ...webhooksCommands,
  planCommand,
  applyCommand,
  triggerCommand,
  listenCommand,
  ...eventsCommands,
  verifyCommand,
  demoCommand,
]

export interface MainSettings {
  readonly env?: NodeJS.ProcessEnv
  /** Aborted on the first SIGINT/SIGTERM. */
  readonly signal?: AbortSignal
}

/** Commands that run until stopped: for them the first signal is the normal way to end. */
const RUN_UNTIL_STOPPED = new Set(['sandbox', 'listen'])

/**
 * Where secrets go: `--secrets-out FILE`, else `sandbox-secrets.jsonl` next to the sandbox state, else
 * `.unihook/secrets.jsonl` in the project. The default is named on stderr when first written.
 */
function secretsSink(flags: Flags, env: NodeJS.ProcessEnv, out: () => Output): SecretsSink {
  const chosen = typeof flags['secrets-out'] === 'string' ? flags['secrets-out'] : undefined
  if (chosen !== undefined) return openSecretsSink(chosen)
  const path =
    flags.sandbox === true
      ? join(dirname(statePath(typeof flags.state === 'string' ? flags.state : undefined, env)), 'sandbox-secrets.jsonl')
      : projectFile('secrets.jsonl')
  return openSecretsSink(path, (file) => out().note(`secrets handed out are kept in ${file} (mode 0600, one JSON line each; --secrets-out FILE picks another)`))
}

/** Says, on the first interrupt, that the command is finishing what it started. */
function onInterrupt(signal: AbortSignal, out: () => Output, session: () => Session | undefined): void {
  signal.addEventListener('abort', () => {
    const inFlight = session()?.inFlight.count ?? 0
    out().note(
      `interrupted: starting nothing new${inFlight ? `, waiting for ${inFlight} call(s) in flight` : ''}; every secret handed out is on disk already. Interrupt again to exit at once.`,
    )
  })
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** The command named by the first one or two positionals, and how many words its name took. */
function findCommand(positionals: readonly string[]): { command?: Command; words: number } {
  const [first, second] = positionals
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`)
  if (two) return { command: two, words: 2 }
  const one = COMMANDS.find((c) => c.name === first)
  return one ? { command: one, words: 1 } : { words: 0 }
}

/** `unknown command "webhook list"; did you mean "webhooks list"?` */
function unknownCommand(positionals: readonly string[]) {
  const [first = '', second] = positionals
  const names = COMMANDS.map((c) => c.name)
  const grouped = names.filter((n) => n.includes(' '))
  const groups = new Set(grouped.map((n) => n.split(' ')[0]!))
  const group = groups.has(first) || (second !== undefined && grouped.some((n) => n.split(' ')[1] === second))
  const typed = group && second !== undefined ? `${first} ${second}` : first
  const subcommands = grouped.filter((n) => n.startsWith(`${first} `)).map((n) => n.slice(first.length + 1))
  const hint =
    groups.has(first) && second === undefined
      ? `; ${first} needs a subcommand: ${subcommands.join(', ')}`
      : didYouMean(typed, group ? grouped : [...new Set(names.map((n) => n.split(' ')[0]!))])
  return usageError(`unknown command "${typed}"${hint}; run unihook --help for the list`)
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], settings: MainSettings = {}): Promise<number> {
  const env = settings.env ?? process.env
  // The output is built once, at its first use: after the command line is parsed, with its --json and
  // --debug; before that (a usage error, help, the version), with what the raw arguments say.
  let mode = { json: argv.includes('--json'), debug: argv.includes('--debug') }
  let built: Output | undefined
  const out = (): Output => {
    built ??= createOutput({ ...mode, env })
    return built
  }
  let session: Session | undefined
  let secrets: SecretsSink | undefined
  try {
    // Providers registered at run time (`UNIHOOK_PROVIDERS`) add flags and names, so they load first.
    await registerFromEnv(env)
    // A first, loose pass only finds the command; its own flags are then read (args.ts).
    const allOptions = Object.assign({}, ...COMMANDS.map((c) => c.options), GLOBAL_OPTIONS) as typeof GLOBAL_OPTIONS
    const loose = parseArgs({ args: [...argv], options: allOptions, allowPositionals: true, strict: false })
    const { command, words } = findCommand(loose.positionals)
    if (loose.values.version === true && !command) {
      out().line(version())
      if (out().json) out().document({ version: version() })
      return EXIT.ok
    }
    if (!command) {
      const asked = loose.positionals[0] === 'help' ? findCommand(loose.positionals.slice(1)).command : undefined
      if (asked) {
        for (const line of commandHelp(asked)) out().line(line)
        return EXIT.ok
      }
      if (loose.values.help === true || loose.positionals.length === 0 || loose.positionals[0] === 'help') {
        for (const line of mainHelp(COMMANDS)) out().line(line)
        return loose.positionals.length === 0 && loose.values.help !== true ? EXIT.usage : EXIT.ok
      }
      throw unknownCommand(loose.positionals)
    }
    if (loose.values.help === true) {
      for (const line of commandHelp(command)) out().line(line)
      return EXIT.ok
    }
    const { flags, positionals: rest } = parseCommandLine(command, argv, words)
    mode = { json: flags.json === true, debug: flags.debug === true }
    const signal = settings.signal ?? new AbortController().signal
    const runsUntilStopped = RUN_UNTIL_STOPPED.has(command.name)
    if (!runsUntilStopped) onInterrupt(signal, out, () => session)
    secrets = secretsSink(flags, env, out)
    session = createSession({
      sandbox: flags.sandbox === true,
      env,
      secrets,
      stop: signal,
      note: (text) => out().note(text),
      redelivery: redeliveryFlags(flags),
      ...(typeof flags.state === 'string' ? { state: flags.state } : {}),
      ...(typeof flags.profile === 'string' ? { profile: flags.profile } : {}),
      ...(typeof flags.config === 'string' ? { config: flags.config } : {}),
    })
    const context: Context = {
      out: out(),
      session,
      env,
      flags,
      positionals: rest,
      interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
      signal,
    }
    const code = await command.run(context)
    return signal.aborted && !runsUntilStopped ? INTERRUPTED_EXIT : code
  } catch (error) {
    const cliError = toCliError(error)
    out().error(cliError, error)
    return settings.signal?.aborted && cliError.exitCode !== EXIT.usage ? INTERRUPTED_EXIT : cliError.exitCode
  } finally {
    secrets?.close()
    try {
      await session?.close()
    } catch (error) {
      out().error(error instanceof CliError ? error : toCliError(error), error)
    }
  }
}
