/**
 * `--help` writes its examples with the registered providers' own values (help-examples.ts): a provider
 * that supports the command, one of its sample events, an id of its form, its signature header. So the
 * examples stay true as providers come and go, and the CLI's source names none.
 */

import { describe, expect, it } from 'vitest'
import { COMMAND_DOCS, commandDoc } from '../src/help.js'
import { providers } from '../src/providers.js'
import { applyEdits, parseEdits } from '../src/sample-edits.js'

const texts = (name: string) => {
  const doc = commandDoc(name)!
  return [...doc.examples, ...Object.values(doc.flags).flatMap((f) => [f.description, f.example ?? '', f.default ?? ''])]
}

describe('help examples', () => {
  it('leave no placeholder unfilled in any command', () => {
    for (const name of Object.keys(COMMAND_DOCS)) for (const text of texts(name)) expect(text, name).not.toMatch(/\{[-\w]+\}/)
  })

  it('name a registered provider with its own event, id and account', () => {
    const trigger = commandDoc('trigger')!.examples.join('\n')
    const shown = providers().find((d) => trigger.includes(`unihook trigger ${d.name} ${d.samples.events[0]} `))
    expect(shown, trigger).toBeDefined()
    const get = commandDoc('webhooks get')!.examples[0]!
    const d = providers().find((p) => get.includes(`--provider ${p.name}`))!
    expect(get).toContain(d.contract.unknownId)
    if (d.sandbox.accounts[0]) expect(get).toContain(`--account ${d.sandbox.accounts[0]}`)
  })

  it('show an operation with a provider that supports it', () => {
    const example = commandDoc('webhooks test')!.examples[0]!
    const d = providers().find((p) => example.includes(`--provider ${p.name}`))!
    expect(d.capabilities.operations.test).not.toBe('absent')
  })

  it('give --override and --add examples that apply to the sample they name', () => {
    const doc = commandDoc('trigger')!
    const d = providers().find((p) => doc.examples.some((e) => e.includes(`trigger ${p.name} `)))!
    const override = doc.flags.override!.example!.replace(/^--override /, '')
    const add = doc.flags.add!.example!.replace(/^--add '(.*)'$/, '$1')
    const edits = parseEdits(d.name, [override], [add])
    const sample = d.samples.payload(d.samples.events[0])
    expect(() => applyEdits(sample, edits)).not.toThrow()
    expect(JSON.stringify(applyEdits(sample, edits))).toContain('"order_ref":"A-1"')
  })

  it("list every provider's sandbox port and signature header where they are described", () => {
    const port = commandDoc('sandbox')!.flags.port!.description
    for (const d of providers()) expect(port).toContain(d.title)
    const verify = commandDoc('verify')!.examples[0]!
    expect(providers().some((d) => verify.includes(`-H '${d.verification.signatureHeaders[0]}: `))).toBe(true)
  })
})
