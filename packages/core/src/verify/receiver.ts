/**
 * One receiver for every provider: give it a standard `Request` (Node 18+, Next.js route handlers,
 * Hono, Bun, Deno, workers) and the verifiers of the providers you use; it tells which provider sent
 * the delivery and returns the verified event.
 */

import * as E from 'fp-ts/Either'
import { shapeOf } from './inputs.js'
import { hasHeader, type NormalizedEvent, type Verifier, type VerificationError, verificationError } from './verification.js'

export interface Received {
  readonly provider: string
  readonly event: NormalizedEvent
}

export interface Receiver {
  /** Verifies a delivery. Reads the request body; the request cannot be read again afterwards. */
  receive(request: Request): Promise<E.Either<VerificationError, Received>>
  /** The same check on a body and headers already in hand (Express with `express.raw()`, say). */
  receiveRaw(body: string | Uint8Array | ArrayBuffer, headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>): E.Either<VerificationError, Received>
}

const isVerifier = (value: unknown): value is Verifier =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Verifier).provider === 'string' &&
  Array.isArray((value as Verifier).signatureHeaders) &&
  (value as Verifier).signatureHeaders.length > 0 &&
  typeof (value as Verifier).verify === 'function'

/** Refuses anything but a non-empty list of verifiers, so a mistake shows at start-up, not per delivery. */
function checkVerifiers(verifiers: unknown): asserts verifiers is readonly Verifier[] {
  if (!Array.isArray(verifiers) || verifiers.length === 0) {
    throw new TypeError(`createReceiver() needs a non-empty list of verifiers (got ${shapeOf(verifiers)})`)
  }
  verifiers.forEach((v: unknown, i) => {
    if (!isVerifier(v)) throw new TypeError(`createReceiver(): verifiers[${i}] is not a verifier (got ${shapeOf(v)})`)
  })
}

/**
 * The verifier is chosen by the signature headers present. When several match (two providers using the
 * same header name), each is tried in the given order and the first success wins; when none verifies,
 * the first matching verifier's error is returned.
 */
export function createReceiver(verifiers: readonly Verifier[]): Receiver {
  checkVerifiers(verifiers)
  const receiveRaw: Receiver['receiveRaw'] = (body, headers) => {
    const candidates = verifiers.filter((v) => v.signatureHeaders.every((h) => hasHeader(headers, h)))
    if (candidates.length === 0) {
      const expected = verifiers.map((v) => `${v.provider}: ${v.signatureHeaders.join(' + ')}`).join('; ')
      return E.left(verificationError('unknown', 'missing_header', `no known signature header is present (expected ${expected})`))
    }
    let firstError: VerificationError | undefined
    for (const verifier of candidates) {
      const result = verifier.verify(body, headers)
      if (E.isRight(result)) return E.right({ provider: verifier.provider, event: result.right })
      firstError ??= result.left
    }
    return E.left(firstError!)
  }
  return {
    receiveRaw,
    async receive(request) {
      const body = new Uint8Array(await request.arrayBuffer())
      return receiveRaw(body, request.headers)
    },
  }
}
