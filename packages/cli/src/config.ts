/**
 * The webhooks-as-code config: `unihook.config.{ts,mts,js,mjs,json,yaml,yml}` (or `-c FILE`), listing the
 * desired webhooks across providers and accounts. JSON and YAML are parsed as data; JS and TS are
 * imported (TS through jiti), their default export being the config. Every problem names the file, the
 * field path and what is wrong, before anything is sent.
 */

import { existsSync, readFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { usageError } from './errors.js'
import { jsonMistake } from './json-syntax.js'
import { envOf, eventsOf, type ProviderName, providerNames } from './providers.js'
import { descriptorOf, descriptors } from './registry.js'
import { didYouMean } from './suggest.js'
import { type Locate, locatorFor, NOWHERE, parsePath, refuseConfig, shownFile } from './validate-config.js'

export interface DesiredEntry {
  readonly provider: ProviderName
  readonly account?: string
  readonly url: string
  readonly events: readonly string[]
  readonly description?: string
  readonly enabled?: boolean
  /** Accept event names outside the adapter's catalog. */
  readonly allowUnknownEvents?: boolean
  /** A provider-specific field (one of its descriptor's `fields`). */
  readonly alertEmail?: string
  readonly services?: readonly string[]
}

/**
 * How to reach one provider under a named profile: its base URL, default account, and the names of the
 * environment variables holding its credentials (never the credentials themselves: a config file is
 * often committed).
 */
export interface ProviderProfile {
  readonly baseUrl?: string
  readonly account?: string
  /** Credential (`apiKey`, `keyId`, …) to environment variable name; default the documented names. */
  readonly env?: Readonly<Record<string, string>>
}

export type Profile = Partial<Record<ProviderName, ProviderProfile>>

export interface Config {
  readonly file: string
  /** The line of a field, for YAML and JSON configs. */
  readonly locate: Locate
  readonly webhooks: readonly DesiredEntry[]
  readonly profiles: Readonly<Record<string, Profile>>
}

export const CONFIG_NAMES = [
  'unihook.config.ts',
  'unihook.config.mts',
  'unihook.config.js',
  'unihook.config.mjs',
  'unihook.config.json',
  'unihook.config.yaml',
  'unihook.config.yml',
]

export function findConfig(flag: string | undefined, cwd: string): string {
  if (flag !== undefined) {
    const path = resolve(cwd, flag)
    if (!existsSync(path)) throw usageError(`config file ${flag} does not exist`, 'ConfigError')
    return path
  }
  const found = CONFIG_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path))
  if (!found) throw usageError(`no config file: create one of ${CONFIG_NAMES.join(', ')} or pass -c FILE`, 'ConfigError')
  return found
}

interface ConfigSource {
  readonly value: unknown
  readonly locate: Locate
}

/** Where a YAML or JSON parse failed, without the text around it (it may hold a pasted credential). */
function parseFailure(path: string, kind: string, error: unknown): Error {
  const { linePos } = (error ?? {}) as { linePos?: readonly { line: number; col: number }[] }
  const at = linePos?.[0]
  const what = error ? `: ${((error as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+.*$/, '')}` : ''
  const where = at ? `${shownFile(path)}:${at.line}: not valid ${kind} (column ${at.col})` : `${shownFile(path)}: not valid ${kind}`
  return usageError(`${where}${what}; nothing was sent`, 'ConfigError')
}

/** JSON's own mistake where YAML saw none (a trailing comma, a comment), shaped like a YAML error: its line and column. */
function jsonMistakeError(text: string): { readonly message: string; readonly linePos: readonly { line: number; col: number }[] } | undefined {
  const mistake = jsonMistake(text)
  return mistake && { message: mistake.message, linePos: [{ line: mistake.line, col: mistake.col }] }
}

