/**
 * What `--help` says: for each command, every flag that applies to it (its own and the global ones that
 * make sense there), each with a description, its default and an example, then whole-command examples.
 * The same table tells the parser which global flags a command accepts and how many arguments it takes,
 * so help and parsing cannot disagree.
 */

import type { ParseArgsConfig } from 'node:util'
import type { AnyProviderDescriptor, OperationName } from '@unihook/core'
import type { Command } from './command.js'
import { fillExample } from './help-examples.js'
import { providers } from './providers.js'

export interface FlagDoc {
  /** The value's placeholder (`N`, `FILE`); none for a switch. */
  readonly value?: string
  readonly description: string
  readonly default?: string
  readonly example?: string
}

type Options = NonNullable<ParseArgsConfig['options']>

export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  state: { type: 'string' },
  profile: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'show-secret': { type: 'boolean' },
  'secrets-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies Options

export type GlobalFlag = keyof typeof GLOBAL_OPTIONS

/** Flags every command takes. */
const ALWAYS: readonly GlobalFlag[] = ['json', 'debug', 'help']

const GLOBAL_DOCS: Readonly<Record<GlobalFlag, FlagDoc>> = {
  json: { description: 'print one JSON document on stdout instead of text (listen: one JSON line per delivery)', default: 'text' },
  debug: { description: 'print a stack trace with an error', default: 'off' },
  sandbox: {
    description: 'talk to the local sandbox (the running `unihook sandbox`, else one in this process) instead of the real API',
    default: 'the real API, credentials from the environment',
  },
  state: {
    value: 'FILE',
    description: "the sandbox's state file",
    default: '.unihook/sandbox.json, or UNIHOOK_SANDBOX_STATE',
    example: '--state /tmp/sandbox.json',
  },
  profile: {
    value: 'NAME',
    description: "a profile of the config file: base URLs, accounts and the names of the variables holding each provider's credentials",
    default: 'the documented variables',
    example: '--profile production',
  },
  config: {
    value: 'FILE',
    description: 'the config file',
    default: 'unihook.config.{ts,mts,js,mjs,json,yaml,yml} in this directory',
    example: '-c infra/unihook.yaml',
  },
  'show-secret': { description: 'show signing secrets and URL credentials instead of hiding them', default: 'hidden' },
  'secrets-out': {
    value: 'FILE',
    description: 'write every signing secret returned to FILE (JSON, mode 0600), merged with what it holds',
    default: 'not written',
    example: '--secrets-out secrets.json',
  },
  help: { description: 'show this help' },
  version: { description: "print unihook's version" },
}

export interface CommandDoc {
  /** The operation the examples show, so that they name a provider that supports it. */
  readonly operation?: OperationName
  /** Global flags that apply, besides --json, --debug and --help. */
  readonly globals: readonly GlobalFlag[]
  /** How many arguments (positionals) the command takes at most. */
  readonly maxArgs: number
  readonly flags: Readonly<Record<string, FlagDoc>>
  readonly examples: readonly string[]
}

