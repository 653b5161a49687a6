/**
 * A contract subject made from a provider descriptor: the adapter built from the descriptor's sandbox
 * credentials against its sandbox fake, and the same adapter with those credentials garbled. With it,
 * an adapter proves itself in one line: `runContractSuite(contractSubject(acmeDescriptor))`.
 */

import type { AdapterSettings, ProviderDescriptor } from '../../descriptor.js'
import type { WebhookProvider } from '../../provider.js'
import { mountFake } from './mount.js'
import type { ContractSubject, Mode } from './subject.js'

/** What `contractSubject` may change from the descriptor's defaults. */
export interface ContractSubjectOptions {
  /** Default `['msw', 'http']`. */
  readonly modes?: readonly Mode[]
  /** Provider-specific adapter options (Conekta's `apiVersion`), as `AdapterSettings.options`. */
  readonly options?: Readonly<Record<string, unknown>>
}

/** Short retry delays and timeouts, so that the suite's fault checks run in milliseconds. */
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 } as const

/** A different value of the same length and alphabet, which no fake accepts. */
const garble = (value: string) => [...value].reverse().join('') + (value.length > 1 ? '' : 'x')

/** Every secret a set of the provider's credentials puts in reach of an adapter (its wire forms too): none may appear in any output. */
export function credentialSecrets(descriptor: Pick<ProviderDescriptor, 'credentials'>, credentials: Readonly<Record<string, string>>): string[] {
  const spec = descriptor.credentials
  return [
    ...Object.entries(credentials)
      .filter(([name]) => !spec.identifiers.includes(name))
      .map(([, value]) => value),
    ...(spec.wireForms?.(credentials) ?? []),
  ]
}

/** The contract subject of `descriptor`: its sandbox fake, its sandbox credentials, its first sandbox account. */
export function contractSubject<E extends string>(descriptor: ProviderDescriptor<string, E>, options: ContractSubjectOptions = {}): ContractSubject<E> {
  const { credentials: spec, sandbox, contract } = descriptor
  const good = sandbox.credentials
  const bad = Object.fromEntries(Object.entries(good).map(([name, value]) => [name, spec.identifiers.includes(name) ? value : garble(value)]))
  const secretsOf = (credentials: Readonly<Record<string, string>>) => credentialSecrets(descriptor, credentials)
  const [first, second, ...more] = descriptor.samples.events
  const signature = contract.requestSignature
  return {
    name: descriptor.name,
    modes: options.modes ?? ['msw', 'http'],
    events: [first, second, ...more],
    url: (n) => `https://hooks.example.com/${descriptor.name}/${n}`,
    unknownId: contract.unknownId,
    secrets: [...secretsOf(good), ...secretsOf(bad)],
    createRetry: contract.createRetry,
    ...(signature ? { requestSignature: (request) => signature(request, good) } : {}),
    async setup(mode) {
      const fake = sandbox.fake().runtime
      const mounted = await mountFake(mode === 'http' ? 'http' : 'msw', fake, `https://api.${descriptor.name}.example`)
      const account = sandbox.accounts[0]
      const build = (credentials: Readonly<Record<string, string>>) => {
        const settings: AdapterSettings = {
          credentials,
          baseUrl: mounted.baseUrl,
          ...(account === undefined ? {} : { account }),
          transport: FAST,
          ...(options.options ? { options: options.options } : {}),
        }
        return descriptor.credentials.build(settings) as WebhookProvider<E>
      }
      return {
        provider: build(good),
        withBadCredentials: build(bad),
        faults: fake.faults,
        requestCount: () => fake.requests.length,
        requests: () => fake.requests,
        close: mounted.close,
      }
    },
  }
}
