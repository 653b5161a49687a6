/**
 * `listen`'s side of the history: the keys to label and diagnose with, the history file, and the
 * inspector page (`--inspect`), all behind one `observe` that `listen` calls after answering each
 * delivery.
 */

import type { Context } from '../command.js'
import { loadState } from '../sandbox.js'
import { readSecretsFile } from '../views.js'
import { type Inspector, startInspector } from '../inspector/server.js'
import { type LabelledKey, labelledFromEnv, labelledFromSandbox, labelledFromSecretsFile } from './keys.js'
import { type Observed, toHistoryRecord } from './recorder.js'
import { resendRecord, resendTarget } from './resend.js'
import { type ForwardTargets, forwardUrl } from '../listen-bounds.js'
import { historyMax, historyPath, openHistory } from './store.js'

export interface DeliveryLog {
  observe(delivery: Observed): Promise<void>
  /** The inspector page's address (with its token), with `--inspect`. */
  readonly inspectorUrl?: string
  close(): Promise<void>
}

export interface DeliveryLogSettings {
  readonly secretsFile?: string
  readonly forwardTo?: ForwardTargets
  /** Serve the inspector on this port (0: a free one). */
  readonly inspectPort?: number
}

export async function openDeliveryLog(c: Context, settings: DeliveryLogSettings): Promise<DeliveryLog> {
  const history = openHistory(historyPath(c.session.statePath, c.env), historyMax(c.env))
  const fixed: LabelledKey[] = [
    ...labelledFromEnv(c.env),
    ...(settings.secretsFile ? labelledFromSecretsFile(readSecretsFile(settings.secretsFile), settings.secretsFile) : []),
  ]
  const keys = (): LabelledKey[] => {
    const state = c.session.sandbox ? loadState(c.session.statePath) : undefined
    return state ? [...fixed, ...labelledFromSandbox(state)] : fixed
  }
  let inspector: Inspector | undefined
  if (settings.inspectPort !== undefined) {
    inspector = await startInspector({
      port: settings.inspectPort,
      history,
      showSecret: c.flags['show-secret'] === true,
      resend: async (id) => {
        const record = history.find(id)
        if (!record) throw new Error(`no delivery ${id} in the history`)
        const to = resendTarget(record, settings.forwardTo && forwardUrl(settings.forwardTo, record.provider, record.path))
        if (!to) throw new Error('no forward target: start listen with --forward-to')
        return resendRecord(record, to, c.session.statePath)
      },
    })
  }
  return {
    async observe(delivery) {
      // A history that cannot be written must not stop listen from receiving: say so and go on.
      try {
        const record = await toHistoryRecord(delivery, keys())
        history.append(record)
        inspector?.publish(record)
      } catch (error) {
        c.out.note(`the delivery was not recorded in ${history.path}: ${(error as Error).message}`)
      }
    },
    ...(inspector ? { inspectorUrl: inspector.url } : {}),
    close: async () => inspector?.close(),
  }
}