const REAL_OR_SANDBOX: readonly GlobalFlag[] = ['sandbox', 'state', 'profile', 'config']
const PROVIDER_DOC: FlagDoc = {
  value: 'NAME',
  description: 'the provider (the list: unihook <command> --help)',
  default: 'required',
  example: '--provider {provider}',
}
const ACCOUNT_DOC: FlagDoc = {
  value: 'ID',
  description: 'the sub-account to act for (each provider’s: see unihook <command> --help)',
  default: "the provider's account variable, or the sandbox default",
  example: '--account {account}',
}
const ONE_WEBHOOK = { provider: PROVIDER_DOC, account: ACCOUNT_DOC }
/** A `webhooks` subcommand on one webhook named by ID, which may hand out its secret. */
const byId = (operation: OperationName, example: string): CommandDoc => ({
  operation,
  globals: [...REAL_OR_SANDBOX, 'show-secret', 'secrets-out'],
  maxArgs: 1,
  flags: ONE_WEBHOOK,
  examples: [example],
})
/** `--speed` and `--no-redeliver`, on the commands whose sandbox deliveries are redelivered. */
const REDELIVERY_DOCS: Readonly<Record<string, FlagDoc>> = {
  speed: {
    value: 'N',
    description: "sandbox redelivery: N seconds of the provider's retry schedule pass in one second",
    default: '8640 (a day in ten seconds)',
    example: '--speed 100000',
  },
  'no-redeliver': { description: 'sandbox: send each delivery once, never again when the receiver does not accept it', default: 'redelivered' },
}
const URL_DOC: FlagDoc = { value: 'URL', description: 'where deliveries go (absolute http or https URL)', example: '--url https://example.com/hooks' }
const EVENTS_DOC: FlagDoc = {
  value: 'a,b',
  description: "comma-separated event names from the provider's catalog",
  example: '--events {events}',
}
const DESCRIPTION_DOC: FlagDoc = { value: 'TEXT', description: 'a description, where the provider stores one', example: '--description "orders service"' }
const ALLOW_UNKNOWN_DOC: FlagDoc = { description: "accept event names outside unihook's catalog (a provider's newer events)", default: 'refused' }
const CONCURRENCY_DOC: FlagDoc = {
  value: 'N',
  description: 'provider calls in flight at once, across all accounts (1 to 32)',
  default: '8',
  example: '--concurrency 4',
}
const PRUNE_DOC: FlagDoc = { description: 'also delete webhooks that are not in the config (and duplicates)', default: 'kept, shown as unmanaged' }
const FIX_DUPLICATES_DOC: FlagDoc = {
  description: 'delete duplicates (a second webhook with the same URL in one account), keeping the oldest, the one the config manages',
  default: 'flagged, kept',
}
const SHARD_DOC: FlagDoc = {
  value: 'i/n',
  description: 'work on shard i of n only: accounts split by a stable hash, disjointly, so n processes or machines share the work',
  default: 'every account',
  example: '--shard 2/4',
}
const RATE_DOC: FlagDoc = {
  value: 'N',
  description: 'requests per second per provider credential, shared by every account; PROVIDER=N sets one provider (repeatable)',
  default: "the provider's documented limit, else none (paced by its 429s)",
  example: '--rate 100, --rate {provider}=100',
}
const RUN_CONCURRENCY_DOC: FlagDoc = {
  ...CONCURRENCY_DOC,
  description: 'requests on the wire at once per provider credential, across all accounts (1 to 32); also accounts worked on at once',
}

