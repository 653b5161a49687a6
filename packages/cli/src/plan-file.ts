import { readFileSync } from 'node:fs'
import { isSavedAccountPlan, type SavedAccountPlan } from '@unihook/core'
import { usageError } from './errors.js'
import { writePrivateFile } from './private-file.js'

export const PLAN_FILE_KIND = 'unihook-saved-plan'
export const PLAN_FILE_VERSION = 1

/** Where a plan's requests go: the sandbox on one state file, or the real API under a profile (none: the documented variables). */
export type Target = { readonly kind: 'sandbox'; readonly state: string } | { readonly kind: 'api'; readonly profile?: string }

export interface PlanFileHeader {
  readonly kind: typeof PLAN_FILE_KIND
  readonly version: typeof PLAN_FILE_VERSION
  /** The config file's absolute path: `apply FILE` reads it again unless `-c` names another. */
  readonly config: string
  readonly target: Target
  /** `i/n` when planned with `--shard`. */
  readonly shard?: string
  readonly options: { readonly prune: boolean; readonly fixDuplicates: boolean }
  readonly createdAt: string
  readonly accounts: number
}

export interface PlanFile {
  readonly header: PlanFileHeader
  readonly plans: readonly SavedAccountPlan[]
}

export const targetText = (target: Target): string =>
  target.kind === 'sandbox' ? `the sandbox on ${target.state}` : `the real API${target.profile === undefined ? '' : ` (profile ${target.profile})`}`

/** Writes the plan file whole (a temporary file in the same directory, then renamed), mode 0600. */
export function writePlanFile(path: string, file: PlanFile): void {
  const lines = [file.header, ...file.plans].map((value) => JSON.stringify(value))
  try {
    writePrivateFile(path, `${lines.join('\n')}\n`)
  } catch (error) {
    throw usageError(`cannot write the plan to ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'PlanFileError')
  }
}

const notAPlan = (path: string, why: string) => usageError(`${path} is not a plan saved by unihook plan -out (${why}); nothing was sent`, 'PlanFileError')

function isHeader(value: unknown): value is PlanFileHeader {
  const v = value as Partial<PlanFileHeader> | null
  return typeof v === 'object' && v !== null && v.kind === PLAN_FILE_KIND && typeof v.config === 'string' && typeof v.target === 'object' && v.target !== null
}

/** Reads a plan file; anything that is not one of this version is a usage error before any request. */
export function readPlanFile(path: string): PlanFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(`cannot read the plan ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'PlanFileError')
  }
  const values = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown
      } catch {
        throw notAPlan(path, `line ${i + 1} is not JSON`)
      }
    })
  const [header, ...plans] = values
  if (!isHeader(header)) throw notAPlan(path, 'no unihook plan header on its first line')
  if (header.version !== PLAN_FILE_VERSION) throw notAPlan(path, `version ${String(header.version)}; this unihook reads version ${PLAN_FILE_VERSION}`)
  const bad = plans.findIndex((plan) => !isSavedAccountPlan(plan))
  if (bad >= 0) throw notAPlan(path, `line ${bad + 2} is not a saved account plan`)
  if (plans.length !== header.accounts)
    throw notAPlan(path, `it holds ${plans.length} account plans where its header says ${header.accounts}: it was cut short`)
  return { header, plans: plans as SavedAccountPlan[] }
}
