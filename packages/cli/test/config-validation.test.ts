/**
 * `plan` and `apply` refuse, before anything is sent, what any create or update would refuse (the
 * adapters' own checks): each refused config exits 64 naming file, line and field, and nothing exists in
 * the sandbox afterwards. Drift on a provider's own field alone (`alertEmail`, `services`) is planned,
 * shown and applied; a Calypso entry with services and no events is accepted.
 */

import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_STACK, runCli, SPAWN_TIMEOUT_MS, sandboxState } from './helpers.js'

const sandbox = sandboxState('each')
const ACCOUNT = 'acc_Valid000000001'
const write = (name: string, text: string) => writeFileSync(join(sandbox.dir, name), text)
const cli = (args: readonly string[]) => runCli(args, { env: sandbox.env, cwd: sandbox.dir })

const entry = (fields: string) => `  - provider: razorpay\n    account: ${ACCOUNT}\n${fields}`
const good = entry('    url: https://shop.example.com/ok\n    events: [payment.captured]\n')

describe('a config any create would refuse is refused before anything is sent', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const refused: { name: string; file: string; text: string; message: RegExp }[] = [
    {
      name: 'a malformed URL',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}${entry('    url: htp//bad url\n    events: [payment.captured]\n')}`,
      message: /unihook\.config\.yaml:8: webhooks\[1\]\.url: is not a well-formed absolute URL .*expected an absolute http\(s\) URL/,
    },
    {
      name: 'a bad alert email',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}${entry('    url: https://shop.example.com/b\n    alertEmail: not-an-email\n    events: [payment.captured]\n')}`,
      message: /unihook\.config\.yaml:9: webhooks\[1\]\.alertEmail: must be an email address/,
    },
    {
      name: 'an unknown event, with the closest one',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}${entry('    url: https://shop.example.com/c\n    events:\n      - payment.captured\n      - paymnt.failed\n')}`,
      message:
        /unihook\.config\.yaml:11: webhooks\[1\]\.events\[1\]: unknown event "paymnt\.failed" .*allowUnknownEvents: true.*did you mean "payment\.failed"/,
    },
    {
      name: 'a Stripe entry with a malformed URL and an unknown event',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}  - provider: stripe\n    url: not-a-url\n    events: [payment_intent.succeded]\n`,
      message:
        /unihook\.config\.yaml:7: webhooks\[1\]\.url: is not a well-formed absolute URL[\s\S]*unihook\.config\.yaml:8: webhooks\[1\]\.events\[0\]: unknown event "payment_intent\.succeded" .*did you mean "payment_intent\.succeeded"/,
    },
    {
      name: 'the same webhook twice',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}${good}`,
      message: /unihook\.config\.yaml:8: webhooks\[1\]\.url: declares the same webhook as webhooks\[0\]/,
    },
    {
      name: 'a URL longer than Razorpay takes (JSON, with its line)',
      file: 'unihook.config.json',
      text: JSON.stringify(
        { webhooks: [{ provider: 'razorpay', account: ACCOUNT, url: `https://shop.example.com/${'x'.repeat(300)}`, events: ['payment.captured'] }] },
        null,
        2,
      ),
      message: /unihook\.config\.json:6: webhooks\[0\]\.url: must be at most 255 characters/,
    },
    {
      name: 'a credential where a variable name belongs',
      file: 'unihook.config.yaml',
      text: `webhooks:\n${good}profiles:\n  prod:\n    razorpay:\n      env:\n        keySecret: Xk9mTz3Bq8Nw5Hy2Lc6\n`,
      message:
        /unihook\.config\.yaml:10: profiles\.prod\.razorpay\.env\.keySecret: must name the environment variable that holds the credential .*like RAZORPAY_KEY_SECRET/,
    },
  ]
  for (const { name, file, text, message } of refused) {
    it(name, async () => {
      write(file, text)
      for (const command of [
        ['plan', '--sandbox'],
        ['apply', '--sandbox', '--yes'],
      ]) {
        const run = await cli([...command, '-c', file])
        expect(run.code, run.stderr).toBe(64)
        expect(run.stderr).toMatch(message)
        expect(run.stderr).toMatch(/nothing was sent/)
        expect(run.stderr).not.toMatch(NO_STACK)
        expect(run.stdout).toBe('')
      }
      // Refused before the sandbox was even opened: nothing created, no state written.
      expect(existsSync(sandbox.env.UNIHOOK_SANDBOX_STATE!)).toBe(false)
      const listed = await cli(['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'])
      expect(listed.json().webhooks).toEqual([])
    })
  }

  it('lists every problem at once, in line order, and --json carries them', async () => {
    write(
      'unihook.config.yaml',
      `webhooks:\n${entry('    url: https://shop.example.com/a\n    alertEmail: nope\n    events: [payment.capturd]\n')}  - provider: conekta\n    url: notaurl\n    events: [order.paid]\n`,
    )
    const run = await cli(['plan', '--sandbox', '--json'])
    expect(run.code).toBe(64)
    const { error } = run.json()
    expect(error.tag).toBe('ConfigError')
    expect(error.message.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}unihook\.config\.yaml:5: webhooks\[0\]\.alertEmail:/),
      expect.stringMatching(/^ {2}unihook\.config\.yaml:6: webhooks\[0\]\.events\[0\]: .*did you mean "payment\.captured"/),
      expect.stringMatching(/^ {2}unihook\.config\.yaml:8: webhooks\[1\]\.url:/),
    ])
  })

  it('a TS config names the field path', async () => {
    write('unihook.config.ts', `export default { webhooks: [{ provider: 'calypso', url: 'https://a.example.com', events: ['INVOICE_PAYD'] }] }\n`)
    const run = await cli(['plan', '--sandbox'])
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/unihook\.config\.ts: webhooks\[0\]\.events\[0\]: unknown event "INVOICE_PAYD" .*did you mean "INVOICE_PAID"/)
  })
})