export const COMMAND_DOCS: Readonly<Record<string, CommandDoc>> = {
  sandbox: {
    globals: ['state'],
    maxArgs: 0,
    flags: {
      port: {
        value: 'N',
        description: 'the first port: each provider is served on its own port from N on ({ports}); 0 picks free ones',
        default: '4010',
        example: '--port 5010',
      },
      'print-env': { description: 'print the variables that point an app at the sandbox, and exit', default: 'off' },
      ...REDELIVERY_DOCS,
    },
    examples: ['unihook sandbox', 'eval "$(unihook sandbox --print-env)"'],
  },
  'webhooks list': {
    globals: [...REAL_OR_SANDBOX, 'show-secret'],
    maxArgs: 0,
    flags: {
      provider: { ...PROVIDER_DOC, default: 'every provider with credentials (with --sandbox: all of them)' },
      account: ACCOUNT_DOC,
      limit: { value: 'N', description: 'show at most N webhooks per provider', default: 'all', example: '--limit 20' },
    },
    examples: ['unihook webhooks list --sandbox', 'unihook webhooks list --provider {provider} {--account} --json'],
  },
  'webhooks get': byId('get', 'unihook webhooks get {id} --provider {provider} {--account}'),
  'webhooks create': {
    globals: [...REAL_OR_SANDBOX, 'show-secret', 'secrets-out'],
    maxArgs: 0,
    flags: {
      ...ONE_WEBHOOK,
      url: { ...URL_DOC, default: 'required' },
      events: { ...EVENTS_DOC, default: 'required (or a provider field that stands in for it)' },
      description: DESCRIPTION_DOC,
      'allow-unknown': ALLOW_UNKNOWN_DOC,
    },
    examples: [
      'unihook webhooks create --sandbox --provider {provider} {--account} --url https://example.com/hooks --events {event} --secrets-out secrets.json',
    ],
  },
  'webhooks update': {
    globals: [...REAL_OR_SANDBOX, 'show-secret', 'secrets-out'],
    maxArgs: 1,
    flags: {
      ...ONE_WEBHOOK,
      url: URL_DOC,
      events: { ...EVENTS_DOC, description: 'the new event list (replaces the old one)' },
      enabled: { value: 'true|false', description: 'switch deliveries on or off, where the provider can', example: '--enabled false' },
      description: DESCRIPTION_DOC,
      'allow-unknown': ALLOW_UNKNOWN_DOC,
    },
    examples: ['unihook webhooks update {id} --provider {provider} {--account} --events {events}'],
  },
  'webhooks delete': {
    globals: REAL_OR_SANDBOX,
    maxArgs: 1,
    flags: ONE_WEBHOOK,
    examples: ['unihook webhooks delete {id} --provider {provider} {--account}'],
  },
  'webhooks test': {
    ...byId('test', 'unihook webhooks test {id} --provider {provider} {--account} --sandbox --speed 100000'),
    flags: { ...ONE_WEBHOOK, ...REDELIVERY_DOCS },
  },
  'webhooks rotate-secret': byId('rotateSecret', 'unihook webhooks rotate-secret {id} --provider {provider} {--account} --secrets-out secrets.json'),
  plan: {
    globals: ['sandbox', 'state', 'profile', 'show-secret'],
    maxArgs: 0,
    flags: {
      config: GLOBAL_DOCS.config,
      prune: PRUNE_DOC,
      'fix-duplicates': FIX_DUPLICATES_DOC,
      'detailed-exitcode': {
        description: 'exit 2 when there are changes or duplicates (0 when none)',
        default: 'exit 0 either way',
      },
      out: {
        value: 'FILE',
        description: "save the plan to FILE (mode 0600, no secrets) for apply FILE; Terraform's -out FILE works too",
        default: 'not saved',
        example: '-out plan.jsonl',
      },
      shard: SHARD_DOC,
      rate: RATE_DOC,
      concurrency: RUN_CONCURRENCY_DOC,
    },
    examples: [
      'unihook plan --sandbox',
      'unihook plan -c unihook.config.yaml --profile production --detailed-exitcode',
      'unihook plan --profile production --shard 1/4 -out shard-1.plan',
    ],
  },
  apply: {
    globals: ['sandbox', 'state', 'profile', 'show-secret', 'secrets-out'],
    maxArgs: 1,
    flags: {
      config: { ...GLOBAL_DOCS.config, default: 'with FILE, the config the plan was made from; else as plan' },
      prune: PRUNE_DOC,
      'fix-duplicates': FIX_DUPLICATES_DOC,
      yes: { description: 'apply without asking (required when not on a terminal; apply FILE never asks)', default: 'ask' },
      shard: SHARD_DOC,
      rate: RATE_DOC,
      concurrency: RUN_CONCURRENCY_DOC,
      'no-resume': {
        description: 'ignore the journal an interrupted or failed apply left in .unihook/journal/ and start afresh',
        default: 'resume: skip the accounts it names',
      },
    },
    examples: [
      'unihook apply --sandbox --yes',
      'unihook apply --profile production --secrets-out secrets.json',
      'unihook apply shard-1.plan --profile production',
      'unihook apply --profile production --yes --rate {provider}=100 --fix-duplicates',
    ],
  },
  trigger: {
    globals: ['sandbox', 'state', 'show-secret'],
    maxArgs: 2,
    flags: {
      account: { ...ACCOUNT_DOC, description: 'deliver for this account, where the provider has accounts' },
      to: {
        value: 'URL',
        description: 'deliver once, straight to URL, signed with the key you give',
        default: "the sandbox's subscribed webhooks",
        example: '--to http://127.0.0.1:3000/hooks',
      },
      'allow-unknown': ALLOW_UNKNOWN_DOC,
      override: {
        value: 'PATH=VALUE',
        description: 'change a field of the sample that exists before it is signed (value read as JSON when it is JSON); repeatable',
        default: 'the sample as it is',
        example: '--override {edit}',
      },
      add: {
        value: 'PATH=VALUE',
        description: 'add a field the sample does not have before it is signed; repeatable',
        default: 'nothing added',
        example: '--add {add}',
      },
      ...REDELIVERY_DOCS,
    },
    examples: [
      'unihook trigger {provider} {event} --sandbox',
      'unihook trigger {provider} {event} --override {edit} --speed 100000',
      'unihook trigger {provider} {event} --to http://127.0.0.1:3000/hooks {sign}',
    ],
  },
  listen: {
    globals: ['sandbox', 'state'],
    maxArgs: 0,
    flags: {
      port: { value: 'N', description: 'the port to listen on (127.0.0.1); 0 picks a free one', default: '4020', example: '--port 4021' },
      'forward-to': {
        value: '[PROVIDER=]URL',
        description: "forward verified deliveries to URL, keeping the delivery's path and query; repeat with PROVIDER= for one target per provider",
        default: 'not forwarded',
        example: '--forward-to {provider}=http://127.0.0.1:3000/hooks/{provider}',
      },
      secrets: { value: 'FILE', description: 'verify with the secrets in FILE (as written by --secrets-out)', example: '--secrets secrets.json' },
      count: { value: 'N', description: 'stop after N deliveries', default: 'run until Ctrl-C', example: '--count 1' },
      'max-body': {
        value: 'SIZE',
        description: 'largest delivery body accepted; larger ones get 413 unread (bytes, or with kb/mb)',
        default: '1mb',
        example: '--max-body 256kb',
      },
      concurrency: { value: 'N', description: 'deliveries handled at once; more wait (1 to 1000)', default: '32', example: '--concurrency 64' },
      events: {
        value: 'a,b',
        description: 'print, count and forward only verified deliveries of these event types (the others are answered 200 and recorded); repeatable',
        default: 'every event',
        example: '--events {events}',
      },
      inspect: { description: 'serve the inspector page (deliveries live, diagnosis, resend) and print its address', default: 'off' },
      'inspect-port': {
        value: 'N',
        description: "with --inspect: the inspector's port (127.0.0.1)",
        default: '0 (a free port)',
        example: '--inspect-port 4030',
      },
    },
    examples: [
      'unihook listen --sandbox',
      'unihook listen --secrets secrets.json --forward-to http://127.0.0.1:3000/hooks',
      'unihook listen --sandbox --events {event} --inspect',
    ],
  },
  'events list': {
    globals: ['state'],
    maxArgs: 0,
    flags: {
      provider: { ...PROVIDER_DOC, default: 'every provider' },
      type: { value: 'T', description: 'only deliveries of this event type', default: 'every type', example: '--type {event}' },
      verdict: {
        value: 'verified|failed',
        description: 'only deliveries that verified, or only those that failed',
        default: 'both',
        example: '--verdict failed',
      },
      since: {
        value: 'T',
        description: 'only deliveries received at or after T: an ISO date or time, or an age (30s, 15m, 2h, 7d)',
        default: 'no limit',
        example: '--since 2h',
      },
      until: { value: 'T', description: 'only deliveries received at or before T (as --since)', default: 'no limit', example: '--until 2026-12-06T13:00:00Z' },
      limit: { value: 'N', description: 'show at most the newest N', default: '50', example: '--limit 10' },
    },
    examples: ['unihook events list', 'unihook events list --provider {provider} --verdict failed --since 15m --json'],
  },
  'events show': {
    globals: ['state', 'show-secret'],
    maxArgs: 1,
    flags: {},
    examples: ['unihook events show dlv_mxbvbtvtdf4d576366'],
  },
  'events resend': {
    globals: ['state'],
    maxArgs: 1,
    flags: {
      to: {
        value: 'URL',
        description: 'send it to URL (a sandbox delivery is signed again by the sandbox, others go byte for byte)',
        default: "where listen forwarded it, with the delivery's path and query",
        example: '--to http://127.0.0.1:3000/hooks',
      },
    },
    examples: ['unihook events resend dlv_mxbvbtvtdf4d576366', 'unihook events resend dlv_mxbvbtvtdf4d576366 --to http://127.0.0.1:3000/hooks'],
  },
  verify: {
    globals: ['sandbox', 'state'],
    maxArgs: 0,
    flags: {
      provider: PROVIDER_DOC,
      body: { value: 'FILE|-', description: 'the exact body bytes of the delivery; - reads stdin', default: 'required', example: '--body body.json' },
      header: { value: "'Name: value'", description: 'a delivery header; repeat for each', example: "-H '{header}'" },
      secrets: { value: 'FILE', description: 'verify with the secrets in FILE (as written by --secrets-out)', example: '--secrets secrets.json' },
    },
    examples: [
      'unihook verify --provider {provider} --body body.json {headers} {verify}',
      'cat body.json | unihook verify --provider {provider} --body - -H …',
    ],
  },
  demo: {
    globals: [],
    maxArgs: 0,
    flags: {},
    examples: ['unihook demo'],
  },
}

