/**
 * A Next.js App Router / Vercel edge route handler, type-checked by runtimes.test.ts against the built
 * packages with no `@types/node` at all (see tsconfig.json here): only the standard Request and Response.
 */

import { calypsoVerifier } from '@unihook/calypso/verify'
import { conektaVerifier } from '@unihook/conekta/verify'
import { createReceiver, isVerificationError, verifyOrThrow } from '@unihook/core/verify'
import { razorpayVerifier } from '@unihook/razorpay/verify'

export const runtime = 'edge'

declare const env: { RAZORPAY_WEBHOOK_SECRET: string; CONEKTA_PUBLIC_KEY: string; CALYPSO_PUBLIC_KEY: string; CALYPSO_SECRET_KEY: string }

const receiver = createReceiver([
  razorpayVerifier({ secrets: env.RAZORPAY_WEBHOOK_SECRET }),
  conektaVerifier({ publicKeys: env.CONEKTA_PUBLIC_KEY }),
  calypsoVerifier({ secrets: { [env.CALYPSO_PUBLIC_KEY]: env.CALYPSO_SECRET_KEY } }),
])

export async function POST(request: Request): Promise<Response> {
  const result = await receiver.receive(request)()
  if (result._tag === 'Left') return Response.json({ error: result.left.reason }, { status: 400 })
  const { provider, event } = result.right
  switch (provider) {
    case 'razorpay':
      return Response.json({ id: event.id, type: event.type, payment: event.data.payment?.entity.amount })
    case 'conekta':
      // The test event (webhook_ping) carries no object.
      return Response.json({ id: event.id, type: event.type, object: event.type === 'webhook_ping' ? null : event.data.object.id })
    case 'calypso':
      return Response.json({ id: event.id, type: event.type, service: event.service })
  }
}

/** The same with one provider and no fp-ts: `verifyOrThrow` rejects with a tagged error. */
export async function PUT(request: Request): Promise<Response> {
  try {
    const event = await verifyOrThrow(razorpayVerifier({ secrets: env.RAZORPAY_WEBHOOK_SECRET }), await request.text(), request.headers)
    return Response.json({ id: event.id })
  } catch (error) {
    if (isVerificationError(error)) return Response.json({ error: error.reason }, { status: 400 })
    throw error
  }
}
