/**
 * `unihook`: finds the command, parses its flags strictly (node's `util.parseArgs`), runs it, and turns
 * any failure into a message and an exit code. No stack trace unless `--debug`.
 */

import { readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
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
import { createOutput, type Output } from './output.js'
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

const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  state: { type: 'string' },
  profile: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'show-secret': { type: 'boolean' },
  'secrets-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>

export interface MainSettings {
  readonly env?: NodeJS.ProcessEnv
  readonly signal?: AbortSignal
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

function help(out: Output, command?: Command): void {
  if (command) {
    out.line(`usage: ${command.usage}`)
    out.line(`  ${command.summary}`)
    out.line('global flags: --json, --sandbox, --state FILE, --profile NAME [-c FILE], --show-secret, --secrets-out FILE, --debug')
    return
  }
  out.line('usage: unihook <command> [flags]')
  out.line()
  for (const c of COMMANDS) out.line(`  ${c.name.padEnd(24)} ${c.summary}`)
  out.line()
  out.line('global flags: --json (one JSON document on stdout), --sandbox, --state FILE, --profile NAME [-c FILE], --show-secret, --secrets-out FILE, --debug')
  out.line('exit codes: 0 ok, 1 failure, 2 plan --detailed-exitcode found changes, 64 usage error. Docs: docs/cli.md')
}

/** The command named by the first one or two positionals. */
function findCommand(positionals: readonly string[]): { command?: Command; rest: readonly string[] } {
  const [first, second] = positionals
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`)
  if (two) return { command: two, rest: positionals.slice(2) }
  const one = COMMANDS.find((c) => c.name === first)
  return one ? { command: one, rest: positionals.slice(1) } : { rest: positionals }
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], settings: MainSettings = {}): Promise<number> {
  const env = settings.env ?? process.env
  const wantsJson = argv.includes('--json')
  let out = createOutput({ json: wantsJson, debug: argv.includes('--debug'), env })
  let session: Session | undefined
  try {
    // A first, loose pass only finds the command; its own flags are then parsed strictly.
    const allOptions = Object.assign({}, ...COMMANDS.map((c) => c.options), GLOBAL_OPTIONS) as NonNullable<ParseArgsConfig['options']>
    const loose = parseArgs({ args: [...argv], options: allOptions, allowPositionals: true, strict: false })
    const { command, rest } = findCommand(loose.positionals)
    if (loose.values.version === true && !command) {
      out.line(version())
      if (out.json) out.document({ version: version() })
      return EXIT.ok
    }
    if (!command) {
      if (loose.values.help === true || loose.positionals.length === 0 || loose.positionals[0] === 'help') {
        help(out)
        return loose.positionals.length === 0 && loose.values.help !== true ? EXIT.usage : EXIT.ok
      }
      const name = loose.positionals.slice(0, loose.positionals[0] === 'webhooks' || loose.positionals[0] === 'events' ? 2 : 1).join(' ')
      throw usageError(`unknown command "${name}"; run unihook --help for the list`)
    }
    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true })
    } catch (error) {
      throw usageError(`${(error as Error).message.split('\n')[0]} (usage: ${command.usage})`)
    }
    const flags = parsed.values as Flags
    out = createOutput({ json: flags.json === true, debug: flags.debug === true, env })
    if (flags.help === true) {
      help(out, command)
      return EXIT.ok
    }
    session = createSession({
      sandbox: flags.sandbox === true,
      env,
      ...(typeof flags.state === 'string' ? { state: flags.state } : {}),
      ...(typeof flags.profile === 'string' ? { profile: flags.profile } : {}),
      ...(typeof flags.config === 'string' ? { config: flags.config } : {}),
    })
    const context: Context = {
      out,
      session,
      env,
      flags,
      positionals: rest,
      interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
      signal: settings.signal ?? new AbortController().signal,
    }
    return await command.run(context)
  } catch (error) {
    const cliError = toCliError(error)
    out.error(cliError, error)
    return cliError.exitCode
  } finally {
    try {
      await session?.close()
    } catch (error) {
      out.error(error instanceof CliError ? error : toCliError(error), error)
    }
  }
}
