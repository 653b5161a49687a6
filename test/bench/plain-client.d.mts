import type { RateBudget } from '@unihook/core'

export interface PlainTarget {
  readonly account: string
  readonly desired: readonly { readonly url: string; readonly events: readonly string[] }[]
}

export function plainReconcile(options: {
  readonly baseUrl: string
  readonly keyId: string
  readonly keySecret: string
  readonly targets: Iterable<PlainTarget>
  readonly width: number
  readonly budget?: RateBudget
}): Promise<void>
