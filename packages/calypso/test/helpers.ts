import { readFileSync } from 'node:fs'
import type { CalypsoFake } from '../src/fake/index.js'

export const fixtureText = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
export const fixture = <T = unknown>(name: string): T => JSON.parse(fixtureText(name)) as T

export const ACCOUNT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
export const OTHER_ACCOUNT = '0x1111111111111111111111111111111111111111'

export interface SentBody {
  account?: string
  timestamp: number
  payload?: Record<string, unknown>
}

/** The parsed bodies the fake received, with their paths. */
export const sent = (fake: CalypsoFake) => fake.requests.map((r) => ({ method: r.method, path: r.path, body: JSON.parse(r.body) as SentBody, raw: r }))
