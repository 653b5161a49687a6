// Cloudflare Workers: secrets come from `env`, so the receiver is built per environment and kept.
import { createReceiver } from '@unihook/core/verify'
import { razorpayVerifier } from '@unihook/razorpay/verify'

interface Env {
  readonly RAZORPAY_WEBHOOK_SECRET: string
}

let receiver: ReturnType<typeof build> | undefined
const build = (env: Env) => createReceiver([razorpayVerifier({ secrets: env.RAZORPAY_WEBHOOK_SECRET })])

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    receiver ??= build(env)
    const result = await receiver.receive(request)()
    if (result._tag === 'Left') return new Response(result.left.reason, { status: 400 })
    const { event } = result.right
    console.log(event.id, event.type) // de-duplicate by event.id (say, in KV or D1)
    return new Response('ok')
  },
}
