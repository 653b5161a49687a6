/**
 * `main` builds its output layer once per run: with the parsed --json and --debug once the command line
 * is read, or with what the raw arguments say when it stops before that (an unknown command, --version).
 */

import { afterEach, describe, expect, it, vi } from 'vitest'

const built = vi.hoisted(() => ({ settings: [] as { json: boolean; debug: boolean }[], text: '' }))

vi.mock('../src/output.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/output.js')>()
  const sink = (keep: boolean) => ({ isTTY: false, write: (chunk: string) => ((built.text += keep ? chunk : ''), true) }) as unknown as NodeJS.WriteStream
  return {
    ...actual,
    createOutput: (settings: Parameters<typeof actual.createOutput>[0]) => {
      built.settings.push({ json: settings.json, debug: settings.debug })
      return actual.createOutput({ ...settings, stdout: sink(true), stderr: sink(false) })
    },
  }
})

const { main } = await import('../src/main.js')
const env = { PATH: process.env.PATH ?? '' }

afterEach(() => {
  built.settings = []
  built.text = ''
})

describe("main's output", () => {
  it('is built once, with the parsed flags, for a command that runs', async () => {
    expect(await main(['webhooks', 'list', '--limit', '0', '--json', '--debug'], { env })).toBe(64)
    expect(built.settings).toEqual([{ json: true, debug: true }])
    expect(JSON.parse(built.text)).toMatchObject({ error: { message: expect.stringMatching(/--limit/) } })
  })

  it('is built once for an unknown command and for --version, from the raw arguments', async () => {
    expect(await main(['plna', '--json'], { env })).toBe(64)
    expect(built.settings).toEqual([{ json: true, debug: false }])
    built.settings = []
    expect(await main(['--version'], { env })).toBe(0)
    expect(built.settings).toEqual([{ json: false, debug: false }])
  })
})
