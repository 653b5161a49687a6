/** `unihook verify`: checks a captured delivery (its exact body bytes and headers) and says why not. */

import { readFileSync } from 'node:fs'
import { type Command, type Context, type Flags, list, str } from '../command.js'
import { EXIT, usageError } from '../errors.js'
import { type ProviderName, providerName, providers } from '../providers.js'
import { descriptorOf } from '../registry.js'
import { loadState } from '../sandbox.js'
import {
  keysFromEnv,
  keysFromSandbox,
  keysFromSecretsFile,
  mergeKeys,
  NO_KEYS,
  readKeyFile,
  type VerificationKeys,
  verifiersFor,
  verifyDelivery,
} from '../verification.js'
import { readSecretsFile } from '../views.js'

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  // The value is not repeated: a header may carry a signature.
  if (colon <= 0) throw usageError("--header must look like 'Name: value' (a name, a colon, the value); one --header has no colon")
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}

function readBodyFile(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw usageError(`--body ${file}: cannot read it (${reason}); give the file holding the exact body bytes, or - to read stdin`)
  }
}

/** `--body -`: the body piped in, byte for byte. */
async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY)
    throw usageError('--body - reads the body from stdin, but stdin is a terminal: pipe the body in (cat body.json | unihook verify … --body -)')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}

/** The verifying inputs of every provider, as repeatable options (`--secret`, `--public-key-file`, …). */
function keyOptions(): Command['options'] {
  return Object.fromEntries(providers().flatMap((d) => d.verification.input.map((i) => [i.flag, { type: 'string' as const, multiple: true }])))
}

/** The keys the provider's inputs give (a file flag's files read). */
function keysFromFlags(provider: ProviderName, flags: Flags): VerificationKeys {
  const { verification } = descriptorOf(provider)
  const values = Object.fromEntries(verification.input.map((i) => [i.name, list(flags, i.flag).map((v) => (i.file ? readKeyFile(v) : v))]))
  return { [provider]: verification.keysFromInput(values) }
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: "unihook verify --provider P --body FILE|- --header 'Name: value'… [--secret S]… [--public-key-file F]… [--secrets FILE] [--sandbox]",
  summary: 'verify a captured delivery; the exit code says whether it verified',
  get options() {
    return {
      ...keyOptions(),
      provider: { type: 'string', short: 'p' },
      body: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      secrets: { type: 'string' },
    } as const
  },
  async run(c: Context) {
    const provider = providerName(str(c.flags, 'provider'))
    const bodyFile = str(c.flags, 'body')
    if (!bodyFile) throw usageError(`--body FILE is required (the exact bytes received; - reads stdin): ${this.usage}`)
    const body = bodyFile === '-' ? await readStdin() : readBodyFile(bodyFile)
    const headers = new Headers(list(c.flags, 'header').map(parseHeader))
    const flagKeys = keysFromFlags(provider, c.flags)
    const secretsFile = str(c.flags, 'secrets')
    const state = c.session.sandbox ? loadState(c.session.statePath) : undefined
    const keys = mergeKeys(
      flagKeys,
      keysFromEnv(c.env),
      secretsFile ? keysFromSecretsFile(readSecretsFile(secretsFile)) : NO_KEYS,
      state ? keysFromSandbox(state) : NO_KEYS,
    )
    const verifiers = verifiersFor(keys, provider)
    const result = verifiers.length
      ? await verifyDelivery(verifiers, body, headers)
      : ({
          verified: false,
          provider,
          reason: 'no_secret',
          message: `no ${provider} secret or key: pass ${descriptorOf(provider)
            .verification.input.map((i) => `--${i.flag}`)
            .join(', ')}, --secrets FILE or --sandbox`,
        } as const)
    if (result.verified) {
      const { id, type, createdAt, account, data } = result.event
      const event = { id, type, ...(createdAt ? { createdAt: createdAt.toISOString() } : {}), ...(account ? { account } : {}), data }
      if (c.out.json) c.out.document({ verified: true, provider: result.provider, event })
      else {
        c.out.line(`${c.out.c.green('verified')}: ${result.provider} ${type} ${id}`)
        c.out.line(JSON.stringify(data, null, 2))
      }
      return EXIT.ok
    }
    if (c.out.json) c.out.document({ verified: false, provider: result.provider, reason: result.reason, message: result.message })
    else c.out.line(`${c.out.c.red('NOT verified')}: ${result.reason}: ${result.message}`)
    return EXIT.failure
  },
}
