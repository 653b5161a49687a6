/**
 * A sample event delivered by the sandbox's fake of a provider to every webhook subscribed to it, edited
 * first with `--override`/`--add` (`trigger` and `demo` both deliver this way).
 */

import type { ProviderName } from './providers.js'
import { descriptorOf } from './registry.js'
import { applyEdits, type SampleEdit } from './sample-edits.js'
import type { SandboxFakes } from './sandbox.js'

export interface DeliveryRow {
  readonly webhookId?: string
  readonly url: string
  readonly status?: number
  readonly error?: string
  readonly ms?: number
}

/** The sample payload of `event`, edited: undefined when there are no edits, so the fake makes its own. */
export function editedPayload(provider: ProviderName, event: string, account: string | undefined, edits: readonly SampleEdit[]): unknown {
  return edits.length ? applyEdits(descriptorOf(provider).samples.payload(event, account) as Record<string, unknown>, edits) : undefined
}

/** The sandbox's fake of `provider` delivers `event` to every subscribed webhook. */
export async function sandboxDeliver(
  fakes: SandboxFakes,
  provider: ProviderName,
  event: string,
  account?: string,
  edits: readonly SampleEdit[] = [],
): Promise<DeliveryRow[]> {
  const timed = (url: string) => fakes.deliveryTimes.get(url.replace(/\/\/[^@/]*@/, '//'))
  const acting = account ?? descriptorOf(provider).sandbox.accounts[0]
  const sent = await fakes.fakes[provider]!.deliver(event, acting, editedPayload(provider, event, acting, edits))
  return sent.map((d) => ({ ...d, ...ms(timed(d.url)) }))
}

const ms = (value: number | undefined) => (value === undefined ? {} : { ms: value })