async function readConfigFile(path: string): Promise<ConfigSource> {
  const ext = extname(path)
  const fail = (what: string) => usageError(`${shownFile(path)}: ${what}`, 'ConfigError')
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    const text = readFileSync(path, 'utf8')
    // Loaded only when a YAML or JSON config is used. JSON is read as YAML too, for its errors' and
    // fields' lines: JSON.parse's own messages quote the text around a mistake.
    const { parseDocument } = await import('yaml')
    if (ext === '.json') {
      try {
        return { value: JSON.parse(text), locate: await locatorFor(text) }
      } catch {
        throw parseFailure(path, 'JSON', parseDocument(text, { prettyErrors: true }).errors[0] ?? jsonMistakeError(text))
      }
    }
    const document = parseDocument(text, { prettyErrors: true })
    const error = document.errors[0]
    if (error) throw parseFailure(path, 'YAML', error)
    return { value: document.toJS(), locate: await locatorFor(text) }
  }
  try {
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
      // jiti compiles TypeScript on the fly; loaded only for a TS config.
      const { createJiti } = await import('jiti')
      return { value: await createJiti(import.meta.url, { moduleCache: false }).import(path, { default: true }), locate: NOWHERE }
    }
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown }
    return { value: module.default, locate: NOWHERE }
  } catch (error) {
    throw fail(`could not be loaded: ${(error as Error).message.split('\n')[0]}`)
  }
}

export async function loadConfig(path: string): Promise<Config> {
  const { value, locate } = await readConfigFile(path)
  const fail = (at: string, what: string) => refuseConfig(path, locate, [{ path: parsePath(at), message: what }])
  return { file: path, locate, webhooks: checkConfig(value, fail), profiles: checkProfiles((value as Record<string, unknown>).profiles, fail) }
}

/** Refuses the config at a field path (`webhooks[1].url`). */
type Fail = (path: string, what: string) => Error

const defaultVariable = (provider: ProviderName, credential: string): string => envOf(provider)[credential] ?? 'API_KEY'

const PROFILE_FIELDS = ['baseUrl', 'account', 'env']

/** A provider's credential names (`apiKey`, `keyId`, …). */
const credentialsOf = (provider: ProviderName): string[] => Object.keys(descriptorOf(provider).credentials.variables)

/** An environment variable's name, as profiles must give it: never a credential. */
const VARIABLE_NAME = /^[A-Z_][A-Z0-9_]*$/

function checkProfiles(value: unknown, fail: Fail): Record<string, Profile> {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (value === undefined) return {}
  if (!isRecord(value)) throw fail('profiles', 'must be an object of named profiles')
  for (const [name, profile] of Object.entries(value)) {
    const names = providerNames()
    if (!isRecord(profile)) throw fail(`profiles.${name}`, `must be an object with ${names.join(', ')}`)
    for (const [provider, settings] of Object.entries(profile)) {
      const at = `profiles.${name}.${provider}`
      if (!names.includes(provider)) throw fail(at, `unknown provider; expected one of ${names.join(', ')}${didYouMean(provider, names)}`)
      if (!isRecord(settings)) throw fail(at, 'must be an object with baseUrl, account, env')
      for (const [key, v] of Object.entries(settings)) {
        if (key === 'baseUrl' || key === 'account') {
          if (typeof v !== 'string' || v === '') throw fail(`${at}.${key}`, 'must be a non-empty string')
        } else if (key === 'env') {
          if (!isRecord(v)) throw fail(`${at}.env`, 'must map credentials to environment variable names')
          for (const [credential, variable] of Object.entries(v)) {
            const credentials = credentialsOf(provider)
            if (!credentials.includes(credential))
              throw fail(`${at}.env.${credential}`, `unknown credential; expected ${credentials.join(', ')}${didYouMean(credential, credentials)}`)
            // The value is never repeated: a credential pasted here must not reach a terminal or a log.
            if (typeof variable !== 'string' || !VARIABLE_NAME.test(variable))
              throw fail(
                `${at}.env.${credential}`,
                `must name the environment variable that holds the credential (capital letters, digits and _, like ${defaultVariable(provider as ProviderName, credential)}), not the credential itself; move the credential into that variable`,
              )
          }
        } else throw fail(`${at}.${key}`, `unknown field; expected baseUrl, account, env${didYouMean(key, PROFILE_FIELDS)}`)
      }
    }
  }
  return value as Record<string, Profile>
}

