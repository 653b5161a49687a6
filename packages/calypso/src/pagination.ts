/** Trivial for Calypso: one answer holds every subscription of the account, so no cursor is ever issued. */

import type { Issue } from '@unihook/core'

export const checkCursor = (cursor: unknown): Issue[] =>
  cursor === undefined ? [] : [{ path: 'cursor', message: 'Calypso returns every subscription in one page and issues no cursors' }]
