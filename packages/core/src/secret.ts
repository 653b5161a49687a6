/**
 * Secrets and redaction.
 *
 * A `Secret` wraps a credential (API key, webhook secret, signing key) so that it never shows up by
 * accident: `String(secret)`, `JSON.stringify` and `util.inspect` all print `[redacted]`, and the value is
 * read only through the explicit `secret.reveal()`. Secrets are recognised by a global-registry symbol,
 * not `instanceof`, so two installed copies of `@unihook/core` agree.
 */

const SECRET_MARK = /* @__PURE__ */ Symbol.for('unihook.secret')
/** Node's `util.inspect.custom` symbol, reached through `Symbol.for` so that no Node import is needed. */
export const INSPECT = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom')
/** What a secret shows instead of its value in logs, JSON and errors. */
export const REDACTED = '[redacted]'

/**
 * A credential or signing secret that never shows its value: `String()`, `JSON.stringify` and
 * `util.inspect` give `[redacted]`; only `reveal()` returns it.
 */
export interface Secret {
  readonly [SECRET_MARK]: true
  /** The wrapped value. The only way to read it. */
  reveal(): string
  /** Always `[redacted]`. */
  toJSON(): string
  /** Always `[redacted]`. */
  toString(): string
}

/**
 * The value sits in a private field and the views live on the prototype, so that wrapping costs one small
 * object: adapters wrap every secret they decode, for every item of every list.
 */
// Built inside a pure function: the prototype's setup would otherwise keep the whole class in every bundle
// that only recognises secrets (a verifier's), since bundlers cannot tell those top-level calls are harmless.
const SecretValue = /* @__PURE__ */ (() => {
  class SecretValue implements Secret {
    readonly #value: string

    constructor(value: string) {
      this.#value = value
      Object.freeze(this)
    }

    // The mark lives on the prototype, so wrapping a value adds nothing to each object.
    get [SECRET_MARK](): true {
      return true
    }

    reveal(): string {
      return this.#value
    }

    toJSON(): string {
      return REDACTED
    }

    toString(): string {
      return REDACTED
    }

    [Symbol.toPrimitive](): string {
      return REDACTED
    }

    [INSPECT](): string {
      return `Secret(${REDACTED})`
    }
  }
  Object.freeze(SecretValue.prototype)
  return SecretValue
})()

/** Wraps a string as a `Secret`. */
export function secret(value: string): Secret {
  if (typeof value !== 'string') throw new TypeError('secret(): the value must be a string')
  return new SecretValue(value)
}

/** Whether a value is a `Secret` made by any copy of core. */
export function isSecret(value: unknown): value is Secret {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_MARK] === true
}

/** Accepts a plain string or a `Secret` and returns a `Secret`. */
export function toSecret(value: string | Secret): Secret {
  return isSecret(value) ? value : secret(value)
}

/** The value of a plain string or a `Secret`. */
export function revealSecret(value: string | Secret): string {
  return isSecret(value) ? value.reveal() : value
}

/**
 * A URL's scheme and `//`, written plainly, JSON-escaped (`https:\/\/`, as providers echo URLs in JSON
 * text) or URL-encoded (`https%3A%2F%2F`, as a URL travels in a query string), then its user info up to
 * the last `@` (or `%40`) of the authority, so an unencoded `@` inside a password does not leak the rest.
 * The user info stops where the authority ends in any of those writings: `/`, `\/`, `%2F`, `?`, `#`.
 */
