/**
 * The values `--help` writes its examples with, taken from the registered providers' descriptors, so
 * that every example names a provider, an account, an id, an event and a header that exist, and the
 * help names no provider of its own. Examples are templates: `{provider}`, `{account}`, ` {--account}`
 * (the flag with a value, or nothing for a provider without accounts), `{id}`, `{event}`, `{events}`,
 * `{edit}` and `{add}` (sample paths), `{header}`, `{headers}`, `{sign}` and `{verify}` (the flags
 * signing and verifying by hand take), `{ports}` (the sandbox's port of each provider).
 */

import type { AnyProviderDescriptor, KeyInput, OperationName } from '@unihook/core'
import { providers } from './providers.js'
import { sandboxPorts } from './sandbox.js'

/** The first numeric field of a sample payload, as a path (`payment.entity.amount`): what an `--override` example edits. */
function numericPath(value: unknown, path: readonly string[] = []): readonly string[] | undefined {
  if (typeof value === 'number') return path
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  for (const [key, field] of Object.entries(value)) {
    const found = numericPath(field, [...path, key])
    if (found) return found
  }
  return undefined
}

/** `--secret whsec_test --private-key-file key.pem`: one made-up value per input. */
const inputFlags = (inputs: readonly KeyInput[]): string => inputs.map((i) => `--${i.flag} ${i.file ? 'key.pem' : 'whsec_test'}`).join(' ')

/** The provider an example of `operation` shows: the first that supports it, preferring one with sandbox accounts (so `--account` shows too). */
function exampleProvider(operation?: OperationName): AnyProviderDescriptor | undefined {
  const all = providers()
  const able = operation ? all.filter((d) => d.capabilities.operations[operation] !== 'absent') : all
  const pool = able.length ? able : all
  return pool.find((d) => d.sandbox.accounts.length > 0) ?? pool[0]
}

/** The template values of one provider. */
function valuesOf(d: AnyProviderDescriptor): Record<string, string> {
  const [first, second] = d.samples.events
  const account = d.sandbox.accounts[0]
  const root = d.samples.payloadField
  const numeric = numericPath(d.samples.payload(first)) ?? ['id']
  const parent = [root, ...numeric.slice(0, -1)].join('.')
  const headers = d.verification.signatureHeaders
  return {
    provider: d.name,
    account: account ?? 'ID',
    ' {--account}': account ? ` --account ${account}` : '',
    id: d.contract.unknownId,
    event: first,
    events: `${first},${second}`,
    edit: `${[root, ...numeric].join('.')}=100`,
    add: `'${parent}.order_ref="A-1"'`,
    header: `${headers[0]}: 3f1c…`,
    headers: headers.map((h) => `-H '${h}: 3f1c…'`).join(' '),
    sign: inputFlags(d.samples.input),
    verify: inputFlags(d.verification.input),
    ports: sandboxPortsInWords(),
  }
}

/** `Alpha N, Beta N+1, …`: which port of the sandbox's range serves which provider. */
function sandboxPortsInWords(): string {
  const offsets = sandboxPorts(0)
  return providers()
    .map((d) => `${d.title} N${offsets[d.name] ? `+${offsets[d.name]}` : ''}`)
    .join(', ')
}

/** `text` with its placeholders filled from the provider an example of `operation` shows (no provider registered: left as they are). */
export function fillExample(text: string, operation?: OperationName): string {
  if (!text.includes('{')) return text
  const d = exampleProvider(operation)
  if (!d) return text
  const values = valuesOf(d)
  return text.replace(/( \{--account\})|\{(\w+)\}/g, (whole, account: string | undefined, key: string | undefined) =>
    account ? values[' {--account}']! : (values[key!] ?? whole),
  )
}
