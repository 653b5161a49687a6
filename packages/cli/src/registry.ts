/**
 * The providers the CLI serves: every adapter package's descriptor (generated from packages/*, see
 * scripts/generate.mjs), then those a user registers at run time with `UNIHOOK_PROVIDERS`, a
 * comma-separated list of JavaScript modules each exporting one or more `ProviderDescriptor`s. Every
 * command loops over this list; nothing else in the CLI names a provider.
 */

import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AnyProviderDescriptor } from '@unihook/core'
import { usageError } from './errors.js'
import { PACKAGED_DESCRIPTORS } from './providers.generated.js'

let registered: readonly AnyProviderDescriptor[] = PACKAGED_DESCRIPTORS

/** The descriptors, in registry order: the packaged ones first, then those of `UNIHOOK_PROVIDERS`. */
export const descriptors = (): readonly AnyProviderDescriptor[] => registered

/** The descriptor of a registered provider (names are checked by `providerName` first). */
export function descriptorOf(name: string): AnyProviderDescriptor {
  const found = registered.find((d) => d.name === name)
  if (!found) throw usageError(`unknown provider "${name}"; expected one of ${registered.map((d) => d.name).join(', ')}`)
  return found
}

const isDescriptor = (value: unknown): value is AnyProviderDescriptor => {
  const d = value as Partial<AnyProviderDescriptor> | undefined
  return typeof d?.name === 'string' && typeof d.credentials?.build === 'function' && typeof d.sandbox?.fake === 'function'
}

/** Loads the modules `UNIHOOK_PROVIDERS` names and adds their descriptors; a module without one, or a name taken, is a usage error. */
export async function registerFromEnv(env: NodeJS.ProcessEnv): Promise<void> {
  const modules = (env.UNIHOOK_PROVIDERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const added: AnyProviderDescriptor[] = []
  for (const path of modules) {
    let loaded: Record<string, unknown>
    try {
      loaded = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>
    } catch (error) {
      throw usageError(`UNIHOOK_PROVIDERS: cannot load ${path}: ${(error as Error).message}`, 'ConfigError')
    }
    const found = Object.values(loaded).filter(isDescriptor)
    if (found.length === 0) throw usageError(`UNIHOOK_PROVIDERS: ${path} exports no provider descriptor`, 'ConfigError')
    added.push(...found)
  }
  const all = [...PACKAGED_DESCRIPTORS, ...added]
  const names = all.map((d) => d.name)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice) throw usageError(`UNIHOOK_PROVIDERS: the provider "${twice}" is registered twice`, 'ConfigError')
  registered = all
}