const COMMON_FIELDS = ['provider', 'account', 'url', 'events', 'description', 'enabled', 'allowUnknownEvents']

/** Each provider-specific field, with the provider it belongs to. */
const providerFields = () => descriptors().flatMap((d) => d.fields.map((field) => ({ field, provider: d.name })))

/** Checks the config's shape; the first problem found is reported with its field path. */
export function checkConfig(value: unknown, fail: Fail): DesiredEntry[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('(root)', 'must be an object with a "webhooks" list')
  const root = value as Record<string, unknown>
  for (const key of Object.keys(root))
    if (!['webhooks', 'profiles', '$schema'].includes(key))
      throw fail(key, `unknown field; expected webhooks, profiles${didYouMean(key, ['webhooks', 'profiles'])}`)
  if (root.webhooks === undefined && root.profiles !== undefined) return []
  if (!Array.isArray(root.webhooks)) throw fail('webhooks', 'must be a list')
  const specific = providerFields()
  const FIELDS = [...COMMON_FIELDS, ...new Set(specific.map((s) => s.field.name))]
  const names = providerNames()
  return root.webhooks.map((item, i): DesiredEntry => {
    const at = (field: string) => `webhooks[${i}].${field}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fail(`webhooks[${i}]`, 'must be an object')
    const entry = item as Record<string, unknown>
    for (const key of Object.keys(entry))
      if (!FIELDS.includes(key)) throw fail(at(key), `unknown field; expected ${FIELDS.join(', ')}${didYouMean(key, FIELDS)}`)
    if (typeof entry.provider !== 'string' || !names.includes(entry.provider)) {
      throw fail(
        at('provider'),
        `must be one of ${names.join(', ')}${typeof entry.provider === 'string' ? `, not "${entry.provider}"${didYouMean(entry.provider, names)}` : ''}`,
      )
    }
    const provider = entry.provider
    const own = descriptorOf(provider).fields
    for (const { field, provider: owner } of specific)
      if (entry[field.name] !== undefined && !own.some((f) => f.name === field.name))
        throw fail(at(field.name), `is a ${owner} option; remove it from this ${provider} entry`)
    if (typeof entry.url !== 'string' || entry.url === '') throw fail(at('url'), 'must be a non-empty string (the URL deliveries go to)')
    // A field standing in for events (`FieldSpec.coversEvents`: whole groups of events) may be given with no single event.
    let covered = false
    for (const field of own) {
      if (field.type === 'string-list' && stringList(entry[field.name], at(field.name), fail)?.length && field.coversEvents) covered = true
      if (field.type === 'string' && entry[field.name] !== undefined && (typeof entry[field.name] !== 'string' || entry[field.name] === ''))
        throw fail(at(field.name), 'must be a non-empty string')
    }
    const events = entry.events === undefined && covered ? [] : stringList(entry.events, at('events'), fail)
    if (!events) throw fail(at('events'), `must be a list of ${provider} event names, like [${eventsOf(provider).slice(0, 2).join(', ')}]`)
    for (const field of ['account', 'description'] as const) {
      if (entry[field] !== undefined && (typeof entry[field] !== 'string' || entry[field] === '')) throw fail(at(field), 'must be a non-empty string')
    }
    for (const field of ['enabled', 'allowUnknownEvents'] as const) {
      if (entry[field] !== undefined && typeof entry[field] !== 'boolean') throw fail(at(field), 'must be true or false')
    }
    const { account } = descriptorOf(provider)
    if (account.namedInConfig && entry.account === undefined)
      throw fail(at('account'), `${provider} webhooks belong to a ${account.label}: set account to its id`)
    return { ...entry, events } as unknown as DesiredEntry
  })
}

function stringList(value: unknown, path: string, fail: Fail): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw fail(path, 'must be a list of strings')
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') throw fail(`${path}[${i}]`, 'must be a non-empty string')
  })
  return value as string[]
}
