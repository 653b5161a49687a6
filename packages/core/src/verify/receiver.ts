/**
 * One receiver for every provider: give it a standard `Request` (Node 18+, Next.js route handlers,
 * Hono, Bun, Deno, workers) and the verifiers of the providers you use; it tells which provider sent
 * the delivery and returns the verified event, typed by provider.
 */

import * as E from './either.js'
import type { TaskEither } from 'fp-ts/TaskEither'
import { shapeOf } from './inputs.js'
import {
  hasHeader,
  type HeadersLike,
  type NormalizedEvent,
  type RawBody,
  type Verifier,
  type VerificationError,
  verificationError,
  VerificationFailure,
} from './verification.js'

type AnyVerifier = Verifier<string, NormalizedEvent>

/**
 * A verified delivery: which provider sent it, and its event. A union discriminated by `provider`, so
 * after `received.provider === 'razorpay'` the event is Razorpay's.
 */
export type Received<V extends AnyVerifier = AnyVerifier> = V extends Verifier<infer P, infer Event> ? { readonly provider: P; readonly event: Event } : never

/** What a given receiver yields: `ReceivedOf<typeof receiver>`. */
export type ReceivedOf<R> = R extends Receiver<infer V> ? Received<V> : never

/**
 * Receives deliveries of several providers at one endpoint: picks the verifier by the signature headers
 * present and returns the verified event with its provider.
 */
export interface Receiver<V extends AnyVerifier = AnyVerifier> {
  /** Verifies a delivery. Reads the request body; the request cannot be read again afterwards. */
  receive(request: Request): TaskEither<VerificationError, Received<V>>
  /** The same check on a body and headers already in hand (Express with `express.raw()`, say). */
  receiveRaw(body: RawBody, headers: HeadersLike): TaskEither<VerificationError, Received<V>>
  /** The providers this receiver accepts, in the order given. */
  readonly providers: readonly V['provider'][]
}

const isVerifier = (value: unknown): value is AnyVerifier =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AnyVerifier).provider === 'string' &&
  Array.isArray((value as AnyVerifier).signatureHeaders) &&
  (value as AnyVerifier).signatureHeaders.length > 0 &&
  typeof (value as AnyVerifier).verify === 'function'

/** Refuses anything but a non-empty list of verifiers, so a mistake shows at start-up, not per delivery. */
function checkVerifiers(verifiers: unknown): asserts verifiers is readonly AnyVerifier[] {
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
export function createReceiver<const V extends readonly AnyVerifier[]>(verifiers: V): Receiver<V[number]> {
  checkVerifiers(verifiers)
  const list = [...verifiers] as V[number][]
  const expected = list.map((v) => `${v.provider}: ${v.signatureHeaders.join(' + ')}`).join('; ')

  const receiveRaw =
    (body: RawBody, headers: HeadersLike): TaskEither<VerificationError, Received<V[number]>> =>
    async () => {
      const candidates = list.filter((v) => v.signatureHeaders.every((h) => hasHeader(headers, h)))
      if (candidates.length === 0) return E.left(verificationError('unknown', 'missing_header', `no known signature header is present (expected ${expected})`))
      let firstError: VerificationError | undefined
      for (const verifier of candidates) {
        const result = await verifier.verify(body, headers)()
        if (E.isRight(result)) return E.right(Object.freeze({ provider: verifier.provider, event: result.right }) as Received<V[number]>)
        firstError ??= result.left
      }
      return E.left(firstError!)
    }

  return Object.freeze({
    providers: Object.freeze(list.map((v) => v.provider)),
    receiveRaw,
    receive: (request: Request) => async () => {
      let body: Uint8Array
      try {
        body = new Uint8Array(await request.arrayBuffer())
      } catch {
        return E.left(verificationError('unknown', 'body_not_raw', 'the request body could not be read (was it read already?)'))
      }
      return receiveRaw(body, request.headers)()
    },
  })
}

/** Receives a request, resolving with the delivery or rejecting with a `VerificationFailure`: for code without fp-ts. */
export async function receiveOrThrow<V extends AnyVerifier>(receiver: Receiver<V>, request: Request): Promise<Received<V>> {
  const result = await receiver.receive(request)()
  if (E.isLeft(result)) throw new VerificationFailure(result.left)
  return result.right
}