describe('plan compares every writable field', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('drift on alertEmail (Razorpay) or services (Calypso) alone is planned, shown, applied, and then clean', async () => {
    const config = (email: string, services: string) =>
      `webhooks:\n${entry(`    url: https://shop.example.com/r\n    alertEmail: ${email}\n    events: [payment.captured]\n`)}  - provider: calypso\n    url: https://shop.example.com/c\n    services: [${services}]\n`
    write('unihook.config.yaml', config('ops@example.com', 'INVOICE'))
    // A Calypso entry with services and no events is accepted.
    const created = await cli(['apply', '--sandbox', '--yes', '--json'])
    expect(created.code, created.stderr).toBe(0)
    expect(created.json().plans.flatMap((p: { creates: unknown[] }) => p.creates)).toEqual([
      { url: 'https://shop.example.com/r', events: ['payment.captured'], alertEmail: 'ops@example.com' },
      { url: 'https://shop.example.com/c', events: [], services: ['INVOICE'] },
    ])

    write('unihook.config.yaml', config('alerts@example.com', 'INVOICE, PAYOUT'))
    const drift = await cli(['plan', '--sandbox', '--detailed-exitcode', '--json'])
    expect(drift.code, drift.stderr).toBe(2)
    expect(drift.json().plans.map((p: { updates: unknown[] }) => p.updates)).toEqual([
      [{ id: expect.any(String), url: 'https://shop.example.com/r', changes: [{ field: 'alertEmail', from: 'ops@example.com', to: 'alerts@example.com' }] }],
      [{ id: expect.any(String), url: 'https://shop.example.com/c', changes: [{ field: 'services', from: ['INVOICE'], to: ['INVOICE', 'PAYOUT'] }] }],
    ])
    const text = await cli(['plan', '--sandbox'])
    expect(text.stdout).toContain('alertEmail: "ops@example.com" → "alerts@example.com"')
    expect(text.stdout).toContain('services: ["INVOICE"] → ["INVOICE","PAYOUT"]')

    expect((await cli(['apply', '--sandbox', '--yes'])).code).toBe(0)
    const clean = await cli(['plan', '--sandbox', '--detailed-exitcode'])
    expect(clean.code, clean.stdout).toBe(0)

    // list and get show the fields, in text and JSON.
    const listed = await cli(['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT, '--json'])
    const [webhook] = listed.json().webhooks
    expect(webhook).toMatchObject({ alertEmail: 'alerts@example.com' })
    const got = await cli(['webhooks', 'get', webhook.id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNT])
    expect(got.stdout).toContain('alertEmail=alerts@example.com')
    const calypso = await cli(['webhooks', 'list', '--sandbox', '--provider', 'calypso', '--json'])
    expect(calypso.json().webhooks).toMatchObject([{ services: ['INVOICE', 'PAYOUT'] }])
  })
})