/** One input's help, across the providers that read it: `with --to: the webhook secret to sign with (Alpha, Beta)`. */
interface ProviderInput {
  readonly flag: string
  readonly title: string
  readonly description: string
  readonly file?: boolean
}

/** The help of each flag among `uses`: its description per provider, `text` around it, and its default. */
function inputDocs(
  uses: readonly ProviderInput[],
  text: { readonly prefix?: string; readonly suffix?: string; readonly fallback: string },
): Record<string, FlagDoc> {
  const docs: Record<string, FlagDoc> = {}
  for (const flag of new Set(uses.map((u) => u.flag))) {
    const byText = new Map<string, string[]>()
    for (const use of uses.filter((u) => u.flag === flag)) byText.set(use.description, [...(byText.get(use.description) ?? []), use.title])
    const description = [...byText].map(([said, titles]) => `${said} (${titles.join(', ')})`).join('; ')
    const value = uses.some((u) => u.flag === flag && u.file) ? 'FILE' : 'S'
    docs[flag] = { value, description: `${text.prefix ?? ''}${description}${text.suffix ?? ''}`, default: text.fallback }
  }
  return docs
}

/** What each registered provider adds to a command: its fields, or what signing or verifying by hand takes. */
function providerInputs(command: string): Record<string, FlagDoc> {
  const all = providers()
  if (command === 'webhooks create' || command === 'webhooks update') {
    const fields = inputDocs(
      all.flatMap((d) => d.fields.map((f) => ({ flag: f.flag, title: d.title, description: f.description }))),
      { fallback: 'not set' },
    )
    return command === 'webhooks create' ? { ...fields, ...callerSecretDoc(all) } : fields
  }
  if (command === 'trigger')
    return inputDocs(
      all.flatMap((d) => d.samples.input.map((i) => ({ ...i, title: d.title }))),
      { prefix: 'with --to: ', fallback: 'required with --to by the providers that read it' },
    )
  if (command === 'verify')
    return inputDocs(
      all.flatMap((d) => d.verification.input.map((i) => ({ ...i, title: d.title }))),
      { suffix: '; repeatable', fallback: 'none: keys from --secrets, --sandbox or the UNIHOOK_* variables' },
    )
  return {}
}

