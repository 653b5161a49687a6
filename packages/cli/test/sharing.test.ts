/**
 * A sandbox many commands share: twenty processes writing one in-process sandbox at once lose nothing,
 * `--sandbox` finds the project's running sandbox from a subdirectory (or says it runs its own), Calypso
 * event ids are unique per event, and secrets go to the default file when no destination is given.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { capture, readSecrets, runCli, SPAWN_TIMEOUT_MS, startCli, tempDir, waitFor } from './helpers.js'

let dir = ''
let cleanup = () => undefined as void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

const ACCOUNTS = ['acc_Shared00000001', 'acc_Shared00000002']
const createArgs = (account: string, url: string) => [
  ...'webhooks create --sandbox --provider razorpay --events payment.captured --json'.split(' '),
  ...['--account', account, '--url', url],
]
const stored = (state: string) => JSON.parse(readFileSync(state, 'utf8')) as { razorpay: { webhooks: { id: string; secret?: string }[] } }

describe('a shared sandbox', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('twenty concurrent writers, no sandbox running: every webhook is kept, with its secret in the default file', async () => {
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runCli(createArgs(ACCOUNTS[i % 2]!, `https://shop.example.com/w/${i}`), { cwd: dir, timeoutMs: 120_000 })),
    )
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toMatch(/no sandbox is running for .*: this command runs its own/)
    }
    const ids = runs.map((r) => r.json().webhook.id as string)
    const held = stored(join(dir, '.unihook', 'sandbox.json')).razorpay.webhooks
    expect(held.map((w) => w.id).sort()).toEqual([...ids].sort())
    const listed = await Promise.all(
      ACCOUNTS.map((a) => runCli(['webhooks', 'list', '--sandbox', '--provider', 'razorpay', '--account', a, '--json'], { cwd: dir })),
    )
    expect(listed.flatMap((l) => l.json().webhooks.map((w: { id: string }) => w.id)).sort()).toEqual([...ids].sort())

    const file = join(dir, '.unihook', 'sandbox-secrets.jsonl')
    expect(runs[0]!.stderr).toContain(file)
    const created = readSecrets(file).filter((s) => s.state === 'created')
    expect(created).toHaveLength(20)
    for (const w of held) expect(created.find((s) => s.webhookId === w.id)?.secret).toBe(w.secret)
  })

  it('finds the running sandbox from a subdirectory, says when it runs its own, and gives each Calypso event its own id', async () => {
    const sandbox = startCli(['sandbox', '--port', '0', '--json'], { cwd: dir })
    const receiver = await capture()
    try {
      await sandbox.nextLine()
      const deep = join(dir, 'services', 'api')
      mkdirSync(deep, { recursive: true })
      const created = await runCli(['webhooks', 'create', '--sandbox', '--provider', 'calypso', '--url', receiver.url, '--events', 'INVOICE_PAID', '--json'], {
        cwd: deep,
      })
      expect(created.code, created.stderr).toBe(0)
      expect(created.stderr).not.toMatch(/no sandbox is running/)
      // The running sandbox holds it: a command from the project root sees it.
      const listed = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'calypso', '--json'], { cwd: dir })
      expect(listed.json().webhooks.map((w: { id: string }) => w.id)).toEqual([created.json().webhook.id])

      const elsewhere = tempDir()
      try {
        const separate = await runCli(['webhooks', 'list', '--sandbox', '--provider', 'calypso', '--json'], { cwd: elsewhere.dir })
        expect(separate.stderr).toContain(`no sandbox is running for ${join(elsewhere.dir, '.unihook', 'sandbox.json')}: this command runs its own`)
        expect(separate.json().webhooks).toEqual([])
      } finally {
        elsewhere.cleanup()
      }

      for (let i = 0; i < 2; i++) expect((await runCli(['trigger', 'calypso', 'INVOICE_PAID', '--sandbox'], { cwd: deep })).code).toBe(0)
      const ids = receiver.got.map((d) => (JSON.parse(d.body) as { id: number }).id)
      expect(ids).toHaveLength(2)
      expect(new Set(ids).size).toBe(2)
      expect(ids).not.toContain(1)
    } finally {
      await receiver.close()
      sandbox.child.kill('SIGINT')
      await sandbox.exited
    }
  })

  it('runs one apply at a time on a sandbox: a second one refuses instead of creating everything twice', async () => {
    const env = {
      UNIHOOK_SANDBOX_STATE: join(dir, 'state.json'),
      UNIHOOK_SANDBOX_FAULTS: JSON.stringify([{ provider: 'razorpay', method: 'POST', latencyMs: 40 }]),
    }
    const webhooks = Array.from({ length: 30 }, (_, i) => ({
      provider: 'razorpay',
      account: ACCOUNTS[0],
      url: `https://shop.example.com/a/${i}`,
      events: ['payment.captured'],
    }))
    const config = join(dir, 'unihook.config.json')
    writeFileSync(config, JSON.stringify({ webhooks }))
    const first = startCli(['apply', '-c', config, '--sandbox', '--yes', '--concurrency', '1'], { env, cwd: dir })
    // Progress ticks per account (one here): the in-process sandbox's note says the first apply holds the lock and has begun.
    await waitFor(first.stderr, /no sandbox is running/)
    const second = await runCli(['apply', '-c', config, '--sandbox', '--yes'], { env, cwd: dir })
    expect(second.code).toBe(1)
    expect(second.stderr).toMatch(/another apply \(process \d+\) is running on this sandbox; wait for it to end/)
    expect(await first.exited, first.stderr()).toBe(0)
    expect(stored(env.UNIHOOK_SANDBOX_STATE).razorpay.webhooks).toHaveLength(30)
  })

  it('refuses a rotation with nowhere to put the new secret off a terminal, before sending anything', async () => {
    const env = { UNIHOOK_SANDBOX_STATE: join(dir, 'state.json') }
    const created = await runCli(createArgs(ACCOUNTS[0]!, 'https://shop.example.com/r'), { env, cwd: dir })
    const id = created.json().webhook.id as string
    const before = stored(env.UNIHOOK_SANDBOX_STATE).razorpay.webhooks[0]?.secret
    const refused = await runCli(['webhooks', 'rotate-secret', id, '--sandbox', '--provider', 'razorpay', '--account', ACCOUNTS[0]!], { env, cwd: dir })
    expect(refused.code).toBe(64)
    expect(refused.stderr).toMatch(/pass --secrets-out FILE \(or --show-secret to print it\)/)
    expect(stored(env.UNIHOOK_SANDBOX_STATE).razorpay.webhooks[0]?.secret).toBe(before)
  })
})
