/**
 * The secrets file and the state lock, in process: append-only JSON lines at 0600, the older
 * single-document form read and converted, a torn last line skipped; a dead process's lock taken over.
 */

import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withStateLock } from '../src/sandbox-lock.js'
import { openSecretsSink, readSecretsFile } from '../src/secrets-file.js'
import { tempDir } from './helpers.js'

let dir = ''
let cleanup = () => undefined as void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

const record = (n: number) => ({ provider: 'razorpay', account: 'acc_H3kYHQ635sBwXG', url: `https://a.example.com/${n}`, secret: `secret-${n}` })

describe('the secrets file', () => {
  it('appends one line per record, never rewrites, and narrows a wider mode to 0600', () => {
    const path = join(dir, 'nested', 'secrets.jsonl')
    const opened: string[] = []
    const sink = openSecretsSink(path, (p) => opened.push(p))
    sink.append([{ ...record(1), state: 'pending' }])
    sink.append([{ ...record(1), webhookId: 'HK890egfiItP3H', state: 'created' }])
    sink.close()
    expect(opened).toEqual([path])
    expect(statSync(path).mode & 0o777).toBe(0o600)
    writeFileSync(path, readFileSync(path, 'utf8'), { mode: 0o644 })
    const again = openSecretsSink(path)
    again.append([{ ...record(2), state: 'unconfirmed' }])
    again.close()
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    expect(lines.map((l) => JSON.parse(l).state)).toEqual(['pending', 'created', 'unconfirmed'])
    expect(readSecretsFile(path).secrets.map((s) => s.secret)).toEqual(['secret-1', 'secret-1', 'secret-2'])
  })

  it('reads the single document earlier versions wrote, and turns it into lines before appending', () => {
    const path = join(dir, 'secrets.json')
    writeFileSync(path, `${JSON.stringify({ secrets: [record(1)] }, null, 2)}\n`)
    expect(readSecretsFile(path).secrets).toEqual([record(1)])
    const sink = openSecretsSink(path)
    sink.append([{ ...record(2), state: 'created' }])
    sink.close()
    expect(readSecretsFile(path).secrets.map((s) => s.secret)).toEqual(['secret-1', 'secret-2'])
  })

  it('skips a last line cut short by a crash, and refuses a file that is not a secrets file', () => {
    const torn = join(dir, 'torn.jsonl')
    writeFileSync(torn, `${JSON.stringify(record(1))}\n{"provider":"razorpay","sec`)
    expect(readSecretsFile(torn).secrets).toEqual([record(1)])
    const other = join(dir, 'other.jsonl')
    writeFileSync(other, `not json\n${JSON.stringify(record(1))}\n`)
    expect(() => readSecretsFile(other)).toThrow(/line 1/)
  })
})

describe('the state lock', () => {
  it('runs one holder at a time, and takes over the lock of a process that is gone', async () => {
    const state = join(dir, 'state.json')
    writeFileSync(`${state}.lock`, '999999999')
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withStateLock(state, async () => {
          most = Math.max(most, ++inside)
          await new Promise((resolve) => setTimeout(resolve, 5))
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(() => statSync(`${state}.lock`)).toThrow()
  })
})
