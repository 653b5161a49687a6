/**
 * Where a JSON text breaks JSON's grammar, for a config that `JSON.parse` refused. The YAML reader gives
 * most mistakes a line, but YAML accepts some text JSON does not (a trailing comma, a comment, a bare
 * word), and `JSON.parse`'s own messages quote the text around the mistake, which may hold a pasted
 * credential. This scanner only follows the grammar to the first mistake: never the values.
 */

export interface JsonMistake {
  /** 1-based, as editors count. */
  readonly line: number
  readonly col: number
  /** What was expected there, without the text found. */
  readonly message: string
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null']

/** The first mistake in `text`, or undefined when it is valid JSON. */
export function jsonMistake(text: string): JsonMistake | undefined {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++
  }
  const expect = (what: string): never => {
    throw new Stop(at, at >= text.length ? `the text ends where ${what} was expected` : expectedHere(text, at, what))
  }
  const string = () => {
    if (text[at] !== '"') expect('a string in double quotes')
    for (at++; at < text.length && text[at] !== '"'; at++) {
      if (text.charCodeAt(at) < 0x20) expect('the string to close before the line ends')
      if (text[at] === '\\') at++
    }
    if (at >= text.length) expect('a closing double quote')
    at++
  }
  const list = (close: string, item: () => void, what: string) => {
    at++
    space()
    if (text[at] === close) {
      at++
      return
    }
    for (;;) {
      item()
      space()
      if (text[at] === ',') {
        at++
        space()
        if (text[at] === close) expect(what)
        continue
      }
      if (text[at] !== close) expect(`',' or '${close}'`)
      at++
      return
    }
  }
  const member = () => {
    string()
    space()
    if (text[at] !== ':') expect("':'")
    at++
    value()
  }
  const scalar = () => {
    NUMBER.lastIndex = at
    const c = text[at]
    if (c !== undefined && (c === '-' || (c >= '0' && c <= '9')) && NUMBER.test(text)) at = NUMBER.lastIndex
    else {
      const literal = LITERALS.find((word) => text.startsWith(word, at))
      if (!literal) expect('a value')
      at += (literal as string).length
    }
  }
  const value = (): void => {
    space()
    const c = text[at]
    if (c === '{') list('}', member, 'a property name (JSON allows no comma before })')
    else if (c === '[') list(']', value, 'a value (JSON allows no comma before ])')
    else if (c === '"') string()
    else scalar()
  }
  try {
    value()
    space()
    if (at < text.length) expect('the end of the text')
    return undefined
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop
    return { ...lineAndColumn(text, stop.offset), message: stop.message }
  }
}

/** Names a punctuation mark found where it does not belong; anything else is only "something else". */
function expectedHere(text: string, at: number, what: string): string {
  const found = text[at] as string
  const shown = '{}[]:,'.includes(found) ? `'${found}'` : found === '/' || found === '#' ? 'a comment' : 'something else'
  return `${what} was expected, found ${shown}`
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  return { line, col: offset - start + 1 }
}
