/**
 * The project a command runs in: the nearest directory, from the working directory up, that holds a
 * `.unihook/` directory, as git finds `.git`. The sandbox state and the default secrets file live there,
 * so a command run from any subdirectory finds the project's running sandbox and its secrets.
 */

import { statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const PROJECT_DIR = '.unihook'

/** The nearest directory from `cwd` up holding `.unihook/`, or undefined when none does. */
export function findProject(cwd: string = process.cwd()): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    try {
      if (statSync(join(dir, PROJECT_DIR)).isDirectory()) return dir
    } catch {
      // Not here: look one level up.
    }
    if (dirname(dir) === dir) return undefined
  }
}

/** A file inside the project's `.unihook/` (the working directory's when no project is found yet). */
export const projectFile = (name: string, cwd: string = process.cwd()): string => join(findProject(cwd) ?? resolve(cwd), PROJECT_DIR, name)
