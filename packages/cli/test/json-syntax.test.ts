/** Where a JSON config breaks JSON's grammar: line and column, what was expected, never the text found. */

import { describe, expect, it } from 'vitest'
import { jsonMistake } from '../src/json-syntax.js'

describe('jsonMistake', () => {
  it('finds nothing in valid JSON, whatever it holds', () => {
    for (const text of ['{}', '[]', ' null ', '{"a":[1,-2.5e3,{"b":"q\\"uote\\\\"}],"c":true,"d":false}', '"é 😀"', '0'])
      expect(jsonMistake(text), text).toBeUndefined()
  })

  it('places a trailing comma, in a list or an object, at the bracket it stands before', () => {
    expect(jsonMistake('{\n  "webhooks": [\n    {"url": "x"},\n  ]\n}')).toEqual({
      line: 4,
      col: 3,
      message: "a value (JSON allows no comma before ]) was expected, found ']'",
    })
    expect(jsonMistake('{"a": 1,\n}')).toMatchObject({ line: 2, col: 1, message: expect.stringMatching(/^a property name \(JSON allows no comma before }\)/) })
  })

  it('places what YAML accepts and JSON does not: comments, bare words, single quotes, a missing comma', () => {
    expect(jsonMistake('{"a": 1 // note\n}')).toMatchObject({ line: 1, col: 9, message: "',' or '}' was expected, found a comment" })
    expect(jsonMistake('{a: 1}')).toMatchObject({ line: 1, col: 2, message: 'a string in double quotes was expected, found something else' })
    expect(jsonMistake("{'a': 1}")).toMatchObject({ line: 1, col: 2 })
    expect(jsonMistake('[1\n 2]')).toMatchObject({ line: 2, col: 2, message: "',' or ']' was expected, found something else" })
    expect(jsonMistake('{"a": tru}')).toMatchObject({ line: 1, col: 7, message: 'a value was expected, found something else' })
  })

  it('never quotes the text, so a credential pasted in the config stays out of the message', () => {
    const mistake = jsonMistake('{"apiKey": "sk_live_0123456789abcdef')
    expect(mistake?.message).toBe('the text ends where a closing double quote was expected')
    expect(JSON.stringify(mistake)).not.toContain('sk_live')
    expect(jsonMistake('{"apiKey": sk_live_0123456789abcdef}')?.message).not.toContain('sk_live')
  })
})
