/**
 * Every secret a provider call sets or hands out goes to the secrets file before the command goes on.
 * Where the caller chooses the secret (`capabilities.secret.owner` is `caller`), the CLI generates it and writes it down before the
 * request is sent, so that no interruption, however abrupt, can leave a webhook whose secret nobody has.
 */

import { type CallOptions, type CreateWebhook, mayHaveTakenEffect, possibleSecretOf, type SecretRotation, type Webhook, type WebhookError } from '@unihook/core'
import type { Either } from 'fp-ts/Either'
import type { AnyProvider } from './providers.js'
import { descriptorOf } from './registry.js'
import type { KeptSecret, SecretsSink } from './secrets-file.js'
import { secretRecord } from './views.js'

type Kept = Omit<KeptSecret, 'at'>

/** The same provider, its `create` and `rotateSecret` writing every secret to `sink` as described above. */
export function keepSecrets(provider: AnyProvider, sink: SecretsSink, account?: string): AnyProvider {
  const chosenByCaller = provider.capabilities.secret.owner === 'caller'
  const generateSecret = () => descriptorOf(provider.provider).generateSecret?.()
  const where = (call?: CallOptions) => {
    const acct = call?.account ?? account
    return { provider: provider.provider, ...(acct === undefined ? {} : { account: acct }) }
  }
  /** After a failed call: the secret the webhook may now hold, if the call may have happened. */
  const unconfirmed = (error: WebhookError, sent: string | undefined, record: Omit<Kept, 'secret' | 'state'>): Kept[] => {
    const secret = possibleSecretOf(error)?.reveal() ?? (sent !== undefined && mayHaveTakenEffect(error) ? sent : undefined)
    return secret === undefined ? [] : [{ ...record, secret, state: 'unconfirmed' }]
  }

  const create: AnyProvider['create'] = (input, call) => async () => {
    const given = input as CreateWebhook & { readonly generateSecret?: boolean }
    const record = { ...where(call), url: given.url }
    const generate = chosenByCaller && given.secret === undefined && given.generateSecret !== false
    const secret = generate ? generateSecret() : undefined
    if (secret !== undefined) sink.append([{ ...record, secret, state: 'pending' }])
    const result: Either<WebhookError, Webhook> = await provider.create(secret === undefined ? input : { ...input, secret }, call)()
    if (result._tag === 'Left') sink.append(unconfirmed(result.left, secret, record))
    else {
      const created = secretRecord(result.right, record.account)
      if (created) sink.append([{ ...created, state: 'created' }])
    }
    return result
  }

  const rotateSecret: AnyProvider['rotateSecret'] = (id, call) => async () => {
    const record = { ...where(call), webhookId: id }
    const given = call as (CallOptions & { readonly secret?: unknown }) | undefined
    const generate = chosenByCaller && provider.capabilities.secret.rotation === 'webhook' && given?.secret === undefined
    const secret = generate ? generateSecret() : undefined
    if (secret !== undefined) sink.append([{ ...record, secret, state: 'pending' }])
    const result: Either<WebhookError, SecretRotation> = await provider.rotateSecret(id, secret === undefined ? call : ({ ...call, secret } as CallOptions))()
    if (result._tag === 'Left') sink.append(unconfirmed(result.left, secret, record))
    else sink.append(rotated(result.right, record))
    return result
  }

  return { ...provider, create, rotateSecret }
}

/** A rotation's new secret and the secrets of the webhooks it changed, each once. */
function rotated(rotation: SecretRotation, record: Omit<Kept, 'secret' | 'state'>): Kept[] {
  const kept: Kept[] = []
  if (rotation.secret !== undefined)
    kept.push({ ...record, webhookId: rotation.webhookId ?? record.webhookId, secret: rotation.secret.reveal(), state: 'rotated' })
  for (const webhook of rotation.webhooks ?? []) {
    const changed = secretRecord(webhook, record.account)
    if (changed && !kept.some((k) => k.webhookId === changed.webhookId && k.secret === changed.secret)) kept.push({ ...changed, state: 'rotated' })
  }
  return kept
}
