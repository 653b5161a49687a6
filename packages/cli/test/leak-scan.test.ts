/**
 * The CLI's leak scan: credentials planted where a person might put them (a profile's `env` values, a
 * config's URLs, the environment, flags' URLs and secrets, broken YAML and JSON around them) are pushed
 * through every error path of the command, and each run's stdout and stderr (text and `--json`) are
 * searched for every form of every secret, and for any 6-character piece of a credential pasted into a
 * profile.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formsOf } from '../../../test/reliability/secret-forms.js'
import { runCli, SPAWN_TIMEOUT_MS, sandboxCreateArgs, sandboxState } from './helpers.js'

const sandbox = sandboxState('all')

const KEY_ID = 'rzp_live_Qm7Vx2Jd9Ws4'
const KEY_SECRET = 'Xk9mTz3Bq8Nw5Hy2Lc6'
const API_KEY = 'key_Pq7xWv3ZmT8Lr2Yb'
const URL_PASSWORD = 'PlantedUrlPw9Kx2'
const WEBHOOK_SECRET = 'PlantedWhsec4Tq8Zr2Lm6'
const SIGNATURE = 'PlantedSignature0a1b2c3d4e5f'
const SECRETS = [KEY_ID, KEY_SECRET, API_KEY, URL_PASSWORD, WEBHOOK_SECRET, SIGNATURE]
const ACCOUNT = 'acc_Leak0000000001'
const credentialUrl = (path: string) => `https://hookuser:${URL_PASSWORD}@hooks.example.com/${path}`

/** Every 6-character piece of a value, for credentials that must not appear even in part. */
const pieces = (value: string) => Array.from({ length: value.length - 5 }, (_, i) => value.slice(i, i + 6))

const write = (name: string, text: string) => {
  const path = join(sandbox.dir, name)
  writeFileSync(path, text)
  return path
}

interface Scenario {
  readonly name: string
  readonly args: readonly string[]
  readonly env?: Record<string, string>
  readonly setup?: () => void
  readonly code: number
}