/** `--secret` of `webhooks create`, for the providers where the caller chooses the signing secret. */
function callerSecretDoc(all: readonly AnyProviderDescriptor[]): Record<string, FlagDoc> {
  const choosing = all.filter((d) => d.capabilities.secret.owner === 'caller').map((d) => d.title)
  return {
    secret: {
      value: 'S',
      description: `the signing secret to set${choosing.length ? ` (${choosing.join(', ')})` : ', where the caller chooses it'}`,
      default: 'one is generated',
      example: '--secret "$WEBHOOK_SECRET"',
    },
  }
}

/** The flags whose help the registered providers give: the provider list, and each provider's inputs. */
function providerFlagDocs(command: string): Record<string, FlagDoc> {
  const provider = COMMAND_DOCS[command]?.flags.provider
  const names = providers().map((d) => d.name)
  return { ...providerInputs(command), ...(provider ? { provider: { ...provider, description: `the provider: ${names.join(', ')}` } } : {}) }
}

/** A command's documentation, with the flags the registered providers add. */
export function commandDoc(name: string): CommandDoc | undefined {
  const doc = COMMAND_DOCS[name]
  if (!doc) return undefined
  const fromProviders = providerFlagDocs(name)
  const flags = { ...fromProviders, ...doc.flags, ...(fromProviders.provider ? { provider: fromProviders.provider } : {}) }
  const fill = (text: string) => fillExample(text, doc.operation)
  // A flag's example shows any provider; a whole-command example, one that supports the command's operation.
  const filled = (flag: FlagDoc): FlagDoc => ({
    ...flag,
    description: fillExample(flag.description),
    ...(flag.example === undefined ? {} : { example: fillExample(flag.example) }),
  })
  return {
    ...doc,
    flags: Object.fromEntries(Object.entries(flags).map(([key, flag]) => [key, filled(flag)])),
    examples: doc.examples.map(fill),
  }
}

