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
import { EVENTS, PROVIDERS, type ProviderName } from './providers.js'

export interface DesiredEntry {
  readonly provider: ProviderName
  readonly account?: string
  readonly url: string
  readonly events: readonly string[]
  readonly description?: string
  readonly enabled?: boolean
  /** Accept event names outside the adapter's catalog. */
  readonly allowUnknownEvents?: boolean
  /** Razorpay: where Razorpay writes when deliveries keep failing. */
  readonly alertEmail?: string
  /** Calypso: whole service groups. */
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

async function readConfigFile(path: string): Promise<unknown> {
  const ext = extname(path)
  const fail = (what: string) => usageError(`${path}: ${what}`, 'ConfigError')
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    const text = readFileSync(path, 'utf8')
    try {
      if (ext === '.json') return JSON.parse(text)
      // Loaded only when a YAML config is used.
      const { parse } = await import('yaml')
      return parse(text)
    } catch (error) {
      throw fail(`not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  try {
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
      // jiti compiles TypeScript on the fly; loaded only for a TS config.
      const { createJiti } = await import('jiti')
      return await createJiti(import.meta.url, { moduleCache: false }).import(path, { default: true })
    }
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown }
    return module.default
  } catch (error) {
    throw fail(`could not be loaded: ${(error as Error).message.split('\n')[0]}`)
  }
}

export async function loadConfig(path: string): Promise<Config> {
  const value = await readConfigFile(path)
  return { file: path, webhooks: checkConfig(value, path), profiles: checkProfiles((value as Record<string, unknown>).profiles, path) }
}

const CREDENTIALS: Readonly<Record<ProviderName, readonly string[]>> = {
  conekta: ['apiKey'],
  razorpay: ['keyId', 'keySecret'],
  calypso: ['apiKey', 'apiSecret'],
}

function checkProfiles(value: unknown, file: string): Record<string, Profile> {
  const fail = (path: string, what: string) => usageError(`${file}: ${path}: ${what}`, 'ConfigError')
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (value === undefined) return {}
  if (!isRecord(value)) throw fail('profiles', 'must be an object of named profiles')
  for (const [name, profile] of Object.entries(value)) {
    if (!isRecord(profile)) throw fail(`profiles.${name}`, `must be an object with ${PROVIDERS.join(', ')}`)
    for (const [provider, settings] of Object.entries(profile)) {
      const at = `profiles.${name}.${provider}`
      if (!(PROVIDERS as readonly string[]).includes(provider)) throw fail(at, `unknown provider (expected ${PROVIDERS.join(', ')})`)
      if (!isRecord(settings)) throw fail(at, 'must be an object with baseUrl, account, env')
      for (const [key, v] of Object.entries(settings)) {
        if (key === 'baseUrl' || key === 'account') {
          if (typeof v !== 'string' || v === '') throw fail(`${at}.${key}`, 'must be a non-empty string')
        } else if (key === 'env') {
          if (!isRecord(v)) throw fail(`${at}.env`, 'must map credentials to environment variable names')
          for (const [credential, variable] of Object.entries(v)) {
            if (!CREDENTIALS[provider as ProviderName].includes(credential))
              throw fail(`${at}.env.${credential}`, `unknown credential (expected ${CREDENTIALS[provider as ProviderName].join(', ')})`)
            if (typeof variable !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
              throw fail(`${at}.env.${credential}`, 'must be an environment variable name (the credential itself never goes in the config)')
          }
        } else throw fail(`${at}.${key}`, 'unknown field (expected baseUrl, account, env)')
      }
    }
  }
  return value as Record<string, Profile>
}

const FIELDS = ['provider', 'account', 'url', 'events', 'description', 'enabled', 'allowUnknownEvents', 'alertEmail', 'services']
const PROVIDER_FIELDS: Readonly<Record<string, ProviderName>> = { alertEmail: 'razorpay', services: 'calypso' }

/** Checks the config's shape; the first problem found is reported with its field path. */
export function checkConfig(value: unknown, file: string): DesiredEntry[] {
  const fail = (path: string, what: string) => usageError(`${file}: ${path}: ${what}`, 'ConfigError')
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('(root)', 'must be an object with a "webhooks" list')
  const root = value as Record<string, unknown>
  for (const key of Object.keys(root))
    if (!['webhooks', 'profiles', '$schema'].includes(key)) throw fail(key, 'unknown field (expected "webhooks", "profiles")')
  if (root.webhooks === undefined && root.profiles !== undefined) return []
  if (!Array.isArray(root.webhooks)) throw fail('webhooks', 'must be a list')
  return root.webhooks.map((item, i): DesiredEntry => {
    const at = (field: string) => `webhooks[${i}].${field}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fail(`webhooks[${i}]`, 'must be an object')
    const entry = item as Record<string, unknown>
    for (const key of Object.keys(entry)) if (!FIELDS.includes(key)) throw fail(at(key), `unknown field (expected ${FIELDS.join(', ')})`)
    if (typeof entry.provider !== 'string' || !(PROVIDERS as readonly string[]).includes(entry.provider)) {
      throw fail(at('provider'), `must be one of ${PROVIDERS.join(', ')}${entry.provider === undefined ? '' : `, not ${JSON.stringify(entry.provider)}`}`)
    }
    const provider = entry.provider as ProviderName
    for (const [field, owner] of Object.entries(PROVIDER_FIELDS))
      if (entry[field] !== undefined && owner !== provider) throw fail(at(field), `is a ${owner} option`)
    if (typeof entry.url !== 'string' || entry.url === '') throw fail(at('url'), 'must be a non-empty string')
    const services = stringList(entry.services, at('services'), fail)
    const events = entry.events === undefined && services?.length ? [] : stringList(entry.events, at('events'), fail)
    if (!events || (events.length === 0 && !services?.length)) throw fail(at('events'), 'must be a non-empty list of event names')
    if (entry.allowUnknownEvents !== true) {
      const unknown = events.find((e) => !EVENTS[provider].includes(e))
      if (unknown !== undefined)
        throw fail(at(`events[${events.indexOf(unknown)}]`), `"${unknown}" is not a ${provider} event (set allowUnknownEvents: true to send it anyway)`)
    }
    for (const field of ['account', 'description', 'alertEmail'] as const) {
      if (entry[field] !== undefined && (typeof entry[field] !== 'string' || entry[field] === '')) throw fail(at(field), 'must be a non-empty string')
    }
    for (const field of ['enabled', 'allowUnknownEvents'] as const) {
      if (entry[field] !== undefined && typeof entry[field] !== 'boolean') throw fail(at(field), 'must be true or false')
    }
    if (provider === 'razorpay' && entry.account === undefined)
      throw fail(at('account'), 'razorpay webhooks belong to a sub-merchant account: set account to its acc_… id')
    return entry as unknown as DesiredEntry
  })
}

function stringList(value: unknown, path: string, fail: (path: string, what: string) => Error): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw fail(path, 'must be a list of strings')
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') throw fail(`${path}[${i}]`, 'must be a non-empty string')
  })
  return value as string[]
}