const yaml = (body: string) => () => write('unihook.config.yaml', body)

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'credentials pasted into a profile',
    setup: () => write('profiles.json', JSON.stringify({ profiles: { prod: { razorpay: { env: { keyId: KEY_ID, keySecret: KEY_SECRET } } } } })),
    args: ['webhooks', 'list', '--provider', 'razorpay', '--account', ACCOUNT, '--profile', 'prod', '-c', 'profiles.json'],
    code: 64,
  },
  {
    name: 'a credential pasted as a conekta apiKey variable, planned',
    setup: () =>
      write(
        'unihook.config.json',
        JSON.stringify({
          webhooks: [{ provider: 'conekta', url: 'https://a.example.com', events: ['order.paid'] }],
          profiles: { p: { conekta: { env: { apiKey: API_KEY } } } },
        }),
      ),
    args: ['plan', '--profile', 'p', '-c', 'unihook.config.json'],
    code: 64,
  },
  {
    name: 'a URL with credentials and a misspelt event',
    setup: yaml(`webhooks:\n  - provider: razorpay\n    account: ${ACCOUNT}\n    url: ${credentialUrl('a')}\n    events: [paymnt.captured]\n`),
    args: ['plan', '--sandbox', '-c', 'unihook.config.yaml'],
    code: 64,
  },
  {
    name: 'a malformed URL with credentials',
    setup: yaml(`webhooks:\n  - provider: razorpay\n    account: ${ACCOUNT}\n    url: htp//hookuser:${URL_PASSWORD}@bad url\n    events: [payment.captured]\n`),
    args: ['apply', '--sandbox', '--yes', '-c', 'unihook.config.yaml'],
    code: 64,
  },
  {
    name: 'the same URL with credentials twice',
    setup: yaml(
      `webhooks:\n${[1, 2].map(() => `  - provider: razorpay\n    account: ${ACCOUNT}\n    url: ${credentialUrl('d')}\n    events: [payment.captured]\n`).join('')}`,
    ),
    args: ['plan', '--sandbox', '-c', 'unihook.config.yaml'],
    code: 64,
  },
  {
    name: 'broken YAML around a credential',
    setup: yaml(`profiles:\n  p:\n    razorpay:\n      env: { keySecret: ${KEY_SECRET}: oops }\n`),
    args: ['plan', '--sandbox', '-c', 'unihook.config.yaml'],
    code: 64,
  },
  {
    name: 'broken JSON around a credential',
    setup: () => write('broken.json', `{"profiles": {"p": {"razorpay": {"env": {"keySecret": ${KEY_SECRET}}}}}}`),
    args: ['plan', '--sandbox', '-c', 'broken.json'],
    code: 64,
  },
  {
    name: 'real credentials in the environment, an unreachable API',
    env: { RAZORPAY_KEY_ID: KEY_ID, RAZORPAY_KEY_SECRET: KEY_SECRET, RAZORPAY_BASE_URL: `http://apiuser:${URL_PASSWORD}@127.0.0.1:9` },
    args: ['webhooks', 'list', '--provider', 'razorpay', '--account', ACCOUNT],
    code: 1,
  },
  {
    name: 'real credentials in the environment, an account the adapter refuses',
    env: { CONEKTA_API_KEY: API_KEY, RAZORPAY_KEY_ID: KEY_ID, RAZORPAY_KEY_SECRET: KEY_SECRET },
    args: ['webhooks', 'get', 'abc', '--provider', 'razorpay', '--account', 'not-an-account'],
    code: 64,
  },
  {
    name: 'webhooks list of every provider with credentials, none reachable',
    env: {
      CONEKTA_API_KEY: API_KEY,
      CONEKTA_BASE_URL: 'http://127.0.0.1:9',
      RAZORPAY_KEY_ID: KEY_ID,
      RAZORPAY_KEY_SECRET: KEY_SECRET,
      RAZORPAY_BASE_URL: 'http://127.0.0.1:9',
    },
    args: ['webhooks', 'list', '--account', ACCOUNT],
    code: 1,
  },
  {
    name: 'create with a credential URL and an unknown event',
    args: sandboxCreateArgs(ACCOUNT, credentialUrl('c'), 'nope', '--secret', WEBHOOK_SECRET),
    code: 64,
  },
  {
    name: 'a secret given where no flag takes it',
    args: sandboxCreateArgs(ACCOUNT, 'https://a.example.com', 'payment.captured', WEBHOOK_SECRET),
    code: 64,
  },
  {
    name: 'a misspelt --secret flag',
    args: ['verify', '--provider', 'razorpay', '--body', '-', '--secrett', WEBHOOK_SECRET],
    code: 64,
  },
  {
    name: 'trigger --to a credential URL that does not answer',
    args: ['trigger', 'razorpay', 'payment.captured', '--to', `http://hookuser:${URL_PASSWORD}@127.0.0.1:9/x`, '--secret', WEBHOOK_SECRET],
    code: 1,
  },
  {
    name: 'trigger --to something that is not a URL but holds a password',
    args: ['trigger', 'razorpay', 'payment.captured', '--to', `hookuser:${URL_PASSWORD}@nowhere`, '--secret', WEBHOOK_SECRET],
    code: 64,
  },
  {
    name: 'listen --forward-to a misspelt provider with a credential URL',
    args: ['listen', '--port', '0', '--forward-to', `razorpy=${credentialUrl('f')}`],
    code: 64,
  },
  {
    name: 'verify with a header lacking its colon, and a secret',
    setup: () => write('body.json', '{"event":"payment.captured"}'),
    args: ['verify', '--provider', 'razorpay', '--body', 'body.json', '--header', `x-razorpay-signature ${SIGNATURE}`, '--secret', WEBHOOK_SECRET],
    code: 64,
  },
  {
    name: 'verify with a wrong signature and a secret',
    setup: () => write('body.json', '{"event":"payment.captured"}'),
    args: ['verify', '--provider', 'razorpay', '--body', 'body.json', '--header', `x-razorpay-signature: ${SIGNATURE}`, '--secret', WEBHOOK_SECRET],
    code: 1,
  },
]

describe('no credential reaches the output of a failing command', { timeout: SPAWN_TIMEOUT_MS }, () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      scenario.setup?.()
      for (const json of [false, true]) {
        const run = await runCli([...scenario.args, ...(json ? ['--json'] : [])], { env: { ...sandbox.env, ...scenario.env }, cwd: sandbox.dir })
        expect(run.code, run.stderr).toBe(scenario.code)
        const output = `${run.stdout}\n${run.stderr}`
        const leaked = SECRETS.flatMap(formsOf).filter((form) => output.includes(form))
        const partial = [KEY_ID, KEY_SECRET, API_KEY].flatMap(pieces).filter((piece) => output.includes(piece))
        expect({ leaked, partial, output }).toEqual({ leaked: [], partial: [], output })
      }
    })
  }
})