/** The global flags a command accepts. */
export function globalOptions(command: Command): Options {
  const doc = COMMAND_DOCS[command.name]
  const names = [...ALWAYS, ...(doc?.globals ?? [])]
  return Object.fromEntries(names.map((name) => [name, GLOBAL_OPTIONS[name]]))
}

/** The help of one flag, on one line. */
function flagLine(name: string, option: Options[string], doc: FlagDoc | undefined): string {
  const short = option.short ? `-${option.short}, ` : '    '
  const head = `${short}--${name}${doc?.value ? ` ${doc.value}` : ''}`
  const description = doc?.description ? `${doc.description.replace(/\.$/, '')}.` : ''
  const parts = [description, doc?.default ? `Default: ${doc.default}.` : '', doc?.example ? `Example: ${doc.example}` : '']
  return `  ${head.padEnd(34)} ${parts.filter(Boolean).join(' ')}`
}

/** The full help of a command. */
export function commandHelp(command: Command): string[] {
  const doc = commandDoc(command.name)
  const own = Object.entries(command.options)
  const globals = Object.entries(globalOptions(command)).filter(([name]) => !(name in command.options))
  return [
    `usage: ${command.usage}`,
    '',
    `  ${command.summary}`,
    '',
    'flags:',
    ...own.map(([name, option]) => flagLine(name, option, doc?.flags[name])),
    '',
    'global flags:',
    ...globals.map(([name, option]) => flagLine(name, option, GLOBAL_DOCS[name as GlobalFlag])),
    ...(doc?.examples.length ? ['', 'examples:', ...doc.examples.map((e) => `  ${e}`)] : []),
  ]
}

/** The help of `unihook` itself. */
export function mainHelp(commands: readonly Command[]): string[] {
  return [
    'usage: unihook <command> [flags]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(24)} ${c.summary}`),
    '',
    'unihook <command> --help lists the flags of a command, with defaults and examples.',
    'Global flags: --json (one JSON document on stdout), --debug (stack traces), --version.',
    'Exit codes: 0 ok, 1 failure, 2 plan --detailed-exitcode found changes or duplicates, 64 usage or config error (nothing was sent).',
    'Docs: docs/cli.md',
  ]
}