const URL_USER_INFO = /([a-z][a-z0-9+.-]*(?::|%3a)(?:\\*\/|%2f){2})((?:[^\s/?#"'\\%]|\\[^/]|%(?!2f|3f|23))+)(@|%40)/gi

/**
 * Replaces the user-info part of a URL (`https://user:pass@host`) with `***`, in its plain, JSON-escaped
 * and URL-encoded forms. Works on strings that are not valid URLs too, since error messages and raw
 * bodies carry URLs in free text.
 */
export function redactUrl(text: string): string {
  return text.replace(URL_USER_INFO, '$1***$3')
}

/**
 * The forms a secret takes when it is embedded somewhere: raw, JSON-escaped, URL-encoded, base64 (as in
 * Basic auth) and hex.
 */
export function secretForms(value: string): string[] {
  const bytes = new TextEncoder().encode(value)
  const base64 = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '')
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  // Both alphabets of base64 and both cases of hex: encoders differ, and a log shows whichever one ran.
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    base64,
    base64.replace(/\+/g, '-').replace(/\//g, '_'),
    hex,
    hex.toUpperCase(),
  ]
  return [...new Set(forms)]
}

/**
 * A credential-bearing header echoed in text (`authorization: Basic …`, `"x-api-key":"…"`, as an error
 * page may show the request): its whole value, scheme and all, is hidden, whatever secrets are known.
 */
const CREDENTIAL_HEADER =
  /\b((?:proxy-)?authorization|x-api-key|api-key|cookie)(\\?["']?\s*[:=]\s*\\?["']?)(?:(?:basic|bearer|digest|token)\s+)?[^\s"'\\,;}<&]+/gi

/** Hides the values of credential-bearing headers in free text. */
export const redactCredentialHeaders = (text: string): string => text.replace(CREDENTIAL_HEADER, `$1$2${REDACTED}`)

/**
 * Replaces every occurrence of the given secret values (in any of their forms), the values of
 * credential-bearing headers, and URL credentials, in a string.
 */
export function redactText(text: string, secrets: readonly (string | Secret)[] = []): string {
  let out = redactCredentialHeaders(redactUrl(text))
  // Longest first: a token that embeds a shorter secret (Basic's base64 of `keyId:secret`) goes whole.
  const values = secrets.map(revealSecret).sort((a, b) => b.length - a.length)
  for (const v of values) {
    // Short values would redact ordinary words; credentials are never this short.
    if (v.length < 6) continue
    for (const form of secretForms(v)) out = out.split(form).join(REDACTED)
  }
  return out
}

const SECRET_KEYS = /^(secret|secret_?key|public_?key|api_?key|api_?secret|key_?secret|password|authorization|sign|signature|digest|private_?key|token)$/i

/** Whether a field name says it holds a credential (`secretKey`, `api_key`, `signature`, …). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_KEYS.test(name)
}

/** Whether a redacted view hides a field's whole value: its name says it holds a credential, and it holds one. */
export const hidesField = (name: string, value: unknown): boolean =>
  isSecretFieldName(name) && value !== null && value !== undefined && typeof value !== 'boolean'

/**
 * A deep copy of a JSON-like value with secrets removed: `Secret`s, fields whose names say they hold a
 * credential, URL credentials and any of the given secret values inside strings.
 */
export function redactDeep(value: unknown, secrets: readonly (string | Secret)[] = []): unknown {
  return redactDeepWith(value, (text) => redactText(text, secrets))
}

/** `redactDeep` with the redaction of strings chosen by the caller. */
export function redactDeepWith(value: unknown, redactString: (text: string) => string, depth = 0): unknown {
  if (depth > 20) return '[…]'
  if (isSecret(value)) return REDACTED
  if (typeof value === 'string') return redactString(value)
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return value
  if (Array.isArray(value)) return value.map((v) => redactDeepWith(v, redactString, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] = hidesField(k, v) ? REDACTED : redactDeepWith(v, redactString, depth + 1)
  }
  return out
}

/**
 * Makes `JSON.stringify` and `util.inspect` of an object show its redacted form, while the object's own
 * properties keep their real values for the code that reads them explicitly.
 */
export function withRedactedViews<T extends object>(target: T, secrets: readonly (string | Secret)[] = []): T {
  const view = () => redactDeep({ ...target }, secrets)
  Object.defineProperty(target, 'toJSON', { value: view, enumerable: false, configurable: true })
  Object.defineProperty(target, INSPECT, {
    value: (_depth: number, options: { stylize?: unknown }, inspect?: (v: unknown, o: unknown) => string) => (inspect ? inspect(view(), options) : view()),
    enumerable: false,
    configurable: true,
  })
  return target
}
