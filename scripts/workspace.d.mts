/** Types of workspace.mjs, for the TypeScript files that read it (vitest.config.ts, tests). */

export interface PackageEntry {
  readonly specifier: string
  readonly source: string
}
export interface WorkspacePackage {
  readonly dir: string
  readonly name: string
  readonly entries: readonly PackageEntry[]
}
export function workspacePackages(): WorkspacePackage[]
export function adapterPackages(packages?: readonly WorkspacePackage[]): (WorkspacePackage & { readonly descriptor: string })[]
export function sourceEntries(packages?: readonly WorkspacePackage[]): PackageEntry[]
export function vitestAliases(): { find: RegExp; replacement: string }[]
