/**
 * A command's flags, read with node's `util.parseArgs` (tokens, not its strict mode) so that every
 * mistake is reported in the CLI's own words: the flag as typed, what it expects, the closest real flag,
 * and never the parser's internals ("argument is ambiguous", "place it at the end after '--'").
 */

import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { Command, Flags } from './command.js'
import { usageError } from './errors.js'
import { COMMAND_DOCS, commandDoc, globalOptions } from './help.js'
import { didYouMean } from './suggest.js'

type Options = NonNullable<ParseArgsConfig['options']>

export interface ParsedCommandLine {
  readonly flags: Flags
  /** The arguments after the command's name. */
  readonly positionals: readonly string[]
}

const spelled = (name: string, options: Options) => (name.length === 1 && !(name in options) ? `-${name}` : `--${name}`)

/** Parses `argv` for `command`; `skip` is how many leading positionals name the command. */
export function parseCommandLine(command: Command, argv: readonly string[], skip: number): ParsedCommandLine {
  const options: Options = { ...globalOptions(command), ...command.options }
  const args = argv.map((arg) => singleDashLong(arg, options))
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  const longNames = Object.keys(options).map((name) => `--${name}`)
  const byShort = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])))
  const usage = `usage: ${command.usage} (unihook ${command.name} --help lists every flag)`
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const name = token.name.length === 1 ? (byShort.get(token.name) ?? token.name) : token.name
    const option = options[name]
    if (!option) {
      const typed = token.rawName
      const hint = typed.startsWith('--') ? didYouMean(typed, longNames, (n) => n) : ''
      const elsewhere = hint ? '' : notHere(token.name, command)
      const dashed = typed.startsWith('--') ? '' : ` (an argument that starts with - goes after --, as in: unihook ${command.name} -- ${argv[token.index]})`
      throw usageError(`unknown flag ${typed} for ${command.name}${hint}${elsewhere}${dashed}; ${usage}`)
    }
    const flag = spelled(name, options)
    if (option.type === 'boolean' && token.value !== undefined) throw usageError(`${flag} is a switch and takes no value (got "${token.value}"); ${usage}`)
    if (option.type === 'string') {
      if (token.value === undefined) throw usageError(`${flag} needs a value${example(command, name)}; ${usage}`)
      // `--url --events a`: the next word is a flag, not the value the user forgot.
      if (!token.inlineValue && token.value.startsWith('-') && isFlag(token.value, options, byShort))
        throw usageError(`${flag} needs a value, but the next word is the flag ${token.value}${example(command, name)}; ${usage}`)
    }
  }
  const rest = positionals.slice(skip)
  const max = COMMAND_DOCS[command.name]?.maxArgs ?? Number.POSITIVE_INFINITY
  if (rest.length > max) {
    // Not repeated: a stray word is often a value whose flag was mistyped or left out (a secret, say).
    const takes = max === 0 ? 'takes flags only' : `takes ${max === 1 ? 'one argument' : `${max} arguments`}`
    throw usageError(`${command.name} ${takes}, but got ${rest.length}: a word with no flag before it (is a flag missing or misspelt?); ${usage}`)
  }
  return { flags: values as Flags, positionals: rest }
}

/**
 * `-out FILE`, as Terraform spells it: one dash before a long flag's whole name (two letters or more)
 * means that flag, not a cluster of one-letter flags.
 */
function singleDashLong(arg: string, options: Options): string {
  const match = /^-([a-z][a-z-]+)(=.*)?$/.exec(arg)
  return match?.[1] !== undefined && match[1] in options ? `-${arg}` : arg
}

function isFlag(word: string, options: Options, byShort: ReadonlyMap<string, string>): boolean {
  const bare = word.replace(/^--?/, '').split('=')[0] ?? ''
  return word.startsWith('--') ? bare in options : byShort.has(bare)
}

function example(command: Command, name: string): string {
  const doc = commandDoc(command.name)?.flags[name]
  return doc?.example ? ` (e.g. ${doc.example})` : doc?.value ? ` (${doc.value})` : ''
}

/** A flag that exists, but on other commands: say which, rather than only "unknown". */
function notHere(name: string, command: Command): string {
  const owners = Object.entries(COMMAND_DOCS)
    .filter(([other, doc]) => other !== command.name && (name in doc.flags || (doc.globals as readonly string[]).includes(name)))
    .map(([other]) => other)
  return owners.length ? ` (--${name} belongs to ${owners.slice(0, 3).join(', ')})` : ''
}
